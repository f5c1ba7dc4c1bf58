package io.lethe.engine.instance;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Raw storage of instances; validation and events live in {@link Instances}. */
public interface InstanceStore {

    void insert(Instance instance);

    /** The instance whether active or not. */
    Optional<Instance> find(String model, String id);

    /** Sets the given attributes (null values are stored as null); false when there is no such instance. */
    boolean update(String model, String id, Map<String, Object> values, Instant at);

    /**
     * As {@link #update}, only if the instance is still at {@code revision} (every write adds one to it); false when
     * there is no such instance or it is at another revision.
     */
    boolean updateAt(String model, String id, long revision, Map<String, Object> values, Instant at);

    /** Activates or deactivates; false when there is no such instance. */
    boolean setActive(String model, String id, boolean active, Instant at);

    boolean delete(String model, String id);

    /**
     * Sets the same values on every instance (active or not) selected by ids, or else by
     * conditions; one bulk update. Returns how many matched.
     */
    long overwriteAll(String model, List<String> ids, List<Condition> conditions, Map<String, Object> values, Instant at);

    /**
     * Deletes every instance (active or not) selected by ids, or else by conditions (none: every instance of the
     * model); one bulk delete. Returns how many.
     */
    long deleteAll(String model, List<String> ids, List<Condition> conditions);

    Page query(InstanceQuery query);

    long count(String model, List<Condition> conditions, boolean includeInactive);

    /** Deactivated instances of {@code model} still stored. */
    long countInactive(String model);

    /** Hard-deletes instances deactivated before {@code cutoff}; returns how many. */
    long deleteDeactivatedBefore(Instant cutoff);

    /** Hard-deletes instances of {@code model} (active or not) last changed before {@code cutoff}; returns how many. */
    long deleteUnchangedBefore(String model, Instant cutoff);

    /** Instances of {@code model} (active or not) holding a non-null value for {@code attribute}. */
    long countHolding(String model, String attribute);

    /** Removes {@code attribute} from every instance of {@code model} (active or not); returns how many had it. */
    long dropAttribute(String model, String attribute, Instant at);

    /** Creates indexes for the model's indexed attributes. */
    void ensureIndexes(String model, List<String> indexedAttributes);
}
