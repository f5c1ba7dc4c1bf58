package io.lethe.engine.json;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The keys of an object in order (and, for a script's arguments, whether each member is given as a
 * value), numbered: a flattened object names its shape by number, so that neither side writes or
 * hashes the keys' text for every object (a script fetches the text of a number it has not seen
 * once, through {@link #text}). Shapes form a tree from {@link #EMPTY}, one step per key, shared by
 * the whole process and bounded by {@link #MAX}; past it, {@link #then} gives null and the object's
 * shape goes as text.
 *
 * <p>The tree lives as long as the process, so only keys that look like field names are kept in it
 * ({@link Keys} sends an object with any other key, such as an e-mail address, a number or a phrase
 * used as a key, as text): keys that are data, not names, may be personal, and this tree would hold
 * them until the process ends. (Jackson's name table, which every parse goes through, holds recent
 * keys too, but it is bounded and starts afresh when it fills.)
 */
public final class Shape {

    /** Shapes numbered at most. */
    public static final int MAX = 1 << 14;
    /** Objects with more members name their shape as text (each key would take one of the {@link #MAX}). */
    public static final int MAX_KEYS = 64;

    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final AtomicReferenceArray<Shape> BY_ID = new AtomicReferenceArray<>(MAX);

    /** The shape of an object without members. */
    public static final Shape EMPTY = new Shape(null, null, false);

    private final Integer id;
    private final Shape parent;
    private final String key;
    private final boolean value;
    private final ConcurrentHashMap<String, Shape> next = new ConcurrentHashMap<>(2);
    private final ConcurrentHashMap<String, Shape> nextValue = new ConcurrentHashMap<>(2);
    private volatile String keys;
    private volatile String members;

    private Shape(Shape parent, String key, boolean value) {
        this.id = COUNT.getAndIncrement();
        this.parent = parent;
        this.key = key;
        this.value = value;
        BY_ID.set(id, this);
    }

    /** Its number (boxed once: it goes into arrays of objects). */
    public Integer id() {
        return id;
    }

    /** This shape with one more member (given as a value or not), or null when no more shapes may be made. */
    public Shape then(String key, boolean value) {
        var map = value ? nextValue : next;
        Shape shape = map.get(key);
        if (shape != null) {
            return shape;
        }
        synchronized (Shape.class) {
            shape = map.get(key);
            if (shape == null && COUNT.get() < MAX) {
                shape = new Shape(this, key, value);
                map.put(key, shape);
            }
        }
        return shape;
    }

    /** The shape numbered {@code id}, or null. */
    public static Shape of(int id) {
        return id >= 0 && id < MAX ? BY_ID.get(id) : null;
    }

    /**
     * Its text: {@code ["k1","k2"]}, or with {@code members} {@code ["k1",true,"k2",false]}, each key
     * followed by whether that member is given as a value.
     */
    public String text(boolean members) {
        String made = members ? this.members : keys;
        if (made == null) {
            made = appendTo(new StringBuilder("["), members).append(']').toString();
            if (members) {
                this.members = made;
            } else {
                keys = made;
            }
        }
        return made;
    }

    /** Its keys as JSON array members, without the brackets, onto {@code out} (the start of a shape's text). */
    StringBuilder appendTo(StringBuilder out, boolean members) {
        if (parent == null) {
            return out;
        }
        parent.appendTo(out, members);
        Flat.appendString(out.length() > 1 ? out.append(',') : out, key);
        return members ? out.append(value ? ",true" : ",false") : out;
    }

    /** An object's shape found key by key: a number while there is one, else text. */
    public static final class Keys {
        private final boolean members;
        private Shape shape = EMPTY;
        private StringBuilder text; // once past the bounds
        private int count;

        /** @param members whether the text says of each member whether it is given as a value (a script's arguments) */
        public Keys(boolean members) {
            this.members = members;
        }

        public void add(String key, boolean value) {
            if (shape != null && count < MAX_KEYS && nameLike(key)) {
                Shape next = shape.then(key, value);
                if (next != null) {
                    shape = next;
                    count++;
                    return;
                }
            }
            if (text == null) {
                text = shape.appendTo(new StringBuilder("["), members);
                shape = null;
            }
            Flat.appendString(text.length() > 1 ? text.append(',') : text, key);
            if (members) {
                text.append(value ? ",true" : ",false");
            }
            count++;
        }

        public int count() {
            return count;
        }

        /** A letter, {@code _} or {@code $}, then up to 63 letters, digits, {@code _}, {@code $} or {@code -} (ASCII). */
        static boolean nameLike(String key) {
            if (key.isEmpty() || key.length() > 64 || Character.isDigit(key.charAt(0)) || key.charAt(0) == '-') {
                return false;
            }
            for (int i = 0; i < key.length(); i++) {
                char c = key.charAt(i);
                if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$' || c == '-')) {
                    return false;
                }
            }
            return true;
        }

        /** The shape's number (an Integer), or its text past the bounds. */
        public Object shape() {
            return shape != null ? shape.id() : text.append(']').toString();
        }
    }
}
