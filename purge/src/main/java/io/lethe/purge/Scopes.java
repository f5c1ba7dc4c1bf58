package io.lethe.purge;

import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.log.LogPurgeTarget;
import io.lethe.engine.retention.PurgeScope;
import io.lethe.engine.retention.PurgeStrategy;
import io.lethe.engine.retention.PurgeTarget;
import io.lethe.engine.retention.ValueRedactor;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** Describing a scope without its values, and forgetting the values once a purge is done. */
final class Scopes {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Scopes() {
    }

    /** A probe for whether a target handles value scopes (handling is by kind of scope). */
    private static final PurgeScope.Value ANY_VALUE = new PurgeScope.Value("any");

    /**
     * Whether a target takes part in a purge of {@code scope}: it handles it, or the scope is a subject to
     * forget everywhere and the target handles values (given the subject's values, see {@link #work}).
     */
    static boolean applies(PurgeTarget target, PurgeScope scope) {
        return target.handles(scope) || scope instanceof PurgeScope.Subject s && s.everywhere() && target.handles(ANY_VALUE);
    }

    /**
     * What a target works on for {@code scope}: the scope itself if it handles it, else a subject's values
     * to forget everywhere; empty when there is nothing to do.
     */
    static Optional<PurgeScope> work(PurgeTarget target, PurgeScope scope) {
        if (target.handles(scope)) {
            return Optional.of(scope);
        }
        return scope instanceof PurgeScope.Subject s
                ? s.valuesScope().filter(target::handles).map(PurgeScope.class::cast)
                : Optional.empty();
    }

    /** A sentence naming what is purged, never the values themselves. */
    static String describe(PurgeScope scope) {
        return switch (scope) {
            case PurgeScope.Subject s -> "instances of model '" + s.model() + "' selected by "
                    + (!s.ids().isEmpty() ? s.ids().size() + " id(s)"
                            : s.all() ? "all instances" : "a filter on " + new TreeSet<>(s.where().keySet()))
                    + "; attributes " + new TreeSet<>(s.attributes().entrySet().stream()
                            .map(e -> e.getKey() + "→" + e.getValue().label()).toList())
                    + (s.everywhere() ? "; the values of its personal attributes also wherever else they occur" : "");
            case PurgeScope.Value v -> v.all().size() == 1
                    ? "one value, wherever it occurs as a whole token" // not even its length: a receipt holds nothing of it
                    : v.all().size() + " values, wherever they occur as whole tokens";
            case PurgeScope.Versions p -> "old versions of " + (p.name() != null ? p.kind() + " '" + p.name() + "'"
                            : p.kind() != null ? "every " + p.kind() : "every model, sequence and connector account")
                    + (p.keepLast() != null ? " beyond the newest " + p.keepLast() : "")
                    + (p.olderThan() != null ? " saved before " + p.olderThan() : "")
                    + (p.containing() != null ? " holding a value" : "") + " (the current version kept)";
            case PurgeScope.Traces t -> "debug traces" + (t.sequence() != null ? " of sequence '" + t.sequence() + "'" : "")
                    + (t.from() != null ? " from " + t.from() : "") + (t.to() != null ? " until " + t.to() : "");
            case PurgeScope.Executions e -> "execution records" + (e.sequence() != null ? " of sequence '" + e.sequence() + "'" : "")
                    + (e.from() != null ? " from " + e.from() : "") + (e.to() != null ? " until " + e.to() : "");
            case PurgeScope.Logs l -> "log lines from " + l.from() + " until " + l.to()
                    + (l.match() != null ? " containing a value" : "") + (l.regex() != null ? " matching a pattern" : "")
                    + (l.level() != null ? " at level " + l.level() : "") + (l.logger() != null ? " of logger " + l.logger() : "")
                    + (l.correlationId() != null ? " of one request" : "");
            case PurgeScope.Backups b -> "backup archives taken" + (b.from() != null ? " from " + b.from() : "")
                    + (b.to() != null ? " until " + b.to() : "");
        };
    }

    /**
     * The scope with a fresh {@link PurgeScope.Value#mark} where it forgets values (drawn when a run starts, kept
     * while it runs and resumes, dropped by {@link #forget}).
     */
    static PurgeScope marked(PurgeScope scope) {
        return switch (scope) {
            case PurgeScope.Value v -> v.withMark(randomMark());
            case PurgeScope.Subject s when s.everywhere() -> s.withMark(randomMark());
            default -> scope;
        };
    }

    private static String randomMark() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * The scope with every value to forget replaced by its keyed hash (and no mark), and every design's name (a model,
     * its attributes, a sequence, a versioned artefact) by its {@link HashedNames keyed hash}: what a finished request
     * and its receipt keep.
     */
    static PurgeScope forget(PurgeScope scope, Function<Object, String> hmac) {
        PurgeScope hashedValues = switch (scope) {
            case PurgeScope.Subject s -> {
                Map<String, Object> where = new LinkedHashMap<>();
                s.where().forEach((k, v) -> where.put(k, hmac.apply(v)));
                yield new PurgeScope.Subject(s.model(), s.ids(), where, s.all(), s.attributes(), s.everywhere(), hashed(s.values(), hmac));
            }
            case PurgeScope.Value v -> new PurgeScope.Value(v.value() == null ? null : hashed(List.of(v.value()), hmac).getFirst(),
                    hashed(v.values(), hmac));
            case PurgeScope.Logs l -> new PurgeScope.Logs(l.from(), l.to(), l.match() == null ? null : hmac.apply(l.match()),
                    l.regex() == null ? null : hmac.apply(l.regex()), l.level(), l.logger(), l.correlationId());
            case PurgeScope.Versions v -> v.containing() == null ? v : new PurgeScope.Versions(v.kind(), v.name(), v.keepLast(),
                    v.olderThan(), hashed(List.of(v.containing()), hmac).getFirst(), v.ids());
            case PurgeScope.Traces t -> t;
            case PurgeScope.Executions e -> e;
            case PurgeScope.Backups b -> b;
        };
        return renamed(hashedValues, n -> HashedNames.of(n, hmac));
    }

    /**
     * The scope with every name of a design it holds (a model and its attributes, a sequence, a versioned artefact)
     * passed through {@code name}; its values as they are.
     */
    static PurgeScope renamed(PurgeScope scope, UnaryOperator<String> name) {
        return switch (scope) {
            case PurgeScope.Subject s -> {
                Map<String, Object> where = new LinkedHashMap<>();
                s.where().forEach((k, v) -> where.put(name.apply(k), v));
                Map<String, PurgeStrategy> attributes = new LinkedHashMap<>();
                s.attributes().forEach((k, v) -> attributes.put(name.apply(k), v));
                yield new PurgeScope.Subject(s.model() == null ? null : name.apply(s.model()), s.ids(), where, s.all(), attributes,
                        s.everywhere(), s.values(), s.mark());
            }
            case PurgeScope.Versions v -> new PurgeScope.Versions(v.kind(), v.name() == null ? null : name.apply(v.name()),
                    v.keepLast(), v.olderThan(), v.containing(),
                    v.ids() == null ? null : v.ids().stream().map(id -> versionId(id, name)).toList());
            case PurgeScope.Traces t -> new PurgeScope.Traces(t.sequence() == null ? null : name.apply(t.sequence()), t.from(), t.to());
            case PurgeScope.Executions e -> new PurgeScope.Executions(e.sequence() == null ? null : name.apply(e.sequence()),
                    e.from(), e.to());
            case PurgeScope.Value v -> v;
            case PurgeScope.Logs l -> l;
            case PurgeScope.Backups b -> b;
        };
    }

    /** A version's id ({@code kind:name:number}) with its artefact's name passed through {@code name}. */
    static String versionId(String id, UnaryOperator<String> name) {
        int first = id.indexOf(':');
        int last = id.lastIndexOf(':');
        return first < 0 || last <= first ? id
                : id.substring(0, first + 1) + name.apply(id.substring(first + 1, last)) + id.substring(last);
    }

    /** The keyed hashes of values, as {@link io.lethe.engine.retention.HashedValueScan} finds them again. */
    private static List<String> hashed(List<String> values, Function<Object, String> hmac) {
        return values.stream().map(v -> hmac.apply(v.toLowerCase(Locale.ROOT))).toList();
    }

    private static void checkRange(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw InvalidInputException.of("/scope/to", "must be after from");
        }
    }

    /** Structural checks every scope kind needs before anything is planned. */
    static void check(PurgeScope scope) {
        switch (scope) {
            case PurgeScope.Value v -> {
                if (v.mark() != null) {
                    throw InvalidInputException.of("/scope/mark", "is Lethe's to fill in: the run draws it");
                }
                if (v.value() == null && v.values().isEmpty() || v.value() != null && v.value().strip().length() < 3) {
                    throw InvalidInputException.of("/scope/value", "give the value to forget (at least 3 characters)");
                }
                for (int i = 0; i < v.values().size(); i++) {
                    if (v.values().get(i) == null || v.values().get(i).strip().length() < 3) {
                        throw InvalidInputException.of("/scope/values/" + i, "give the value to forget (at least 3 characters)");
                    }
                }
                if (v.all().size() > ValueRedactor.MAX_VALUES) {
                    throw InvalidInputException.of("/scope/values", "at most " + ValueRedactor.MAX_VALUES
                            + " values in one purge (each store is searched for all at once)");
                }
            }
            case PurgeScope.Traces t -> checkRange(t.from(), t.to());
            case PurgeScope.Executions e -> checkRange(e.from(), e.to());
            case PurgeScope.Logs l -> {
                if (l.from() == null || l.to() == null) {
                    throw InvalidInputException.of(l.from() == null ? "/scope/from" : "/scope/to", "is required");
                }
                LogPurgeTarget.request(l); // checks bounds and filters
            }
            case PurgeScope.Backups b -> {
                if (b.from() == null && b.to() == null) {
                    throw InvalidInputException.of("/scope/from", "give from, to or both: an open range would delete every backup");
                }
                if (b.from() != null && b.to() != null && !b.from().isBefore(b.to())) {
                    throw InvalidInputException.of("/scope/to", "must be after from");
                }
            }
            case PurgeScope.Subject s -> {
                if (!s.values().isEmpty() || s.mark() != null) {
                    throw InvalidInputException.of(s.mark() != null ? "/scope/mark" : "/scope/values",
                            "is Lethe's to fill in (the values are found from the instances, the mark drawn by the run)");
                }
            }
            case PurgeScope.Versions v -> { } // VersionPurgeTarget.validate
        }
    }
}
