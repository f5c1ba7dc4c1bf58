package io.lethe.engine.block;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.engine.execution.ExecutionResult;
import io.lethe.engine.sequence.BlockDefinition;
import io.lethe.engine.testkit.EngineFixture;
import io.lethe.engine.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A confirmation link's token: issued by one sequence, checked by another. */
class TokenBlocksTest {

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
    EngineFixture lethe;
    String issue;
    String check;

    @BeforeEach
    void start() {
        lethe = new EngineFixture(dir, clock);
        issue = lethe.sequence(List.of(BlockDefinition.of("seal", "issue-token", Map.of(
                "value", "{{input.email}}", "purpose", "forget-me", "minutes", 30))));
        check = lethe.sequence(List.of(BlockDefinition.of("open", "check-token", Map.of(
                "token", "{{input.token}}", "purpose", "forget-me"))));
    }

    @AfterEach
    void stop() {
        lethe.close();
    }

    private String token(String email) {
        ExecutionResult issued = lethe.run(issue, Map.of("email", email));
        assertThat(issued.succeeded()).as(issued.error()).isTrue();
        return (String) ((Map<?, ?>) issued.output()).get("token");
    }

    @Test
    void shouldGiveBackTheValueOfAGenuineTokenThatNobodyCanReadFromIt() {
        String token = token("ada@example.org");

        ExecutionResult opened = lethe.run(check, Map.of("token", token));

        assertThat(opened.output()).isEqualTo(Map.of("value", "ada@example.org"));
        assertThat(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.ISO_8859_1)).doesNotContain("ada@");
    }

    @Test
    void shouldRefuseATokenThatIsExpiredTamperedForgedOrForAnotherPurpose() {
        String token = token("ada@example.org");
        String other = lethe.sequence(List.of(BlockDefinition.of("open", "check-token", Map.of(
                "token", "{{input.token}}", "purpose", "newsletter"))));
        char last = token.charAt(token.length() - 2);
        String tampered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);

        assertThat(lethe.run(check, Map.of("token", tampered)).error()).endsWith("the token is refused: not a token of this server");
        assertThat(lethe.run(check, Map.of("token", "not-a-token")).error()).endsWith("not a token of this server");
        assertThat(lethe.run(check, Map.of()).error()).endsWith("not a token of this server");
        assertThat(lethe.run(other, Map.of("token", token)).error()).endsWith("the token is refused: made for another purpose");
        clock.advance(Duration.ofMinutes(30));
        assertThat(lethe.run(check, Map.of("token", token)).error()).endsWith("the token is refused: expired");
    }

    @Test
    void shouldNotIssueATokenOfNothing() {
        assertThat(lethe.run(issue, Map.of()).error()).endsWith("the value resolved to nothing: no token for it");
    }
}
