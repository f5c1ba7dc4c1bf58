package io.lethe.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a process killed at once (kill -9: no close, no last commit) leaves in the embedded store's file. */
class EmbeddedDurabilityTest {

    @TempDir
    Path dir;

    @Test
    void shouldKeepAWriteAnsweredATenthOfASecondBeforeAKill() throws Exception {
        writeThenKill("answered", embedded -> Thread.sleep(EmbeddedMongo.COMMIT_DELAY_MS * 3)); // H2 wrote it a second later before

        assertThat(ids()).containsExactly("answered");
    }

    @Test
    void shouldKeepAFlushedWriteWhateverFollows() throws Exception {
        writeThenKill("flushed", EmbeddedMongo::flush); // what a purge's state change and a ledger entry do before they are answered

        assertThat(ids()).containsExactly("flushed");
    }

    private interface Then {
        void accept(EmbeddedMongo embedded) throws Exception;
    }

    private void writeThenKill(String id, Then then) throws Exception {
        try (EmbeddedMongo embedded = EmbeddedMongo.start(dir, false);
                MongoClient client = MongoClients.create(embedded.connectionString())) {
            things(client).insertOne(new Document("_id", id));
            then.accept(embedded);
            embedded.store().closeImmediately(); // the kill: nothing more is written
        }
    }

    private List<String> ids() {
        try (EmbeddedMongo embedded = EmbeddedMongo.start(dir, false);
                MongoClient client = MongoClients.create(embedded.connectionString())) {
            return things(client).find().map(d -> d.getString("_id")).into(new ArrayList<>());
        }
    }

    private static MongoCollection<Document> things(MongoClient client) {
        return client.getDatabase("lethe").getCollection("things");
    }
}
