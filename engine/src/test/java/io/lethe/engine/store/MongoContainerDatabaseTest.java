package io.lethe.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

/** The same contract against a real MongoDB; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class MongoContainerDatabaseTest extends DatabaseContract {

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:7");

    @Override
    protected Database open() {
        return Database.open(DatabaseOptions.external(MONGO.getReplicaSetUrl("lethe")));
    }

    @Test
    void shouldSayItIsExternal() {
        assertThat(database.mode()).isEqualTo(DatabaseMode.EXTERNAL);
    }
}
