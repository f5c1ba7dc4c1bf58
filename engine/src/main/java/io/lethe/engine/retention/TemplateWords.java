package io.lethe.engine.retention;

/**
 * The words of a template's expressions in a design's text ({@code {{steps.lookup.output.name}}}): a segment of the
 * path that is, spelled exactly, a word of the {@link Vocabulary} stays, as the same word stays as a key or a whole name
 * (a block called {@code keys}, an attribute called {@code name}), so that a template and the names it reads agree.
 * A segment is what stands between dots, spaces, brackets, braces, parentheses, quotes and commas.
 */
final class TemplateWords {

    private static final String DELIMITERS = ".[](){}'\",|:";

    private TemplateWords() {
    }

    /** Whether {@code text[start, end)} is a whole segment of a {@code {{...}}} expression and a word of the vocabulary. */
    static boolean isLanguage(String text, int start, int end) {
        int open = text.lastIndexOf("{{", start);
        if (open < 0 || text.lastIndexOf("}}", start) > open || text.indexOf("}}", end) < 0) {
            return false;
        }
        return (start == 0 || delimiter(text.charAt(start - 1))) && (end == text.length() || delimiter(text.charAt(end)))
                && Vocabulary.isLanguage(text.substring(start, end));
    }

    private static boolean delimiter(char c) {
        return Character.isWhitespace(c) || DELIMITERS.indexOf(c) >= 0;
    }
}
