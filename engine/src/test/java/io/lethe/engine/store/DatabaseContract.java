package io.lethe.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link Database} must do, whichever server is behind it. */
abstract class DatabaseContract {

    protected Database database;

    protected abstract Database open();

    @BeforeEach
    void openDatabase() {
        database = open();
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void shouldRoundTripDocuments() {
        var people = database.collection("people-" + UUID.randomUUID());
        people.insertOne(new Document("_id", "p1").append("name", "Ada").append("age", 36));

        Document found = people.find(new Document("_id", "p1")).first();

        assertThat(found).isNotNull();
        assertThat(found.getString("name")).isEqualTo("Ada");
        assertThat(found.getInteger("age")).isEqualTo(36);
    }

    @Test
    void shouldEnforceUniqueIndexes() {
        var users = database.collection("users-" + UUID.randomUUID());
        users.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
        users.insertOne(new Document("email", "a@example.org"));

        assertThatThrownBy(() -> users.insertOne(new Document("email", "a@example.org")))
                .isInstanceOf(MongoWriteException.class);
        assertThat(users.countDocuments()).isEqualTo(1);
    }

    @Test
    void shouldKeepLiveDataWhenCompacting() {
        var things = database.collection("things-" + UUID.randomUUID());
        things.insertOne(new Document("_id", "keep").append("v", "still here"));
        things.insertOne(new Document("_id", "drop").append("v", "gone"));
        things.deleteOne(new Document("_id", "drop"));

        CompactionResult result = database.compact();

        assertThat(result.bytesAfter()).isPositive();
        assertThat(things.find(new Document("_id", "keep")).first()).containsEntry("v", "still here");
        assertThat(things.countDocuments()).isEqualTo(1);
    }
}
