package io.lethe.engine.retention;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.lethe.engine.connector.MongoConnectorStore;
import io.lethe.engine.store.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/**
 * Connector accounts: a {@link PurgeScope.Value} is redacted in descriptions and base URLs, and an
 * account whose name holds the value is renamed (its name redacted the same way references to it in
 * sequences are, so they still match). Secret header values are encrypted and never searched.
 */
public final class ConnectorPurgeTarget implements PurgeTarget {

    private final MongoCollection<Document> connectors;
    private final ValueScan scan;

    public ConnectorPurgeTarget(Database database) {
        this.connectors = database.collection(MongoConnectorStore.COLLECTION);
        this.scan = new ValueScan(connectors, List.of("description", "baseUrl"));
    }

    @Override
    public String name() {
        return "connectors";
    }

    @Override
    public Set<String> collections() {
        return Set.of(MongoConnectorStore.COLLECTION);
    }

    @Override
    public boolean handles(PurgeScope scope) {
        return scope instanceof PurgeScope.Value;
    }

    @Override
    public long plan(PurgeScope scope) {
        if (!(scope instanceof PurgeScope.Value v)) {
            return 0;
        }
        ValueRedactor redactor = new ValueRedactor(v.value());
        long named = namedAfter(redactor).size();
        return scan.count(redactor) + named;
    }

    @Override
    public PurgeCounts execute(PurgeScope scope) {
        if (!(scope instanceof PurgeScope.Value v)) {
            return PurgeCounts.NONE;
        }
        ValueRedactor redactor = new ValueRedactor(v.value());
        long changed = scan.redact(redactor).size();
        for (Document account : namedAfter(redactor)) {
            String renamed = (String) redactor.redact(account.getString("_id"));
            Document copy = new Document(account);
            copy.put("_id", renamed);
            if (connectors.countDocuments(Filters.eq("_id", renamed)) == 0) {
                connectors.insertOne(copy);
            }
            connectors.deleteOne(Filters.eq("_id", account.get("_id")));
            changed++;
        }
        return new PurgeCounts(changed, 0);
    }

    @Override
    public long verify(PurgeScope scope) {
        return plan(scope);
    }

    private List<Document> namedAfter(ValueRedactor redactor) {
        List<Document> found = new ArrayList<>();
        for (Document account : connectors.find()) {
            if (redactor.occursIn(account.getString("_id"))) {
                found.add(account);
            }
        }
        return found;
    }
}
