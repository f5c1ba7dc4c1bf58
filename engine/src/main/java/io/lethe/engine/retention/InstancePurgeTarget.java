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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
        this.scan = new ValueScan(database.collection(MongoInstanceStore.COLLECTION), List.of("data", "model"));
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
            case PurgeScope.Subject s -> {
                Set<Object> touched = new HashSet<>(selectedIds(s));
                s.valuesScope().ifPresent(v -> touched.addAll(scan.holders(ValueRedactor.of(v))));
                yield touched.size();
            }
            case PurgeScope.Value v -> scan.count(ValueRedactor.of(v));
            default -> 0;
        };
    }

    @Override
    public PurgeCounts execute(PurgeScope scope) {
        if (scope instanceof PurgeScope.Subject s && s.valuesScope().isPresent()) {
            // the subject first (a keyed hash is of the value, not of "[redacted]"), then the values wherever else they are
            PurgeCounts subject = execute(s.withValues(List.of()));
            long redacted = scan.redact(ValueRedactor.of(s.valuesScope().get())).size();
            return new PurgeCounts(subject.changed() + redacted, subject.removed());
        }
        return switch (scope) {
            case PurgeScope.Subject s when constant(s) -> {
                // Same replacement for every instance: one bulk update, as fast as a raw updateMany.
                Map<String, Object> values = new HashMap<>();
                var model = instances.model(s.model());
                s.attributes().forEach((attribute, strategy) -> values.put(attribute,
                        strategy == PurgeStrategy.MASK && model.attribute(attribute).map(a -> a.type() == AttributeType.STRING).orElse(false)
                                ? PurgeStrategy.MASK_TEXT : null));
                yield new PurgeCounts(instances.overwriteAll(s.model(), s.ids(), Conditions.parse(s.where()), values), 0);
            }
            case PurgeScope.Subject s when s.attributes().containsValue(PurgeStrategy.DELETE) ->
                    new PurgeCounts(0, instances.eraseAll(s.model(), s.ids(), Conditions.parse(s.where())));
            case PurgeScope.Subject s -> {
                long changed = 0;
                for (Instance instance : selected(s)) {
                    if (!purged(instance, s.attributes())) {
                        purge.overwrite(instance, s.attributes());
                        changed++;
                    }
                }
                yield new PurgeCounts(changed, 0);
            }
            case PurgeScope.Value v -> new PurgeCounts(scan.redact(ValueRedactor.of(v)).size(), 0);
            default -> PurgeCounts.NONE;
        };
    }

    @Override
    public long verify(PurgeScope scope) {
        return switch (scope) {
            case PurgeScope.Subject s -> (s.attributes().containsValue(PurgeStrategy.DELETE)
                    ? selected(s).size()
                    : selected(s).stream().filter(i -> !purged(i, s.attributes())).count())
                    + s.valuesScope().map(v -> scan.count(ValueRedactor.of(v))).orElse(0L);
            case PurgeScope.Value v -> scan.count(ValueRedactor.of(v));
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
        if (!s.values().isEmpty()) {
            throw InvalidInputException.of("/scope/values",
                    "Lethe finds the values to forget everywhere itself: set \"everywhere\": true instead");
        }
        boolean personal = s.attributes().keySet().stream().anyMatch(a -> model.attribute(a).orElseThrow().sensitivity().isProtected());
        if (s.everywhere() && !personal) {
            throw InvalidInputException.of("/scope/everywhere", "none of the purged attributes is personal or sensitive: there is"
                    + " no value to forget everywhere (mark the attribute's sensitivity in the model, or purge the value itself)");
        }
        if (s.ids().isEmpty() && s.where().isEmpty() && !s.all()) {
            throw InvalidInputException.of("/scope", "an empty selector would match every instance: give ids or where, or set \"all\": true");
        }
        instances.checkFilter(s.model(), Conditions.parse(s.where())); // no scan: filing is answered at once
    }

    /**
     * The subject with what it selects now: its ids (for the receipt's replay section) and, if it is
     * to be forgotten everywhere, the values of its purged personal attributes.
     *
     * @throws InvalidInputException when there are more than {@link ValueRedactor#MAX_VALUES} such values
     */
    public PurgeScope.Subject resolve(PurgeScope.Subject s) {
        List<Instance> selected = selected(s);
        PurgeScope.Subject resolved = s.ids().isEmpty() ? s.withIds(selected.stream().map(Instance::id).toList()) : s;
        return s.everywhere() ? resolved.withValues(personalValues(s, selected)) : resolved;
    }

    private List<String> personalValues(PurgeScope.Subject s, List<Instance> selected) {
        var model = instances.model(s.model());
        List<String> personal = s.attributes().keySet().stream().sorted()
                .filter(a -> model.attribute(a).map(at -> at.sensitivity().isProtected()).orElse(false)).toList();
        Set<String> values = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (Instance instance : selected) {
            for (String attribute : personal) {
                collectTexts(instance.data().get(attribute), values);
            }
        }
        if (values.size() > ValueRedactor.MAX_VALUES) {
            throw InvalidInputException.of("/scope/everywhere", "the selected instances hold " + values.size()
                    + " values to forget everywhere, at most " + ValueRedactor.MAX_VALUES
                    + " are searched for at once: select fewer instances");
        }
        return List.copyOf(values);
    }

    /**
     * The texts a personal value holds, to be forgotten wherever else they were copied: a text of 3 characters or more,
     * a whole number of 6 digits or more (a phone number; a shorter one would take every such number in logs with
     * it), and the same inside lists and objects (an address).
     */
    private static void collectTexts(Object value, Set<String> texts) {
        switch (value) {
            case String text when text.strip().length() >= 3 && !AttributePurge.isPurged(text) -> texts.add(text);
            case Long n when Math.abs(n) >= 100_000 -> texts.add(Long.toString(n));
            case Integer n when Math.abs(n) >= 100_000 -> texts.add(Integer.toString(n));
            case List<?> list -> list.forEach(item -> collectTexts(item, texts));
            case Map<?, ?> map -> map.values().forEach(item -> collectTexts(item, texts));
            case null, default -> {
            }
        }
    }

    /** The ids of the instances a subject scope selects now (deactivated ones included). */
    private List<String> selectedIds(PurgeScope.Subject s) {
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
