package io.lethe.purge;

import io.lethe.engine.store.Database;
import io.lethe.engine.store.DatabaseOptions;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

/** The same leases against a real MongoDB (its upsert must refuse a lease held by another); skipped without Docker. */
@Testcontainers(disabledWithoutDocker = true)
class MongoContainerRunLeasesTest extends RunLeasesContract {

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:7");

    @Override
    protected Database open() {
        return Database.open(DatabaseOptions.external(MONGO.getReplicaSetUrl("lethe")));
    }
}
