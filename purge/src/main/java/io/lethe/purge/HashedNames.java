package io.lethe.purge;

import io.lethe.engine.connector.MongoConnectorStore;
import io.lethe.engine.model.MongoModelStore;
import io.lethe.engine.sequence.MongoSequenceStore;
import io.lethe.engine.store.Database;
import io.lethe.engine.execution.MongoExecutionStore;
import io.lethe.engine.retention.PurgeScope;
import io.lethe.engine.retention.PurgeStrategy;
import io.lethe.engine.version.MongoVersionStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;

/**
 * The names of designs (models, their attributes, sequences) as a finished purge request and its receipt keep them:
 * {@code name:} and a keyed hash. A later value purge may find a person's name inside a design's name and rename the
 * design; the ledger is append-only and hash-chained, so what it holds must hold no name in clear. A restore's replay
 * finds the designs again by hashing the names it has ({@link #resolve}); the API shows the names of designs that
 * still exist ({@link #revealer}).
 */
final class HashedNames {

    private static final String PREFIX = "name:";
    private static final Pattern HASHED = Pattern.compile("name:[A-Za-z0-9_-]{22}");

    private HashedNames() {
    }

    /** The keyed hash of a design's name (null stays null; a name already hashed stays as it is). */
    static String of(String name, Function<Object, String> hmac) {
        if (name == null || isHashed(name)) {
            return name;
        }
        return PREFIX + hmac.apply(List.of("name", name)).substring("hmac:".length());
    }

    static boolean isHashed(String name) {
        return name != null && HASHED.matcher(name).matches();
    }

    /** The name among {@code names} that {@code kept} stands for: itself when kept in clear (a receipt of an older Lethe). */
    static Optional<String> resolve(String kept, Collection<String> names, Function<Object, String> hmac) {
        if (kept == null || !isHashed(kept)) {
            return Optional.ofNullable(kept);
        }
        return names.stream().filter(n -> kept.equals(of(n, hmac))).findFirst();
    }

    /**
     * A receipt's replay with the names of designs found again in {@code database} (a restored one); empty when what
     * it names is not there (deleted, or renamed by a later purge: the archives were rewritten when that purge ran).
     * Attributes no longer in the model are left out.
     */
    static Optional<PurgeScope> resolve(PurgeScope replay, Database database, Function<Object, String> hmac) {
        return switch (replay) {
            case PurgeScope.Subject s -> {
                List<Document> models = database.collection(MongoModelStore.COLLECTION).find().into(new ArrayList<>());
                Optional<Document> model = resolve(s.model(), models.stream().map(m -> String.valueOf(m.get("_id"))).toList(), hmac)
                        .flatMap(n -> models.stream().filter(m -> n.equals(m.get("_id"))).findFirst());
                if (model.isEmpty()) {
                    yield Optional.empty();
                }
                List<String> names = model.get().getList("attributes", Object.class, List.of()).stream()
                        .map(a -> a instanceof Map<?, ?> m ? String.valueOf(m.get("name")) : "").toList();
                Map<String, PurgeStrategy> attributes = new LinkedHashMap<>();
                s.attributes().forEach((k, v) -> resolve(k, names, hmac).ifPresent(n -> attributes.put(n, v)));
                yield Optional.of(new PurgeScope.Subject(String.valueOf(model.get().get("_id")), s.ids(), null, s.all(), attributes,
                        s.everywhere(), s.values()));
            }
            case PurgeScope.Versions v -> {
                Map<String, String> ids = new HashMap<>(); // as the receipt keeps them -> as stored
                database.collection(MongoVersionStore.COLLECTION).find().forEach(d -> {
                    String id = String.valueOf(d.get("_id"));
                    ids.put(Scopes.versionId(id, n -> of(n, hmac)), id);
                });
                yield Optional.of(new PurgeScope.Versions(v.kind(), null, null, null, null, v.ids() == null ? null
                        : v.ids().stream().map(id -> ids.getOrDefault(Scopes.versionId(id, n -> of(n, hmac)), null))
                                .filter(Objects::nonNull).toList()));
            }
            case PurgeScope.Traces t -> sequence(t.sequence(), database, "debug_traces", hmac)
                    .map(n -> new PurgeScope.Traces(n.orElse(null), t.from(), t.to()));
            case PurgeScope.Executions e -> sequence(e.sequence(), database, MongoExecutionStore.COLLECTION, hmac)
                    .map(n -> new PurgeScope.Executions(n.orElse(null), e.from(), e.to()));
            default -> Optional.of(replay);
        };
    }

    /** A sequence's name (none: all sequences) found among those {@code collection}'s records ran under. */
    private static Optional<Optional<String>> sequence(String kept, Database database, String collection,
            Function<Object, String> hmac) {
        if (kept == null) {
            return Optional.of(Optional.empty());
        }
        List<String> ran = database.collection(collection).distinct("sequence", String.class).into(new ArrayList<>());
        return resolve(kept, ran, hmac).map(Optional::of);
    }

    /**
     * Replaces in a text every hashed name of a model, an attribute or a sequence that exists now by that name (read
     * once, when made); the names of designs gone or renamed stay hashed.
     */
    static UnaryOperator<String> revealer(Database database, Function<Object, String> hmac) {
        Map<String, String> known = new HashMap<>();
        for (Document model : database.collection(MongoModelStore.COLLECTION).find()) {
            known.put(of(String.valueOf(model.get("_id")), hmac), String.valueOf(model.get("_id")));
            for (Object attribute : model.getList("attributes", Object.class, List.of())) {
                if (attribute instanceof Map<?, ?> a && a.get("name") instanceof String name) {
                    known.put(of(name, hmac), name);
                }
            }
        }
        for (String collection : List.of(MongoSequenceStore.COLLECTION, MongoConnectorStore.COLLECTION)) {
            database.collection(collection).find().forEach(d -> known.put(of(String.valueOf(d.get("_id")), hmac),
                    String.valueOf(d.get("_id"))));
        }
        return text -> text == null ? null : HASHED.matcher(text)
                .replaceAll(found -> Matcher.quoteReplacement(known.getOrDefault(found.group(), found.group())));
    }
}
