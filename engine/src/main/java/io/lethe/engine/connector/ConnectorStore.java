package io.lethe.engine.connector;

import java.util.List;
import java.util.Optional;

/** Connector accounts, secrets included (callers that show accounts must leave the secrets out). */
public interface ConnectorStore {

    Optional<ConnectorAccount> find(String name);

    List<ConnectorAccount> list();

    void save(ConnectorAccount account);

    boolean delete(String name);
}
