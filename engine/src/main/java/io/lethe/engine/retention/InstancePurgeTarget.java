package io.lethe.engine.retention;

import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.instance.Condition;
import io.lethe.engine.instance.Conditions;
import io.lethe.engine.instance.Instance;
import io.lethe.engine.instance.InstanceQuery;
import io.lethe.engine.instance.Instances;
import io.lethe.engine.instance.MongoInstanceStore;
import io.lethe.engine.instance.Page;
import io.lethe.engine.model.AttributeType;
import io.lethe.engine.store.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Instances, deactivated ones included: a {@link PurgeScope.Subject} overwrites or deletes the
 * selected instances; a {@link PurgeScope.Value} redacts the value in any attribute of any model.
 * Verification counts selected instances whose chosen attributes are not yet in purged form.
 */
public final class InstancePurgeTarget implements PurgeTarget {

    private final Instances instances;
    private final AttributePurge purge;
    private final ValueScan scan;

    public InstancePurgeTarget(Database database, Instances instances, AttributePurge purge) {
        this.instances = instances;
        this.purge = purge;
        this.scan = new ValueScan(database.collection(MongoInstanceStore.COLLECTION), List.of("data"));
    }

    @Override
    public String name() {
        return "instances";
    }

    @Override
    public Set<String> collections() {
        return Set.of(MongoInstanceStore.COLLECTION);
    }

    @Override
    public boolean handles(PurgeScope scope) {
        return scope instanceof PurgeScope.Subject || scope instanceof PurgeScope.Value;
    }

    @Override
    public long plan(PurgeScope scope) {
        return switch (scope) {
            case PurgeScope.Subject s -> selected(s).size();
            case PurgeScope.Value v -> scan.count(new ValueRedactor(v.value()));
            default -> 0;
        };
    }

    @Override
    public PurgeCounts execute(PurgeScope scope) {
        return switch (scope) {
            case PurgeScope.Subject s when constant(s) -> {
                // Same replacement for every instance: one bulk update, as fast as a raw updateMany.
                Map<String, Object> values = new java.util.HashMap<>();
                var model = instances.model(s.model());
                s.attributes().forEach((attribute, strategy) -> values.put(attribute,
                        strategy == PurgeStrategy.MASK && model.attribute(attribute).map(a -> a.type() == AttributeType.STRING).orElse(false)
                                ? PurgeStrategy.MASK_TEXT : null));
                yield new PurgeCounts(instances.overwriteAll(s.model(), s.ids(), Conditions.parse(s.where()), values), 0);
            }
            case PurgeScope.Subject s -> {
                long changed = 0;
                long removed = 0;
                boolean delete = s.attributes().containsValue(PurgeStrategy.DELETE);
                for (Instance instance : selected(s)) {
                    if (delete) {
                        instances.erase(s.model(), instance.id());
                        removed++;
                    } else if (!purged(instance, s.attributes())) {
                        purge.overwrite(instance, s.attributes());
                        changed++;
                    }
                }
                yield new PurgeCounts(changed, removed);
            }
            case PurgeScope.Value v -> new PurgeCounts(scan.redact(new ValueRedactor(v.value())).size(), 0);
            default -> PurgeCounts.NONE;
        };
    }

    @Override
    public long verify(PurgeScope scope) {
        return switch (scope) {
            case PurgeScope.Subject s -> s.attributes().containsValue(PurgeStrategy.DELETE)
                    ? selected(s).size()
                    : selected(s).stream().filter(i -> !purged(i, s.attributes())).count();
            case PurgeScope.Value v -> scan.count(new ValueRedactor(v.value()));
            default -> 0;
        };
    }

    /** Checks a subject scope before it is planned: the model, the attributes, a non-empty selector. */
    public void validate(PurgeScope.Subject s) {
        var model = instances.model(s.model());
        if (s.attributes().isEmpty()) {
            throw InvalidInputException.of("/scope/attributes", "name at least one attribute and its strategy");
        }
        for (String attribute : s.attributes().keySet()) {
            if (model.attribute(attribute).isEmpty()) {
                throw InvalidInputException.of("/scope/attributes/" + attribute, "model '" + s.model() + "' has no attribute '" + attribute + "'");
            }
        }
        PurgeStrategy.mixedWithDelete(s.attributes()).ifPresent(attribute -> {
            throw InvalidInputException.of("/scope/attributes/" + attribute, PurgeStrategy.MIXED_WITH_DELETE);
        });
        if (s.ids().isEmpty() && s.where().isEmpty() && !s.all()) {
            throw InvalidInputException.of("/scope", "an empty selector would match every instance: give ids or where, or set \"all\": true");
        }
        instances.count(s.model(), Conditions.parse(s.where()), true); // checks the where attributes
    }

    /** The ids of the instances a subject scope selects now (deactivated ones included). */
    public List<String> selectedIds(PurgeScope.Subject s) {
        return selected(s).stream().map(Instance::id).toList();
    }

    private List<Instance> selected(PurgeScope.Subject s) {
        List<Instance> found = new ArrayList<>();
        if (!s.ids().isEmpty()) {
            for (String id : s.ids()) {
                instances.find(s.model(), id).ifPresent(found::add);
            }
            return found;
        }
        List<Condition> conditions = Conditions.parse(s.where());
        InstanceQuery query = new InstanceQuery(s.model(), conditions, null, false, InstanceQuery.MAX_LIMIT, null, true);
        Page page;
        do {
            page = instances.query(query);
            found.addAll(page.items());
            query = query.after(page.nextCursor());
        } while (page.nextCursor() != null);
        return found;
    }

    /** Whether every strategy gives every instance the same value (null, or a mask by attribute type). */
    private static boolean constant(PurgeScope.Subject s) {
        return s.attributes().values().stream().allMatch(st -> st == PurgeStrategy.NULL || st == PurgeStrategy.MASK);
    }

    static boolean purged(Instance instance, Map<String, PurgeStrategy> strategies) {
        return strategies.keySet().stream().allMatch(a -> AttributePurge.isPurged(instance.data().get(a)));
    }
}
