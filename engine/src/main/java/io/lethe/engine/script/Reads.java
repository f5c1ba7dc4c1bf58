package io.lethe.engine.script;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The members of an argument a script can read, found from its text: when every mention of the
 * argument's name is {@code name.member} (spaces and line breaks allowed around the dot), the script
 * can read nothing else of it, so only those members need to be handed over; a script that never
 * names the argument needs none. Anything that could reach other members gives {@link #members}
 * null (hand over all): the name alone ({@code JSON.stringify(input)}, {@code {...input}}, a
 * destructuring), {@code input[...]}, {@code input?.x}, a comment between name and dot, a member
 * of {@code Object.prototype} ({@code input.hasOwnProperty}), {@code arguments}, {@code eval}, or an
 * escape sequence (an identifier may be written with <code>&#92;u</code>). Mentions inside strings or
 * comments count as mentions: the rule over-approximates, never under.
 */
final class Reads {

    private static final Set<String> OBJECT_PROTOTYPE = Set.of("constructor", "hasOwnProperty", "isPrototypeOf",
            "propertyIsEnumerable", "toLocaleString", "toString", "valueOf", "__proto__", "__defineGetter__",
            "__defineSetter__", "__lookupGetter__", "__lookupSetter__");

    private Reads() {
    }

    /** The members of {@code name} that {@code source} can read (empty: none), or null when it may read any. */
    static Set<String> members(String source, String name) {
        if (source.contains("\\u") || mentions(source, "arguments") || mentions(source, "eval")) {
            return null;
        }
        Set<String> members = new LinkedHashSet<>();
        int at = -1;
        while ((at = source.indexOf(name, at + 1)) >= 0) {
            int end = at + name.length();
            if (at > 0 && identifierPart(source.charAt(at - 1)) || end < source.length() && identifierPart(source.charAt(end))) {
                continue; // a longer name (myinput, inputs)
            }
            if (at > 0 && source.charAt(at - 1) > 0x7f || end < source.length() && source.charAt(end) > 0x7f) {
                return null; // a letter or a space of another script: not told apart here
            }
            int dot = skipSpaces(source, end);
            if (dot == source.length() || source.charAt(dot) != '.') {
                return null;
            }
            int start = skipSpaces(source, dot + 1);
            int stop = start;
            while (stop < source.length() && identifierPart(source.charAt(stop))) {
                stop++;
            }
            if (stop == start || Character.isDigit(source.charAt(start)) || stop < source.length() && source.charAt(stop) > 0x7f) {
                return null;
            }
            String member = source.substring(start, stop);
            if (OBJECT_PROTOTYPE.contains(member)) {
                return null;
            }
            members.add(member);
        }
        return members;
    }

    private static boolean mentions(String source, String word) {
        for (int at = source.indexOf(word); at >= 0; at = source.indexOf(word, at + 1)) {
            int end = at + word.length();
            boolean longer = at > 0 && identifierPart(source.charAt(at - 1)) || end < source.length() && identifierPart(source.charAt(end));
            if (!longer) {
                return true;
            }
        }
        return false;
    }

    private static int skipSpaces(String source, int at) {
        while (at < source.length() && Character.isWhitespace(source.charAt(at)) && source.charAt(at) <= 0x7f) {
            at++;
        }
        return at;
    }

    private static boolean identifierPart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$';
    }
}
