package io.lethe.engine.retention;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a purge forgets. Each {@link PurgeTarget} says which kinds it handles. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = PurgeScope.Subject.class, name = "subject"),
    @JsonSubTypes.Type(value = PurgeScope.Value.class, name = "value"),
    @JsonSubTypes.Type(value = PurgeScope.Versions.class, name = "versions"),
    @JsonSubTypes.Type(value = PurgeScope.Traces.class, name = "traces"),
    @JsonSubTypes.Type(value = PurgeScope.Executions.class, name = "executions"),
    @JsonSubTypes.Type(value = PurgeScope.Logs.class, name = "logs"),
    @JsonSubTypes.Type(value = PurgeScope.Backups.class, name = "backups")
})
public sealed interface PurgeScope {

    /**
     * Instances of a model (deactivated ones included) chosen by ids or an attribute filter
     * ({@code where}, as in instance blocks), each named attribute overwritten by its strategy.
     * An empty selector matches nothing unless {@code all} is true.
     *
     * <p>With {@code everywhere}, the values the purged personal attributes hold (strings of at least
     * three characters; sensitivity personal or sensitive) are also forgotten wherever else they occur, as a
     * {@link Value} purge would: other instances, execution records, debug traces, logs, versions and
     * designs, backups. Lethe finds {@code values} itself when the purge is planned and when it starts
     * (they are not given); a target that handles subjects handles them itself, the purge service gives every
     * other target {@link #valuesScope()}, with this subject's {@code mark}.
     */
    record Subject(String model, List<String> ids, Map<String, Object> where, boolean all,
            Map<String, PurgeStrategy> attributes, @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean everywhere,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> values,
            @JsonInclude(JsonInclude.Include.NON_NULL) String mark) implements PurgeScope {
        public Subject {
            ids = ids == null ? List.of() : List.copyOf(ids);
            where = where == null ? Map.of() : Map.copyOf(where);
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
            values = values == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(values));
        }

        public Subject(String model, List<String> ids, Map<String, Object> where, boolean all, Map<String, PurgeStrategy> attributes,
                boolean everywhere, List<String> values) {
            this(model, ids, where, all, attributes, everywhere, values, null);
        }

        public Subject(String model, List<String> ids, Map<String, Object> where, boolean all, Map<String, PurgeStrategy> attributes) {
            this(model, ids, where, all, attributes, false, List.of());
        }

        /** The same subject selecting {@code ids} instead. */
        public Subject withIds(List<String> ids) {
            return new Subject(model, ids, where, all, attributes, everywhere, values, mark);
        }

        /** The same subject with the values found to forget everywhere. */
        public Subject withValues(List<String> values) {
            return new Subject(model, ids, where, all, attributes, everywhere, values, mark);
        }

        /** The same subject with the {@link Value#mark} its values are forgotten with. */
        public Subject withMark(String mark) {
            return new Subject(model, ids, where, all, attributes, everywhere, values, mark);
        }

        /** The values to forget everywhere as a value scope, if there are any. */
        public Optional<Value> valuesScope() {
            return everywhere && !values.isEmpty() ? Optional.of(new Value(null, values, mark)) : Optional.empty();
        }
    }

    /**
     * Literal values (an email address, a name: {@code value}, or several at once in {@code values})
     * removed wherever they occur as a whole token (see {@link ValueRedactor}), compared without regard
     * to case: instance attributes, every version of models, sequences and connector accounts, execution
     * records, debug traces, logs, backups.
     *
     * <p>{@code mark} is a random secret the run draws when it starts (kept until the purge is done, then forgotten):
     * in designs and in the fields that name them (see {@link NameFields}) the value is replaced by {@code redacted_} and
     * eight hex digits of a hash of the mark and the value, the same for one value everywhere in one purge, so that a
     * name holding it and every reference to that name stay valid and agree (see {@link ValueRedactor#redactNames}).
     * Without a mark (a dry run, a restore's replay) they get the plain marker.
     */
    record Value(String value, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> values,
            @JsonInclude(JsonInclude.Include.NON_NULL) String mark) implements PurgeScope {
        public Value {
            values = values == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(values));
        }

        public Value(String value, List<String> values) {
            this(value, values, null);
        }

        public Value(String value) {
            this(value, List.of());
        }

        /** The same values with the mark names are redacted with. */
        public Value withMark(String mark) {
            return new Value(value, values, mark);
        }

        /** Every value of this scope, {@code value} first. */
        public List<String> all() {
            List<String> all = new ArrayList<>();
            if (value != null) {
                all.add(value);
            }
            all.addAll(values);
            return all;
        }
    }

    /**
     * Old versions of a design artefact ({@code model}, {@code sequence} or {@code connector}): those beyond
     * the newest {@code keepLast} and/or saved before {@code olderThan} and/or holding the value {@code containing}
     * (as a whole token, like a {@link Value} purge; then {@code kind} and {@code name} may be left out to look
     * through every artefact). The current version of an artefact is always kept. {@code ids} are the versions
     * selected, found when the run starts (null until then), so that the run, a resumed run, the backup archives
     * and a restore's replay remove exactly those.
     */
    record Versions(String kind, String name, Integer keepLast, Instant olderThan,
            @JsonInclude(JsonInclude.Include.NON_NULL) String containing,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<String> ids) implements PurgeScope {
        public Versions {
            ids = ids == null ? null : List.copyOf(ids);
        }

        public Versions(String kind, String name, Integer keepLast, Instant olderThan) {
            this(kind, name, keepLast, olderThan, null, null);
        }

        /** The same versions, resolved to the ids they select. */
        public Versions withIds(List<String> ids) {
            return new Versions(kind, name, keepLast, olderThan, containing, ids);
        }
    }

    /** Debug traces of a sequence (null for all) captured in {@code [from, to)} (null bounds are open). */
    record Traces(String sequence, Instant from, Instant to) implements PurgeScope {
    }

    /** Execution records of a sequence (null for all) started in {@code [from, to)} (null bounds are open). */
    record Executions(String sequence, Instant from, Instant to) implements PurgeScope {
    }

    /**
     * Application log lines in {@code [from, to)}, all of them or only those passing the filter
     * (a literal value, a regex, a level, a logger, a correlation id; null means any).
     */
    record Logs(Instant from, Instant to, String match, String regex, String level, String logger, String correlationId)
            implements PurgeScope {
    }

    /**
     * Whole backup archives created in {@code [from, to)} (null bounds are open), deleted securely.
     * To keep the rest of an archive and drop only a subject or a value, purge that subject or value:
     * the backup archives target rewrites every archive.
     */
    record Backups(Instant from, Instant to) implements PurgeScope {
    }
}
