package io.lethe.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBackendTest {

    @TempDir
    Path dir;

    @Test
    void shouldOpenAStoreWithSecondaryIndexesWithoutReadingEveryDocument() {
        // Given: 3 000 documents of about 1 KB on file, in a collection with two secondary indexes.
        seed();

        // When: the store is opened again (no cache warm-up: the opening alone) and one document is read by its id.
        try (EmbeddedMongo embedded = EmbeddedMongo.start(dir, false);
                MongoClient client = MongoClients.create(embedded.connectionString())) {
            MongoCollection<Document> people = client.getDatabase("lethe").getCollection("people");
            assertThat(people.find(Filters.eq("_id", "p42")).first()).containsEntry("city", "C2");

            // Then: a small part of the file was read, and the indexes are still there for clients that list them.
            assertThat(embedded.bytesRead()).isLessThan(embedded.fileSize() / 4);
            assertThat(people.listIndexes().map(index -> index.getString("name")).into(new ArrayList<>()))
                    .contains("city_1", "model_1_active_1");
            assertThat(people.countDocuments(Filters.eq("city", "C3"))).isEqualTo(300);
        }
    }

    @Test
    void shouldKeepTheStoreInADirectoryNoOtherAccountMayOpen() throws Exception {
        Path store = dir.resolve("db");
        try (EmbeddedMongo embedded = EmbeddedMongo.start(store, false)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store))).isEqualTo("rwx------");
        }
    }

    @Test
    void shouldReadTheStoreIntoItsCacheInTheBackgroundOnceOpened() throws Exception {
        seed();

        try (EmbeddedMongo embedded = EmbeddedMongo.start(dir); MongoClient client = MongoClients.create(embedded.connectionString())) {
            // When: the warm-up has run
            embedded.warmed().get(30, TimeUnit.SECONDS);
            long warm = embedded.bytesRead();

            // Then: it read the documents, and a scan of them all reads nothing more from the file
            assertThat(warm).isGreaterThan(embedded.fileSize() / 2);
            assertThat(client.getDatabase("lethe").getCollection("people").find().into(new ArrayList<>())).hasSize(3000);
            assertThat(embedded.bytesRead()).isEqualTo(warm);

            // and: after a compaction (which reopens the store) too
            embedded.compact();
            embedded.warmed().get(30, TimeUnit.SECONDS);
            long again = embedded.bytesRead();
            assertThat(client.getDatabase("lethe").getCollection("people").countDocuments(Filters.eq("city", "C3"))).isEqualTo(300);
            assertThat(embedded.bytesRead()).isEqualTo(again);
        }
    }

    private void seed() {
        try (EmbeddedMongo embedded = EmbeddedMongo.start(dir, false);
                MongoClient client = MongoClients.create(embedded.connectionString())) {
            MongoCollection<Document> people = client.getDatabase("lethe").getCollection("people");
            people.createIndex(Indexes.ascending("city"));
            people.createIndex(Indexes.ascending("model", "active"));
            List<Document> made = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                made.add(new Document("_id", "p" + i).append("city", "C" + i % 10).append("model", "person").append("active", true)
                        .append("note", "x".repeat(1000)));
            }
            people.insertMany(made);
        }
    }
}
