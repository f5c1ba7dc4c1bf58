package io.lethe.debugger.window;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import io.lethe.engine.instance.Ids;
import io.lethe.engine.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Append-only record of debugger decisions that matter for privacy: windows opened and closed
 * (unredacted ones in particular), reveal permissions granted and revoked, replays. Entries hold
 * who, when, which sequence and the choice made, never traced values.
 */
public final class DebugAudit {

    public static final String COLLECTION = "debug_audit";

    /** One audited decision. */
    public record Entry(String action, String actor, String sequence, Instant at, Map<String, Object> details) {
    }

    private final MongoCollection<Document> entries;
    private final Clock clock;

    public DebugAudit(Database database, Clock clock) {
        this.entries = database.collection(COLLECTION);
        this.clock = clock;
    }

    public void record(String action, String actor, String sequence, Map<String, Object> details) {
        entries.insertOne(new Document("_id", Ids.next()).append("action", action).append("actor", actor)
                .append("sequence", sequence).append("at", Date.from(clock.instant())).append("details", new Document(details)));
    }

    /** Newest first. */
    public List<Entry> latest(int limit) {
        List<Entry> out = new ArrayList<>();
        for (Document d : entries.find().sort(Sorts.descending("at")).limit(limit)) {
            Document details = d.get("details", Document.class);
            out.add(new Entry(d.getString("action"), d.getString("actor"), d.getString("sequence"),
                    d.getDate("at").toInstant(), details == null ? Map.of() : Map.copyOf(details)));
        }
        return out;
    }
}
