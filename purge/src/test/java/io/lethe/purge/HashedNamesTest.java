package io.lethe.purge;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.engine.json.Json;
import io.lethe.engine.retention.PurgeScope;
import io.lethe.engine.retention.PurgeStrategy;
import io.lethe.engine.testkit.EngineFixture;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A finished purge keeps the names of designs as keyed hashes; a replay finds them again, the API shows them. */
class HashedNamesTest {

    @TempDir
    Path dir;

    EngineFixture lethe;
    Function<Object, String> hmac;

    @BeforeEach
    void start() {
        lethe = new EngineFixture(dir);
        hmac = lethe.engine.attributePurge()::hmac;
        lethe.database.collection("models").insertOne(new Document("_id", "ada_people")
                .append("attributes", List.of(new Document("name", "email"), new Document("name", "plan"))));
        lethe.database.collection("versions").insertOne(new Document("_id", "sequence:greet-ada:1").append("kind", "sequence")
                .append("name", "greet-ada").append("number", 1));
        lethe.database.collection("executions").insertOne(new Document("_id", "e1").append("sequence", "greet-ada"));
    }

    @AfterEach
    void stop() {
        lethe.close();
    }

    @Test
    void shouldForgetEveryNameOfAScopeAndFindItAgainInADatabaseThatHasIt() {
        PurgeScope subject = new PurgeScope.Subject("ada_people", List.of("i1"), Map.of("email", "ada@x.org"), false,
                Map.of("email", PurgeStrategy.NULL, "gone", PurgeStrategy.NULL));
        PurgeScope.Subject forgotten = (PurgeScope.Subject) Scopes.forget(subject, hmac);
        PurgeScope.Versions versions = (PurgeScope.Versions) Scopes.forget(new PurgeScope.Versions("sequence", "greet-ada", null, null,
                null, List.of("sequence:greet-ada:1")), hmac);
        PurgeScope.Executions executions = (PurgeScope.Executions) Scopes.forget(
                new PurgeScope.Executions("greet-ada", null, Instant.parse("2026-01-01T00:00:00Z")), hmac);

        String kept = Receipts.replay(forgotten) + " " + Receipts.replay(versions) + " " + Receipts.replay(executions)
                + " " + Scopes.describe(forgotten) + Scopes.describe(versions) + Scopes.describe(executions);
        assertThat(kept).doesNotContain("ada").doesNotContain("email").contains("name:");

        PurgeScope replayed = Json.convert(Receipts.replay(forgotten), PurgeScope.class); // as a restore reads the ledger
        assertThat(HashedNames.resolve(replayed, lethe.database, hmac)).get().isEqualTo(new PurgeScope.Subject("ada_people",
                List.of("i1"), null, false, Map.of("email", PurgeStrategy.NULL)));
        assertThat(HashedNames.revealer(lethe.database, hmac).apply(Scopes.describe(forgotten))).as("shown by the names they have")
                .startsWith("instances of model 'ada_people' selected by 1 id(s); attributes [")
                .contains("email→null").containsPattern("name:[A-Za-z0-9_-]{22}→null"); // "gone": no attribute of it now
        assertThat(HashedNames.resolve(versions, lethe.database, hmac)).get().extracting(v -> ((PurgeScope.Versions) v).ids())
                .isEqualTo(List.of("sequence:greet-ada:1"));
        assertThat(HashedNames.resolve(executions, lethe.database, hmac)).get()
                .isEqualTo(new PurgeScope.Executions("greet-ada", null, Instant.parse("2026-01-01T00:00:00Z")));

        lethe.database.collection("models").deleteMany(new Document());
        assertThat(HashedNames.resolve(forgotten, lethe.database, hmac)).as("renamed or deleted since").isEmpty();
        assertThat(HashedNames.revealer(lethe.database, hmac).apply(Scopes.describe(executions)))
                .as("names of designs that exist are shown; a sequence's records are no design").doesNotContain("greet-ada");
    }
}
