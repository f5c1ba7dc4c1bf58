package io.lethe.engine.version;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A structured diff of two versions: which attributes, blocks and config keys were added, removed
 * or changed. Lists of objects with an {@code id} (blocks) or {@code name} (attributes) are
 * compared by that key, so moving a block is not a change; paths read like
 * {@code /blocks/clean/config/source}.
 */
public final class JsonDiff {

    /** One difference at {@code path}: {@code added}, {@code removed} or {@code changed}. */
    public record Change(String path, String op, Object from, Object to) {
    }

    private JsonDiff() {
    }

    public static List<Change> between(Object from, Object to) {
        List<Change> changes = new ArrayList<>();
        diff("", from, to, changes);
        return changes;
    }

    private static void diff(String path, Object from, Object to, List<Change> changes) {
        if (Objects.equals(from, to)) {
            return;
        }
        if (from instanceof Map<?, ?> a && to instanceof Map<?, ?> b) {
            Set<Object> keys = new LinkedHashSet<>(a.keySet());
            keys.addAll(b.keySet());
            for (Object key : keys) {
                String at = path + "/" + key;
                if (!a.containsKey(key)) {
                    changes.add(new Change(at, "added", null, b.get(key)));
                } else if (!b.containsKey(key)) {
                    changes.add(new Change(at, "removed", a.get(key), null));
                } else {
                    diff(at, a.get(key), b.get(key), changes);
                }
            }
        } else if (from instanceof List<?> a && to instanceof List<?> b && keyOf(a) != null && keyOf(a).equals(keyOf(b))) {
            diff(path, byKey(a, keyOf(a)), byKey(b, keyOf(b)), changes);
        } else {
            changes.add(new Change(path, "changed", from, to));
        }
    }

    /** {@code id} or {@code name} when every element is an object with that (unique) key. */
    private static String keyOf(List<?> list) {
        for (String key : List.of("id", "name")) {
            if (!list.isEmpty() && list.stream().allMatch(e -> e instanceof Map<?, ?> m && m.get(key) != null)
                    && list.stream().map(e -> ((Map<?, ?>) e).get(key)).distinct().count() == list.size()) {
                return key;
            }
        }
        return null;
    }

    private static Map<String, Object> byKey(List<?> list, String key) {
        Map<String, Object> map = new LinkedHashMap<>();
        list.forEach(e -> map.put(String.valueOf(((Map<?, ?>) e).get(key)), e));
        return map;
    }
}
