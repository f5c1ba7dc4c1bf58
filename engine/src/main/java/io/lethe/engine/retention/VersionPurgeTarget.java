package io.lethe.engine.retention;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.store.Database;
import io.lethe.engine.version.MongoVersionStore;
import io.lethe.engine.version.Version;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The version history: a {@link PurgeScope.Value} is redacted in place in every version (which keeps
 * its number and records {@code redactedAt}); a {@link PurgeScope.Versions} scope prunes old
 * versions (of one artefact, or of every artefact holding a value), never an artefact's newest.
 */
public final class VersionPurgeTarget implements PurgeTarget {

    private final MongoCollection<Document> versions;
    private final MongoVersionStore store;
    private final ValueScan scan;

    public VersionPurgeTarget(Database database, Clock clock) {
        this.versions = database.collection(MongoVersionStore.COLLECTION);
        this.store = new MongoVersionStore(database);
        this.scan = new ValueScan(versions, List.of("name", "document", "comment", "author"),
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
            case PurgeScope.Versions p -> selected(p).size();
            default -> 0;
        };
    }

    /** For a prune, the versions it would remove ({@code sequence 'signup' version 2}), for the admin to review. */
    @Override
    public List<String> planItems(PurgeScope scope) {
        return scope instanceof PurgeScope.Versions p ? PurgeTarget.firstItems(removable(selected(p)).stream().map(id -> {
            int first = id.indexOf(':');
            int last = id.lastIndexOf(':');
            return id.substring(0, first) + " '" + id.substring(first + 1, last) + "' version " + id.substring(last + 1);
        }).toList()) : List.of();
    }

    /** The versions scope with the ids of the versions it selects now (what its run removes). */
    public PurgeScope.Versions resolve(PurgeScope.Versions p) {
        return p.withIds(prunable(p));
    }

    @Override
    public PurgeCounts execute(PurgeScope scope) {
        return switch (scope) {
            case PurgeScope.Value v -> new PurgeCounts(scan.redact(ValueRedactor.of(v)).size(), 0);
            case PurgeScope.Versions p -> {
                List<String> ids = removable(selected(p));
                yield new PurgeCounts(0, ids.isEmpty() ? 0 : versions.deleteMany(Filters.in("_id", ids)).getDeletedCount());
            }
            default -> PurgeCounts.NONE;
        };
    }

    /** A resolved scope: how many of its versions are still there; otherwise what it would select now. */
    @Override
    public long verify(PurgeScope scope) {
        return scope instanceof PurgeScope.Versions p && p.ids() != null
                ? removable(p.ids()).size()
                : plan(scope);
    }

    /** Checks a versions scope before it is planned. */
    public static void validate(PurgeScope.Versions p) {
        boolean holding = p.containing() != null;
        if (holding && p.containing().strip().length() < 3) {
            throw InvalidInputException.of("/scope/containing", "give the value (at least 3 characters)");
        }
        if ((p.kind() != null || p.name() != null || !holding)
                && (p.kind() == null || !Set.of(Version.MODEL, Version.SEQUENCE, Version.CONNECTOR).contains(p.kind()))) {
            throw InvalidInputException.of("/scope/kind", "must be model, sequence or connector");
        }
        if (!holding && (p.name() == null || p.name().isBlank())) {
            throw InvalidInputException.of("/scope/name", "is required (unless containing is given)");
        }
        if (p.ids() != null) {
            throw InvalidInputException.of("/scope/ids", "are found when the run starts: select versions by kind, name, keepLast,"
                    + " olderThan or containing");
        }
        if (!holding && p.keepLast() == null && p.olderThan() == null) {
            throw InvalidInputException.of("/scope", "give keepLast, olderThan, containing or a combination");
        }
        if (p.keepLast() != null && p.keepLast() < 1) {
            throw InvalidInputException.of("/scope/keepLast", "must be at least 1 (the newest version is always kept)");
        }
    }

    /**
     * Of {@code ids}, those still stored that are not their artefact's newest version (the ids of an earlier
     * run may name one: a restore's replay into an archive taken before those versions had successors).
     */
    private List<String> removable(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> stored = new ArrayList<>();
        Map<String, String> newest = new HashMap<>(); // kind:name -> the id of its newest version
        for (Document v : versions.find(Filters.in("_id", ids)).projection(Projections.include("kind", "name"))) {
            stored.add(String.valueOf(v.get("_id")));
            String kind = v.getString("kind");
            String name = v.getString("name");
            newest.computeIfAbsent(kind + ":" + name, k -> MongoVersionStore.id(kind, name, store.latest(kind, name)));
        }
        stored.removeAll(newest.values());
        return stored;
    }

    private List<String> selected(PurgeScope.Versions p) {
        return p.ids() != null ? p.ids() : prunable(p);
    }

    /**
     * Ids of versions beyond their artefact's newest {@code keepLast}, saved before {@code olderThan} and holding
     * {@code containing}, as far as each is given; never an artefact's newest.
     */
    private List<String> prunable(PurgeScope.Versions p) {
        Bson artefacts = p.kind() == null ? new Document()
                : p.name() == null ? Filters.eq("kind", p.kind()) : Filters.and(Filters.eq("kind", p.kind()), Filters.eq("name", p.name()));
        Optional<ValueRedactor> holding = Optional.ofNullable(p.containing()).map(c -> ValueRedactor.of(new PurgeScope.Value(c)));
        List<String> ids = new ArrayList<>();
        String artefact = null;
        int rank = 0;
        for (Document v : versions.find(artefacts).sort(Sorts.orderBy(Sorts.ascending("kind", "name"), Sorts.descending("number")))) {
            String current = v.getString("kind") + ":" + v.getString("name");
            rank = current.equals(artefact) ? rank + 1 : 1;
            artefact = current;
            boolean beyondKept = p.keepLast() == null || rank > p.keepLast();
            boolean old = p.olderThan() == null || v.getDate("savedAt").toInstant().isBefore(p.olderThan());
            if (rank > 1 && beyondKept && old
                    && holding.map(r -> r.occursInNames(Arrays.asList(v.get("name"), v.get("document"), v.get("comment")))).orElse(true)) {
                ids.add(String.valueOf(v.get("_id")));
            }
        }
        return ids;
    }
}
