package io.lethe.web.hooks;

import io.vertx.core.MultiMap;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A hook's headers or query as a sequence sees them: names lower-cased, a name given more than once
 * mapped to the list of its values in order, the names in {@code skip} left out. Built when first
 * read: most sequences never look at the headers, and building them is a measurable part of a short run.
 */
final class HeaderValues extends AbstractMap<String, Object> {

    private final MultiMap values;
    private final Set<String> skip;
    private volatile Map<String, Object> built;

    HeaderValues(MultiMap values, Set<String> skip) {
        this.values = values;
        this.skip = skip;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return built().entrySet();
    }

    @Override
    public Object get(Object key) {
        return built().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return built().containsKey(key);
    }

    @Override
    public int size() {
        return built().size();
    }

    private Map<String, Object> built() {
        Map<String, Object> made = built;
        if (made == null) {
            made = new LinkedHashMap<>();
            for (Map.Entry<String, String> entry : values) { // entries, not names(): a sorted set made per call
                String key = entry.getKey().toLowerCase(Locale.ROOT);
                if (!skip.contains(key)) {
                    made.merge(key, entry.getValue(), HeaderValues::both);
                }
            }
            built = made;
        }
        return made;
    }

    @SuppressWarnings("unchecked")
    private static Object both(Object earlier, Object value) {
        List<Object> all = earlier instanceof List<?> list ? (List<Object>) list : new ArrayList<>(List.of(earlier));
        all.add(value);
        return all;
    }
}
