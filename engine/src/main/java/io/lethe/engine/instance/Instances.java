package io.lethe.engine.instance;

import io.lethe.engine.failure.ConflictException;
import io.lethe.engine.failure.FieldError;
import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.failure.NotFoundException;
import io.lethe.engine.model.Attribute;
import io.lethe.engine.model.AttributeType;
import io.lethe.engine.model.Dates;
import io.lethe.engine.model.Model;
import io.lethe.engine.model.ModelStore;
import io.lethe.engine.model.ModelValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What designers and blocks do with instances: validated against their model, defaults applied,
 * dates normalised, events published. Deactivation keeps the data (and says so through
 * {@link #countDeactivated}); {@link #collectGarbage} hard-deletes what was deactivated long enough.
 */
public final class Instances {

    private static final Logger log = LoggerFactory.getLogger(Instances.class);

    private final ModelStore models;
    private final InstanceStore store;
    private final InstanceEvents events;
    private final Clock clock;

    public Instances(ModelStore models, InstanceStore store, InstanceEvents events, Clock clock) {
        this.models = models;
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    public InstanceEvents events() {
        return events;
    }

    public Instance create(String modelName, Map<String, Object> data) {
        Model model = model(modelName);
        Map<String, Object> values = new LinkedHashMap<>();
        for (Attribute a : model.attributes()) {
            if (a.defaultValue() != null) {
                values.put(a.name(), a.defaultValue());
            }
        }
        values.putAll(data);
        check(ModelValidator.validateData(model, values, false), danglingReferences(model, values));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // as stored: the answer gives what a read gives
        Instance instance = new Instance(Ids.next(), model.name(), normalise(model, values), true, now, now, null, 1);
        store.insert(instance);
        events.publish(new InstanceEvent(InstanceEvent.Type.CREATED, instance));
        return instance;
    }

    /** Sets only the given attributes. Works on deactivated instances too. No attributes: nothing changes, no event. */
    public Instance update(String modelName, String id, Map<String, Object> changes) {
        return update(modelName, id, changes, OptionalLong.empty());
    }

    /**
     * Sets the given attributes, only if the instance is still at {@code revision} when one is given.
     *
     * @throws ConflictException when it is at another revision (someone changed it since it was read)
     */
    public Instance update(String modelName, String id, Map<String, Object> changes, OptionalLong revision) {
        Model model = model(modelName);
        check(ModelValidator.validateData(model, changes, true), danglingReferences(model, changes));
        if (changes.isEmpty() && revision.isEmpty()) {
            return get(modelName, id);
        }
        Map<String, Object> values = normalise(model, changes);
        boolean written = revision.isPresent()
                ? store.updateAt(model.name(), id, revision.getAsLong(), values, clock.instant())
                : store.update(model.name(), id, values, clock.instant());
        if (!written) {
            Instance current = get(modelName, id); // throws when there is none
            throw new ConflictException("instance '" + id + "' changed since it was read (it is at revision " + current.revision()
                    + ", not " + revision.orElse(0) + "): read it again", Map.of("revision", current.revision()));
        }
        Instance updated = get(modelName, id);
        events.publish(new InstanceEvent(InstanceEvent.Type.UPDATED, updated));
        return updated;
    }

    /**
     * Sets attributes without validation (a purge may null a required attribute); publishes no
     * event, so triggers do not see purged values.
     */
    public void overwrite(String modelName, String id, Map<String, Object> values) {
        store.update(modelName, id, values, clock.instant());
    }

    /** Sets the same values on every selected instance, deactivated ones included, without validation or events. */
    public long overwriteAll(String modelName, List<String> ids, List<Condition> conditions, Map<String, Object> values) {
        Model model = model(modelName);
        return store.overwriteAll(model.name(), ids, conditions(model, conditions), values, clock.instant());
    }

    /** The instance, active or not, if it exists. */
    public Optional<Instance> find(String modelName, String id) {
        return store.find(modelName, id);
    }

    /** The model of that name; {@link NotFoundException} when there is none. */
    public Model model(String name) {
        return models.find(name).orElseThrow(() -> new NotFoundException("no model '" + name + "'"));
    }

    /** The instance, active or not. */
    public Instance get(String modelName, String id) {
        return store.find(modelName, id).orElseThrow(() -> notFound(modelName, id));
    }

    public Page query(InstanceQuery query) {
        Model model = model(query.model());
        if (query.sortBy() != null && model.attribute(query.sortBy()).isEmpty()) {
            throw InvalidInputException.of("/sortBy", "model '" + model.name() + "' has no attribute '" + query.sortBy() + "'");
        }
        return store.query(new InstanceQuery(model.name(), conditions(model, query.conditions()), query.sortBy(),
                query.descending(), query.limit(), query.cursor(), query.includeInactive()));
    }

    public long count(String modelName, List<Condition> conditions, boolean includeInactive) {
        Model model = model(modelName);
        return store.count(model.name(), conditions(model, conditions), includeInactive);
    }

    /** Checks a filter against the model (attributes, value types, patterns) without reading any instance. */
    public void checkFilter(String modelName, List<Condition> conditions) {
        conditions(model(modelName), conditions);
    }

    /** Hides the instance from normal queries; its data stays stored until deleted or collected. */
    public Instance deactivate(String modelName, String id) {
        return setActive(modelName, id, false, InstanceEvent.Type.DEACTIVATED);
    }

    public Instance reactivate(String modelName, String id) {
        return setActive(modelName, id, true, InstanceEvent.Type.REACTIVATED);
    }

    /** Removes the instance for good. */
    public void delete(String modelName, String id) {
        Instance instance = get(modelName, id);
        store.delete(modelName, id);
        events.publish(new InstanceEvent(InstanceEvent.Type.DELETED, instance));
    }

    /**
     * Removes the instance for good without an event, as a purge must: a "deleted" event carries the instance's
     * data to the sequences it triggers, whose traces, logs and records would hold it again after the purge.
     */
    public void erase(String modelName, String id) {
        store.delete(model(modelName).name(), id);
    }

    /**
     * Removes for good, without events, the instances with {@code ids}, or else those {@code conditions} select
     * (every instance of the model when there are none): one bulk delete. Returns how many.
     */
    public long eraseAll(String modelName, List<String> ids, List<Condition> conditions) {
        Model model = model(modelName);
        return store.deleteAll(model.name(), ids, conditions(model, conditions));
    }

    /**
     * What saving {@code next} over the model saved now would leave that no attribute describes: for
     * each attribute removed, or given another type or referred model, how many instances hold a value
     * (such values would still be stored and answered, but no longer redacted, purgeable or queryable).
     */
    public Map<String, Long> valuesLeftBy(Model next) {
        Map<String, Long> left = new TreeMap<>();
        models.find(next.name()).ifPresent(current -> {
            for (Attribute a : current.attributes()) {
                boolean kept = next.attribute(a.name())
                        .filter(b -> b.type() == a.type() && Objects.equals(b.reference(), a.reference())).isPresent();
                long holding = kept ? 0 : store.countHolding(current.name(), a.name());
                if (holding > 0) {
                    left.put(a.name(), holding);
                }
            }
        });
        return left;
    }

    /** Deletes the values of {@code attributes} from every instance of the model (active or not); returns how many changed. */
    public long dropValues(String modelName, Collection<String> attributes) {
        long changed = 0;
        for (String attribute : attributes) {
            changed += store.dropAttribute(modelName, attribute, clock.instant());
        }
        return changed;
    }

    /** Deactivated instances of the model still stored (and so still holding their data). */
    public long countDeactivated(String modelName) {
        return store.countInactive(model(modelName).name());
    }

    /**
     * Hard-deletes the instances of every model with a retention that were not changed for longer than
     * it (deactivated ones too), without instance events: like a purge, the end of retention must not hand
     * the data to the sequences those events trigger. Returns how many.
     */
    public long deleteExpired() {
        long removed = 0;
        for (Model model : models.list()) {
            if (model.retention().isPresent()) {
                long expired = store.deleteUnchangedBefore(model.name(), clock.instant().minus(model.retention().get()));
                if (expired > 0) {
                    log.atInfo().addKeyValue("model", model.name()).addKeyValue("removed", expired)
                            .addKeyValue("retentionDays", model.retentionDays()).log("deleted instances past their model's retention");
                }
                removed += expired;
            }
        }
        return removed;
    }

    /** Hard-deletes every instance deactivated more than {@code age} ago; returns how many. */
    public long collectGarbage(Duration age) {
        long removed = store.deleteDeactivatedBefore(clock.instant().minus(age));
        log.atInfo().addKeyValue("removed", removed).addKeyValue("olderThanDays", age.toDays())
                .log("garbage-collected deactivated instances");
        return removed;
    }

    /**
     * Already so: nothing changes and no event (deactivating again must not move {@code deactivatedAt}, which
     * would put off the garbage collection for good).
     */
    private Instance setActive(String modelName, String id, boolean active, InstanceEvent.Type type) {
        Instance current = get(model(modelName).name(), id);
        if (current.active() == active) {
            return current;
        }
        if (!store.setActive(model(modelName).name(), id, active, clock.instant())) {
            throw notFound(modelName, id);
        }
        Instance instance = get(modelName, id);
        events.publish(new InstanceEvent(type, instance));
        return instance;
    }

    /** A reference names an instance of its model that is stored (active or not), or nothing. */
    private List<FieldError> danglingReferences(Model model, Map<String, Object> values) {
        List<FieldError> errors = new ArrayList<>();
        for (Attribute a : model.attributes()) {
            if (a.type() == AttributeType.REFERENCE && values.get(a.name()) instanceof String id && store.find(a.reference(), id).isEmpty()) {
                errors.add(new FieldError("/" + a.name(), "no " + a.reference() + " instance '" + id + "'"));
            }
        }
        return errors;
    }

    private static Map<String, Object> normalise(Model model, Map<String, Object> values) {
        Map<String, Object> normal = new LinkedHashMap<>(values);
        normal.replaceAll((name, value) -> normaliseValue(model, name, value));
        return normal;
    }

    private static Object normaliseValue(Model model, String attribute, Object value) {
        boolean isDate = model.attribute(attribute).map(a -> a.type() == AttributeType.DATE).orElse(false);
        return isDate && value instanceof String s ? Dates.normalise(s) : value;
    }

    private static List<Condition> conditions(Model model, List<Condition> conditions) {
        for (int i = 0; i < conditions.size(); i++) {
            if (model.attribute(conditions.get(i).attribute()).isEmpty()) {
                throw InvalidInputException.of("/where/" + conditions.get(i).attribute(),
                        "model '" + model.name() + "' has no attribute '" + conditions.get(i).attribute() + "'");
            }
        }
        List<Condition> normal = conditions.stream().map(c -> switch (c) {
            case Condition.Equals eq -> new Condition.Equals(eq.attribute(), normaliseValue(model, eq.attribute(), eq.value()));
            case Condition.In in -> new Condition.In(in.attribute(),
                    in.values().stream().map(v -> normaliseValue(model, in.attribute(), v)).toList());
            case Condition.Range r -> new Condition.Range(r.attribute(),
                    normaliseValue(model, r.attribute(), r.greaterThan()), normaliseValue(model, r.attribute(), r.atLeast()),
                    normaliseValue(model, r.attribute(), r.lessThan()), normaliseValue(model, r.attribute(), r.atMost()));
            case Condition.Matches m -> m;
        }).map(Condition.class::cast).toList();
        ConditionValues.check(model, normal);
        return normal;
    }

    @SafeVarargs
    private static void check(List<FieldError>... found) {
        List<FieldError> errors = Arrays.stream(found).flatMap(List::stream).toList();
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private static NotFoundException notFound(String model, String id) {
        return new NotFoundException("no " + model + " instance '" + id + "'");
    }
}
