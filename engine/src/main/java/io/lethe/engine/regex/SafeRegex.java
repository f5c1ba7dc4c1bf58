package io.lethe.engine.regex;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a regular expression a user gives (an instance {@code regex} condition, a log purge's
 * {@code regex}) before anything runs it: it must compile, be at most
 * {@link #MAX_LENGTH} characters, and not repeat a group that itself holds a quantifier
 * ({@code (a+)+}, {@code (.*a){12}}): the embedded database matches with {@code java.util.regex},
 * which cannot be interrupted, and such patterns take exponential time on a value that almost
 * matches (29 characters held a query for 8 s), which a hook passing its caller's text into a
 * {@code regex} would let anyone do (and a log line a caller wrote can hold such a value too).
 */
public final class SafeRegex {

    public static final int MAX_LENGTH = 256;

    private SafeRegex() {
    }

    /** Why the pattern is refused, if it is. */
    public static Optional<String> problem(String pattern) {
        if (pattern.length() > MAX_LENGTH) {
            return Optional.of("at most " + MAX_LENGTH + " characters");
        }
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            return Optional.of("not a regular expression: " + e.getDescription());
        }
        return repeatsAQuantifiedGroup(pattern)
                ? Optional.of("repeats a group that holds a quantifier, e.g. (a+)+: such a pattern can take exponential time")
                : Optional.empty();
    }

    private static boolean repeatsAQuantifiedGroup(String p) {
        Deque<Boolean> open = new ArrayDeque<>(); // per open group: whether it holds a quantifier
        boolean quantifiedGroupJustClosed = false;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            boolean closed = false;
            switch (c) {
                case '\\' -> i++;
                case '[' -> i = endOfClass(p, i);
                case '(' -> {
                    open.push(false);
                    i = afterGroupPrefix(p, i);
                }
                case ')' -> {
                    boolean held = !open.isEmpty() && open.pop();
                    if (held) {
                        markQuantified(open);
                    }
                    closed = held;
                }
                case '*', '+', '?', '{' -> {
                    if (quantifiedGroupJustClosed) {
                        return true;
                    }
                    markQuantified(open);
                    if (c == '{') {
                        int end = p.indexOf('}', i);
                        i = end < 0 ? i : end;
                    }
                    if (i + 1 < p.length() && (p.charAt(i + 1) == '?' || p.charAt(i + 1) == '+')) {
                        i++; // a lazy or possessive quantifier
                    }
                }
                default -> { }
            }
            quantifiedGroupJustClosed = closed;
        }
        return false;
    }

    private static void markQuantified(Deque<Boolean> open) {
        if (!open.isEmpty()) {
            open.pop();
            open.push(true);
        }
    }

    /** The index of the ']' closing the class opened at {@code start}. */
    private static int endOfClass(String p, int start) {
        int i = start + 1;
        if (i < p.length() && p.charAt(i) == '^') {
            i++;
        }
        if (i < p.length() && p.charAt(i) == ']') {
            i++;
        }
        for (; i < p.length(); i++) {
            if (p.charAt(i) == '\\') {
                i++;
            } else if (p.charAt(i) == ']') {
                return i;
            }
        }
        return p.length();
    }

    /** Skips {@code ?:}, {@code ?=}, {@code ?<name>}, inline flags... after a '(' at {@code start}. */
    private static int afterGroupPrefix(String p, int start) {
        int i = start;
        if (i + 1 >= p.length() || p.charAt(i + 1) != '?') {
            return i;
        }
        i += 2;
        if (i < p.length() && p.charAt(i) == '<' && i + 1 < p.length() && p.charAt(i + 1) != '=' && p.charAt(i + 1) != '!') {
            int end = p.indexOf('>', i);
            return end < 0 ? p.length() : end;
        }
        while (i < p.length() && ":=!<>)".indexOf(p.charAt(i)) < 0) {
            i++; // inline flags such as (?i) or (?i:
        }
        if (i < p.length() && p.charAt(i) == '<') {
            i++; // lookbehind: (?<= or (?<!
        }
        return i < p.length() && p.charAt(i) == ')' ? i - 1 : i;
    }
}
