package io.lethe.engine.retention;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.store.Database;
import io.lethe.engine.version.MongoVersionStore;
import io.lethe.engine.version.Version;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/**
 * The version history: a {@link PurgeScope.Value} is redacted in place in every version (which keeps
 * its number and records {@code redactedAt}); a {@link PurgeScope.Versions} scope prunes old
 * versions of one artefact, never its newest.
 */
public final class VersionPurgeTarget implements PurgeTarget {

    private final MongoCollection<Document> versions;
    private final ValueScan scan;

    public VersionPurgeTarget(Database database, Clock clock) {
        this.versions = database.collection(MongoVersionStore.COLLECTION);
        this.scan = new ValueScan(versions, List.of("name", "document", "comment"),
                doc -> List.of(Updates.set("redactedAt", Date.from(clock.instant()))), true);
    }

    @Override
    public String name() {
        return "versions";
    }

    @Override
    public Set<String> collections() {
        return Set.of(MongoVersionStore.COLLECTION);
    }

    @Override
    public boolean handles(PurgeScope scope) {
        return scope instanceof PurgeScope.Value || scope instanceof PurgeScope.Versions;
    }

    @Override
    public long plan(PurgeScope scope) {
        return switch (scope) {
            case PurgeScope.Value v -> scan.count(ValueRedactor.of(v));
            case PurgeScope.Versions p -> prunable(p).size();
            default -> 0;
        };
    }

    @Override
    public PurgeCounts execute(PurgeScope scope) {
        return switch (scope) {
            case PurgeScope.Value v -> new PurgeCounts(scan.redact(ValueRedactor.of(v)).size(), 0);
            case PurgeScope.Versions p -> {
                List<Object> ids = prunable(p);
                yield new PurgeCounts(0, ids.isEmpty() ? 0 : versions.deleteMany(Filters.in("_id", ids)).getDeletedCount());
            }
            default -> PurgeCounts.NONE;
        };
    }

    @Override
    public long verify(PurgeScope scope) {
        return plan(scope);
    }

    /** Checks a versions scope before it is planned. */
    public static void validate(PurgeScope.Versions p) {
        if (!Set.of(Version.MODEL, Version.SEQUENCE, Version.CONNECTOR).contains(p.kind())) {
            throw InvalidInputException.of("/scope/kind", "must be model, sequence or connector");
        }
        if (p.name() == null || p.name().isBlank()) {
            throw InvalidInputException.of("/scope/name", "is required");
        }
        if (p.keepLast() == null && p.olderThan() == null) {
            throw InvalidInputException.of("/scope", "give keepLast, olderThan or both");
        }
        if (p.keepLast() != null && p.keepLast() < 1) {
            throw InvalidInputException.of("/scope/keepLast", "must be at least 1 (the newest version is always kept)");
        }
    }

    /** Ids of versions beyond the newest {@code keepLast} and/or saved before {@code olderThan}; never the newest. */
    private List<Object> prunable(PurgeScope.Versions p) {
        List<Object> ids = new ArrayList<>();
        int rank = 0;
        for (Document v : versions.find(Filters.and(Filters.eq("kind", p.kind()), Filters.eq("name", p.name())))
                .sort(Sorts.descending("number"))) {
            rank++;
            boolean beyondKept = p.keepLast() == null || rank > p.keepLast();
            boolean old = p.olderThan() == null || v.getDate("savedAt").toInstant().isBefore(p.olderThan());
            if (rank > 1 && beyondKept && old) {
                ids.add(v.get("_id"));
            }
        }
        return ids;
    }
}
