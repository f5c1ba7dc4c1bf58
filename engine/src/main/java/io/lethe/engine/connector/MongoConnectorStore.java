package io.lethe.engine.connector;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.lethe.engine.secret.ServerSecrets;
import io.lethe.engine.store.Database;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/** Connector accounts in {@code connectors}; secret header values are sealed with AES-GCM under a server key. */
public final class MongoConnectorStore implements ConnectorStore {

    public static final String COLLECTION = "connectors";

    private final MongoCollection<Document> connectors;
    private final SecretBox box;
    private volatile Runnable changed = () -> { };

    public MongoConnectorStore(Database database, ServerSecrets secrets) {
        this.connectors = database.collection(COLLECTION);
        this.box = new SecretBox(secrets.key("connector-secrets"));
    }

    /** {@code changed} is told after an account was saved or deleted (e.g. its secrets must be redacted at once). */
    public void onChange(Runnable changed) {
        this.changed = changed;
    }

    @Override
    public Optional<ConnectorAccount> find(String name) {
        return Optional.ofNullable(connectors.find(Filters.eq("_id", name)).first()).map(this::toAccount);
    }

    @Override
    public List<ConnectorAccount> list() {
        return connectors.find().sort(Sorts.ascending("_id")).map(this::toAccount).into(new ArrayList<>());
    }

    @Override
    public void save(ConnectorAccount account) {
        Document sealed = new Document();
        account.secretHeaders().forEach((k, v) -> sealed.append(k, box.seal(v)));
        Document doc = new Document("_id", account.name())
                .append("description", account.description())
                .append("baseUrl", account.baseUrl())
                .append("secretHeaders", sealed);
        connectors.replaceOne(Filters.eq("_id", account.name()), doc, new ReplaceOptions().upsert(true));
        changed.run();
    }

    @Override
    public boolean delete(String name) {
        boolean deleted = connectors.deleteOne(Filters.eq("_id", name)).getDeletedCount() == 1;
        changed.run();
        return deleted;
    }

    private ConnectorAccount toAccount(Document doc) {
        Map<String, String> headers = new LinkedHashMap<>();
        Document sealed = doc.get("secretHeaders", Document.class);
        if (sealed != null) {
            sealed.forEach((k, v) -> headers.put(k, box.open(String.valueOf(v))));
        }
        return new ConnectorAccount(doc.getString("_id"), doc.getString("description"), doc.getString("baseUrl"), headers);
    }
}
