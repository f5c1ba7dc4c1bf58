package io.lethe.engine.block;

import io.lethe.engine.secret.SealedTokens;
import io.lethe.engine.sequence.Block;
import io.lethe.engine.sequence.BlockConfig;
import io.lethe.engine.sequence.BlockRun;
import io.lethe.engine.sequence.ConfigSchema;
import io.lethe.engine.sequence.ConfigSchema.Kind;
import io.lethe.engine.sequence.Outcome;
import io.lethe.engine.sequence.Template;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Expiring sealed tokens ({@link SealedTokens}) for confirmation links: {@code issue-token} seals a value, {@code
 * check-token} gives it back if the token is genuine, unexpired and for the same purpose. A "forget me" form mails a
 * link holding a token of the address; the sequence behind the link purges the address the token gives back.
 */
public final class TokenBlocks {

    /** The longest a token may stay valid: a week. */
    static final long MAX_MINUTES = 7 * 24 * 60;

    private TokenBlocks() {
    }

    public static List<Block<?>> all(SealedTokens tokens, Clock clock) {
        return List.of(new Issue(tokens, clock), new Check(tokens));
    }

    record IssueConfig(Template value, String purpose, Duration valid) {
    }

    static final class Issue implements Block<IssueConfig> {
        private final SealedTokens tokens;
        private final Clock clock;

        Issue(SealedTokens tokens, Clock clock) {
            this.tokens = tokens;
            this.clock = clock;
        }

        public boolean waitsOnIo() {
            return false;
        }

        public String type() {
            return "issue-token";
        }

        public String description() {
            return "Seal a value into an expiring token, e.g. for a confirmation link";
        }

        public ConfigSchema schema() {
            return ConfigSchema.builder()
                    .required("value", Kind.VALUE, "what the token carries, e.g. {{input.body.email}}; nobody can read it from the token")
                    .required("purpose", Kind.TEXT, "what the token is for, e.g. forget-me: check-token opens it only for the same purpose")
                    .optionalFixed("minutes", Kind.NUMBER, "how long it stays valid (default 60, at most a week)")
                    .build();
        }

        public IssueConfig compile(BlockConfig c) {
            return new IssueConfig(c.template("value"), c.text("purpose", null),
                    Duration.ofMinutes(c.number("minutes", 60, 1, MAX_MINUTES)));
        }

        public Outcome execute(IssueConfig config, BlockRun run) {
            Object value = run.input("value", config.value());
            if (value == null) {
                return Outcome.failed("the value resolved to nothing: no token for it");
            }
            Instant expires = clock.instant().plus(config.valid());
            return Outcome.next(Map.of("token", tokens.seal(value, config.purpose(), expires), "expiresAt", expires.toString()));
        }
    }

    record CheckConfig(Template token, String purpose) {
    }

    static final class Check implements Block<CheckConfig> {
        private final SealedTokens tokens;

        Check(SealedTokens tokens) {
            this.tokens = tokens;
        }

        public boolean waitsOnIo() {
            return false;
        }

        public String type() {
            return "check-token";
        }

        public String description() {
            return "Open a token made by issue-token: its value if it is genuine, unexpired and for this purpose, else fail";
        }

        public ConfigSchema schema() {
            return ConfigSchema.builder()
                    .required("token", Kind.VALUE, "the token, e.g. {{input.query.token}}")
                    .required("purpose", Kind.TEXT, "the purpose it was issued for")
                    .build();
        }

        public CheckConfig compile(BlockConfig c) {
            return new CheckConfig(c.template("token"), c.text("purpose", null));
        }

        public Outcome execute(CheckConfig config, BlockRun run) {
            Object token = run.input("token", config.token());
            return switch (tokens.open(token instanceof String s ? s : null, config.purpose())) {
                case SealedTokens.Opened.Valid valid -> Outcome.next(Map.of("value", valid.value()));
                case SealedTokens.Opened.Invalid invalid -> Outcome.failed("the token is refused: " + invalid.reason());
            };
        }
    }
}
