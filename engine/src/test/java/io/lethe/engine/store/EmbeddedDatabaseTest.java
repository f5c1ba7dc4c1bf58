package io.lethe.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.engine.testkit.RawBytes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    void shouldKeepServingWhenACompactionFails() throws Exception {
        var notes = database.collection("notes");
        notes.insertOne(new Document("_id", "n1").append("text", "still here"));
        // Given: the compaction's temporary file cannot be made (a non-empty directory stands in its way).
        Files.createDirectories(dir.resolve("db").resolve(EmbeddedMongo.FILE_NAME + ".compacting").resolve("blocker"));

        // When / then: the compaction fails, and the store it closed is open again.
        assertThatThrownBy(() -> database.compact()).isInstanceOf(java.io.UncheckedIOException.class);
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
            return snapshot.getCollection("notes").find().map(d -> d.getString("_id")).into(new java.util.ArrayList<>());
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
