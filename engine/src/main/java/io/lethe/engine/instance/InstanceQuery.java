package io.lethe.engine.instance;

import java.util.ArrayList;
import java.util.List;

/**
 * A page of instances of one model.
 *
 * @param sortBy          attribute to sort by, or null for creation order
 * @param cursor          from the previous page's {@link Page#nextCursor()}, or null for the first page
 * @param includeInactive whether deactivated instances are included
 */
public record InstanceQuery(
        String model,
        List<Condition> conditions,
        String sortBy,
        boolean descending,
        int limit,
        String cursor,
        boolean includeInactive) {

    public static final int MAX_LIMIT = 1000;

    public InstanceQuery {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        limit = Math.clamp(limit <= 0 ? 100 : limit, 1, MAX_LIMIT);
    }

    public static InstanceQuery all(String model) {
        return new InstanceQuery(model, List.of(), null, false, 100, null, false);
    }

    public InstanceQuery where(Condition... more) {
        var all = new ArrayList<>(conditions);
        all.addAll(List.of(more));
        return new InstanceQuery(model, all, sortBy, descending, limit, cursor, includeInactive);
    }

    public InstanceQuery sortBy(String attribute, boolean desc) {
        return new InstanceQuery(model, conditions, attribute, desc, limit, cursor, includeInactive);
    }

    public InstanceQuery limit(int n) {
        return new InstanceQuery(model, conditions, sortBy, descending, n, cursor, includeInactive);
    }

    public InstanceQuery after(String nextCursor) {
        return new InstanceQuery(model, conditions, sortBy, descending, limit, nextCursor, includeInactive);
    }

    public InstanceQuery includingInactive() {
        return new InstanceQuery(model, conditions, sortBy, descending, limit, cursor, true);
    }
}
