package io.lethe.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteDepthTest {

    @TempDir
    Path dir;

    @Test
    void shouldRefuseDocumentsNestedDeeperThanMongoDbAllowsAndStayWritable() {
        try (EmbeddedMongo embedded = EmbeddedMongo.start(dir, false);
                MongoClient client = MongoClients.create(embedded.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("lethe").getCollection("things");
            things.insertOne(new Document("_id", "ok").append("v", nested(95)));

            // When: documents nested 400 levels deep are inserted, set by an update, or reached by a dotted path
            assertThatThrownBy(() -> things.insertOne(new Document("_id", "deep").append("v", nested(400))))
                    .isInstanceOf(MongoException.class).hasMessageContaining("nested deeper than 100 levels");
            assertThatThrownBy(() -> things.updateOne(Filters.eq("_id", "ok"), Updates.set("v", List.of(nested(400)))))
                    .isInstanceOf(MongoException.class).hasMessageContaining("nested deeper than 100 levels");
            assertThatThrownBy(() -> things.updateOne(Filters.eq("_id", "ok"), Updates.set("v" + ".a".repeat(60), nested(60))))
                    .isInstanceOf(MongoException.class).hasMessageContaining("nested deeper than 100 levels");

            // Then: the store writes its file (H2's writer overflowed its stack on such a document and closed the store)
            embedded.flush();
            assertThat(embedded.failed()).isFalse();
            things.insertOne(new Document("_id", "after"));
        }
        try (EmbeddedMongo embedded = EmbeddedMongo.start(dir, false);
                MongoClient client = MongoClients.create(embedded.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("lethe").getCollection("things");
            assertThat(things.find().map(d -> d.getString("_id")).into(new ArrayList<>())).containsExactlyInAnyOrder("ok", "after");
        }
    }

    @Test
    void shouldSayTheStoreFailedOnceH2HasClosedIt() {
        try (EmbeddedMongo embedded = EmbeddedMongo.start(dir, false)) {
            assertThat(embedded.failed()).isFalse();

            embedded.store().closeImmediately(); // what H2 does when its background writer fails

            assertThat(embedded.failed()).isTrue();
        }
    }

    @Test
    void shouldCountDottedKeysAsTheLevelsTheyReach() {
        assertThat(WriteDepth.depth(new Document("a", new Document("b", 1)))).isEqualTo(2);
        assertThat(WriteDepth.depth(new Document("$set", new Document("a.b.c", List.of(1))))).isEqualTo(5);
    }

    private static Document nested(int levels) {
        Document inner = new Document("leaf", 1);
        for (int i = 1; i < levels; i++) {
            inner = new Document("a", inner);
        }
        return inner;
    }
}
