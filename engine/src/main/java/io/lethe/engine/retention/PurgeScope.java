package io.lethe.engine.retention;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What a purge forgets. Each {@link PurgeTarget} says which kinds it handles. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = PurgeScope.Subject.class, name = "subject"),
    @JsonSubTypes.Type(value = PurgeScope.Value.class, name = "value"),
    @JsonSubTypes.Type(value = PurgeScope.Versions.class, name = "versions"),
    @JsonSubTypes.Type(value = PurgeScope.Traces.class, name = "traces"),
    @JsonSubTypes.Type(value = PurgeScope.Logs.class, name = "logs"),
    @JsonSubTypes.Type(value = PurgeScope.Backups.class, name = "backups")
})
public sealed interface PurgeScope {

    /**
     * Instances of a model (deactivated ones included) chosen by ids or an attribute filter
     * ({@code where}, as in instance blocks), each named attribute overwritten by its strategy.
     * An empty selector matches nothing unless {@code all} is true.
     */
    record Subject(String model, List<String> ids, Map<String, Object> where, boolean all,
            Map<String, PurgeStrategy> attributes) implements PurgeScope {
        public Subject {
            ids = ids == null ? List.of() : List.copyOf(ids);
            where = where == null ? Map.of() : Map.copyOf(where);
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        }
    }

    /**
     * A literal value (an email address, a name) removed wherever it occurs as a whole token (see
     * {@link ValueRedactor}), compared without regard to case: instance attributes, every version of models, sequences and connector accounts,
     * execution records, debug traces.
     */
    record Value(String value) implements PurgeScope {
    }

    /**
     * Old versions of a design artefact ({@code model}, {@code sequence} or {@code connector}):
     * those beyond the newest {@code keepLast} and/or saved before {@code olderThan}. The current
     * version is always kept.
     */
    record Versions(String kind, String name, Integer keepLast, Instant olderThan) implements PurgeScope {
    }

    /** Debug traces of a sequence (null for all) captured in {@code [from, to)} (null bounds are open). */
    record Traces(String sequence, Instant from, Instant to) implements PurgeScope {
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
