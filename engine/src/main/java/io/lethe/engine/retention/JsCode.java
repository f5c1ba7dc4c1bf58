package io.lethe.engine.retention;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.Set;

/**
 * Reads a design's JavaScript (a script's source, a condition's expression) to tell its code from its strings: a value
 * purge must not turn {@code Math.max} into {@code Math.redacted_…} because a person is called Max. A found value that
 * is, spelled exactly, a whole identifier of the code (not inside a string, a template's text, a comment or a regular
 * expression) and a word of the {@link Vocabulary} ({@code max}, {@code Date}, {@code keys}, {@code name}) is language,
 * not data, and is left, wherever it stands ({@code Math.max}, {@code {max: 1}}, {@code stats.max}), as it is left as a
 * whole name or a key elsewhere: so names and the code reading them agree.
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

    /** Whether {@code text[start, end)} is a whole identifier of the code and a word of the {@link Vocabulary}. */
    boolean isLanguage(int start, int end) {
        return code.get(start) && !identifierPart(start - 1) && !identifierPart(end) && Vocabulary.isLanguage(text.substring(start, end));
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
            } else if (c == '/' && regexAllowed(text, code, i)) {
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

    /**
     * Whether a slash here starts a regular expression (after an operator or a keyword) rather than dividing;
     * {@code code} tells the code read so far from strings, comments and regular expressions.
     */
    private static boolean regexAllowed(String text, BitSet code, int at) {
        int i = at - 1;
        while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
            i--;
        }
        if (i < 0 || "(,=:[!&|?{};+-*%<>~^".indexOf(text.charAt(i)) >= 0) {
            return true;
        }
        if (text.charAt(i) == ')') { // if (x) /re/.test(s): a regex after a statement's condition, else a division
            i = opening(text, code, i);
            while (i > 0 && Character.isWhitespace(text.charAt(i - 1))) {
                i--;
            }
            int word = i;
            while (word > 0 && Character.isLetter(text.charAt(word - 1))) {
                word--;
            }
            return Set.of("if", "while", "for", "with").contains(text.substring(word, i));
        }
        int end = i + 1;
        while (i >= 0 && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_' || text.charAt(i) == '$')) {
            i--; // the whole word: opt_in is no keyword
        }
        boolean member = i >= 0 && text.charAt(i) == '.'; // counts.new / all divides
        return !member && BEFORE_EXPRESSION.contains(text.substring(i + 1, end));
    }

    /** The position of the parenthesis {@code close} closes (0 when unbalanced); those in strings and the like do not count. */
    private static int opening(String text, BitSet code, int close) {
        int depth = 0;
        for (int i = close; i >= 0; i--) {
            char c = code.get(i) ? text.charAt(i) : ' ';
            depth += c == ')' ? 1 : c == '(' ? -1 : 0;
            if (depth == 0) {
                return i;
            }
        }
        return 0;
    }
}
