package io.lethe.debugger.window;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import io.lethe.engine.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * Who may open unredacted ("reveal") debug windows: a permission an admin grants to a designer
 * by name, stored and audited; nobody holds it by default.
 */
public final class RevealGrants {

    public static final String COLLECTION = "debug_reveal_grants";

    /** A stored permission. */
    public record Grant(String username, String grantedBy, Instant grantedAt) {
    }

    private final MongoCollection<Document> grants;
    private final DebugAudit audit;
    private final Clock clock;

    public RevealGrants(Database database, DebugAudit audit, Clock clock) {
        this.grants = database.collection(COLLECTION);
        this.audit = audit;
        this.clock = clock;
    }

    public Grant grant(String username, String by) {
        Grant grant = new Grant(username, by, clock.instant());
        grants.replaceOne(new Document("_id", username), new Document("_id", username).append("grantedBy", by)
                .append("grantedAt", Date.from(grant.grantedAt())), new ReplaceOptions().upsert(true));
        audit.record("reveal-granted", by, null, Map.of("username", username));
        return grant;
    }

    /** Whether there was a grant to revoke. */
    public boolean revoke(String username, String by) {
        boolean removed = grants.deleteOne(new Document("_id", username)).getDeletedCount() > 0;
        if (removed) {
            audit.record("reveal-revoked", by, null, Map.of("username", username));
        }
        return removed;
    }

    public Optional<Grant> find(String username) {
        return Optional.ofNullable(grants.find(new Document("_id", username)).first()).map(RevealGrants::grant);
    }

    /** Every current grant, by username. */
    public List<Grant> all() {
        return grants.find().sort(new Document("_id", 1)).map(RevealGrants::grant).into(new ArrayList<>());
    }

    private static Grant grant(Document d) {
        return new Grant(d.getString("_id"), d.getString("grantedBy"), d.getDate("grantedAt").toInstant());
    }

    public boolean has(String username) {
        return find(username).isPresent();
    }
}
