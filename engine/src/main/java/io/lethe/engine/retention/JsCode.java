package io.lethe.engine.retention;

import io.lethe.engine.script.JsBuiltins;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.Set;

/**
 * Tells JavaScript's own names apart from data in a design's text. A value purge must not turn {@code Math.max} into
 * {@code Math.redacted_…} because a person is called Max: where a found value, spelled exactly, is a name JavaScript
 * defines, standing in code (not inside a string, a template's text, a comment or a regular expression) as a member
 * ({@code .max}, {@code ?.length}) or a global ({@code Math}, {@code Date}), it is the language, not data, and is left.
 *
 * <p>The text is read as JavaScript whatever it is (a script, a condition, a template, a description): plain text has
 * no quotes to open strings, so the rule only spares the same built-in names written as code there; a quote in plain
 * text opens a "string" in which nothing is spared. Either way an error can only redact more, never less, data.
 */
final class JsCode {

    private final String text;
    private final BitSet code;

    private JsCode(String text) {
        this.text = text;
        this.code = code(text);
    }

    /** A reading of {@code text}, for asking about several matches in it. */
    static JsCode of(String text) {
        return new JsCode(text);
    }

    /**
     * Whether {@code text[start, end)} is one of JavaScript's own names written as code (see the class comment). A whole
     * text is a name (an attribute or a sequence called "Date"), never code: it is renamed like every reference to it.
     */
    boolean isBuiltin(int start, int end) {
        if (start == 0 && end == text.length() || !code.get(start) || identifierPart(start - 1) || identifierPart(end)) {
            return false;
        }
        String name = text.substring(start, end);
        int before = start - 1;
        while (before >= 0 && Character.isWhitespace(text.charAt(before))) {
            before--;
        }
        boolean member = before >= 0 && text.charAt(before) == '.';
        return member ? JsBuiltins.members().contains(name) : JsBuiltins.globals().contains(name);
    }

    private boolean identifierPart(int at) {
        if (at < 0 || at >= text.length()) {
            return false;
        }
        char c = text.charAt(at);
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** The positions of {@code text} that are code: not in a string, a template's text, a comment or a regex. */
    static BitSet code(String text) {
        BitSet code = new BitSet(text.length());
        Deque<Integer> templates = new ArrayDeque<>(); // brace depth at each open ${ of a template
        int depth = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
            if (c == '/' && next == '/') {
                i = until(text, i, "\n");
            } else if (c == '/' && next == '*') {
                i = until(text, i + 2, "*/") + 1;
            } else if (c == '\'' || c == '"') {
                i = quoted(text, i + 1, c);
            } else if (c == '`' || c == '}' && !templates.isEmpty() && templates.peek() == depth) {
                if (c == '}') {
                    templates.pop();
                }
                i = templateText(text, i + 1);
                if (i < text.length() && text.charAt(i) == '{') {
                    templates.push(depth);
                }
                i++;
            } else if (c == '/' && regexAllowed(text, i)) {
                i = regex(text, i + 1);
            } else {
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                code.set(i);
                i++;
            }
        }
        return code;
    }

    /** The position just after {@code end} found from {@code from} (or the text's end). */
    private static int until(String text, int from, String end) {
        int at = text.indexOf(end, from);
        return at < 0 ? text.length() : at + 1;
    }

    /** Past a string's closing quote (or the line's end: an unclosed string). */
    private static int quoted(String text, int i, char quote) {
        while (i < text.length() && text.charAt(i) != quote && text.charAt(i) != '\n') {
            i += text.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    /** At a template's closing backtick or at the brace of its next {@code ${} (or the text's end). */
    private static int templateText(String text, int i) {
        while (i < text.length() && text.charAt(i) != '`') {
            if (text.charAt(i) == '\\') {
                i += 2;
            } else if (text.charAt(i) == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                return i + 1;
            } else {
                i++;
            }
        }
        return i;
    }

    /** Past a regular expression literal and its flags. */
    private static int regex(String text, int i) {
        boolean inClass = false;
        while (i < text.length() && text.charAt(i) != '\n' && (inClass || text.charAt(i) != '/')) {
            char c = text.charAt(i);
            inClass = c == '[' || inClass && c != ']';
            i += c == '\\' ? 2 : 1;
        }
        i++;
        while (i < text.length() && Character.isLetter(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static final Set<String> BEFORE_EXPRESSION = Set.of("return", "typeof", "case", "do", "else", "in", "of", "new",
            "delete", "void", "throw", "yield", "await", "instanceof");

    /** Whether a slash here starts a regular expression (after an operator or a keyword) rather than dividing. */
    private static boolean regexAllowed(String text, int at) {
        int i = at - 1;
        while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
            i--;
        }
        if (i < 0 || "(,=:[!&|?{};+-*%<>~^".indexOf(text.charAt(i)) >= 0) {
            return true;
        }
        int end = i + 1;
        while (i >= 0 && Character.isLetter(text.charAt(i))) {
            i--;
        }
        return BEFORE_EXPRESSION.contains(text.substring(i + 1, end));
    }
}
