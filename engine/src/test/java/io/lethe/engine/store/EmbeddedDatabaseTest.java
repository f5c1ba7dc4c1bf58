package io.lethe.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import io.lethe.engine.testkit.RawBytes;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest extends DatabaseContract {

    @TempDir
    Path dir;

    @Override
    protected Database open() {
        return Database.open(DatabaseOptions.embedded(dir.resolve("db")));
    }

    @Test
    void shouldSayItIsEmbedded() {
        assertThat(database.mode()).isEqualTo(DatabaseMode.EMBEDDED);
    }

    @Test
    void shouldKeepDataAcrossRestart() {
        database.collection("notes").insertOne(new Document("_id", "n1").append("text", "remember me"));
        database.close();

        database = open();

        assertThat(database.collection("notes").find(new Document("_id", "n1")).first())
                .containsEntry("text", "remember me");
    }

    @Test
    void shouldPhysicallyRemoveDeletedValuesOnCompaction() {
        String canary = "canary-" + UUID.randomUUID();
        var notes = database.collection("notes");
        notes.insertOne(new Document("_id", "secret").append("text", canary));
        notes.insertOne(new Document("_id", "other").append("text", "kept"));
        database.flush();
        notes.deleteOne(new Document("_id", "secret"));
        database.flush();
        // Given: the deleted value still sits in the file's free pages.
        assertThat(RawBytes.filesContaining(dir, canary)).isNotEmpty();

        // When
        CompactionResult result = database.compact();

        // Then: gone from every byte under the directory, and the rest is intact.
        assertThat(RawBytes.filesContaining(dir, canary)).isEmpty();
        assertThat(result.bytesBefore()).isPositive();
        assertThat(notes.find(new Document("_id", "other")).first()).containsEntry("text", "kept");
        notes.insertOne(new Document("_id", "after").append("text", "writable"));
        assertThat(notes.countDocuments()).isEqualTo(2);
    }

    @Test
    void shouldKeepEveryLiveDocumentAndUniqueIndexThroughACompaction() {
        var people = database.collection("people");
        people.createIndex(new Document("email", 1), new IndexOptions().unique(true));
        List<Document> made = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            made.add(new Document("_id", "p" + i).append("email", "p" + i + "@example.org").append("n", i).append("at", new Date(i))
                    .append("tags", List.of("t", i)).append("home", new Document("city", "City " + i % 7)));
        }
        people.insertMany(made);
        people.deleteMany(Filters.lt("n", 500));

        database.compact();

        // Then: every live document as it was, served by _id, and the unique index still refuses a taken address
        // while a deleted one's is free again; and so after a restart.
        List<Document> live = new ArrayList<>(made.subList(500, 1500));
        for (int round = 0; round < 2; round++) {
            var stored = database.collection("people");
            String again = "again" + round;
            assertThat(stored.find().into(new ArrayList<>())).containsExactlyInAnyOrderElementsOf(live);
            assertThat(stored.find(Filters.eq("_id", "p1234")).first()).isEqualTo(made.get(1234));
            assertThatThrownBy(() -> stored.insertOne(new Document("_id", again).append("email", "p900@example.org")))
                    .isInstanceOf(MongoWriteException.class);
            Document back = new Document("_id", "back" + round).append("email", "p" + round + "@example.org");
            stored.insertOne(back);
            live.add(back);
            database.close();
            database = open();
        }
    }

    @Test
    void shouldKeepServingWhenACompactionFails() throws Exception {
        var notes = database.collection("notes");
        notes.insertOne(new Document("_id", "n1").append("text", "still here"));
        // Given: the compaction's temporary file cannot be made (a non-empty directory stands in its way).
        Files.createDirectories(dir.resolve("db").resolve(EmbeddedMongo.FILE_NAME + ".compacting").resolve("blocker"));

        // When / then: the compaction fails, and the store it closed is open again.
        assertThatThrownBy(() -> database.compact()).isInstanceOf(UncheckedIOException.class);
        assertThat(notes.find(new Document("_id", "n1")).first()).containsEntry("text", "still here");
        notes.insertOne(new Document("_id", "n2").append("text", "writable"));
        assertThat(notes.countDocuments()).isEqualTo(2);
    }

    @Test
    void shouldServeACopyOfOneInstantWhileTheDatabaseGoesOn() {
        var notes = database.collection("notes");
        notes.insertOne(new Document("_id", "before").append("text", "in the copy"));
        Path copy = dir.resolve("copy.mv.db");

        List<String> inCopy = database.readSnapshot(copy, snapshot -> {
            notes.insertOne(new Document("_id", "after").append("text", "not in the copy"));
            return snapshot.getCollection("notes").find().map(d -> d.getString("_id")).into(new ArrayList<>());
        });

        assertThat(inCopy).containsExactly("before");
        assertThat(notes.countDocuments()).isEqualTo(2);
        assertThat(copy).exists(); // the caller's to wipe
    }

    @Test
    void shouldPhysicallyRemoveDeletedIdsOnCompaction() {
        String canary = "id-canary-" + UUID.randomUUID();
        var notes = database.collection("keyed");
        notes.insertOne(new Document("_id", canary).append("text", "x"));
        notes.insertOne(new Document("_id", "other").append("text", "kept"));
        notes.deleteOne(new Document("_id", canary));

        database.compact();

        assertThat(RawBytes.filesContaining(dir, canary)).isEmpty();
    }

    @Test
    void shouldFailWithOneClearLineWhenMongoIsUnreachable() {
        var options = DatabaseOptions.external("mongodb://lethe:s3cret@127.0.0.1:1/lethe")
                .withServerSelectionTimeout(Duration.ofMillis(500));

        assertThatThrownBy(() -> Database.open(options))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageStartingWith("cannot reach MongoDB at mongodb://lethe:***@127.0.0.1:1/lethe")
                .hasMessageNotContaining("s3cret")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void shouldRejectMalformedUri() {
        assertThatThrownBy(() -> Database.open(DatabaseOptions.external("postgres://nope")))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageStartingWith("invalid MongoDB URI postgres://nope");
    }
}
