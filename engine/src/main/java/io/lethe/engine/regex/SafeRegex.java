package io.lethe.engine.regex;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * The regular expressions users give (an instance {@code regex} condition, a log purge's {@code regex}), run by
 * RE2/J, whose time grows linearly with the text: a backtracking engine ({@code java.util.regex}, the embedded
 * database's) takes exponential time on {@code (a+)+$} against a value that almost matches and polynomial time on
 * {@code .*.*.*x}, which cannot be interrupted, and a hook passing its caller's text into a {@code regex}, or a log
 * line a caller wrote, would let anyone hold a thread for hours. So Lethe matches these patterns itself, never in the
 * database. The price: no lookaround, backreferences or possessive quantifiers; a pattern must be at most
 * {@link #MAX_LENGTH} characters.
 */
public final class SafeRegex {

    public static final int MAX_LENGTH = 256;

    private static final java.util.regex.Pattern LOOKAROUND = java.util.regex.Pattern.compile("\\(\\?<?[=!]");
    private static final java.util.regex.Pattern BACKREFERENCE = java.util.regex.Pattern.compile("\\\\[1-9]|\\\\k<");

    private SafeRegex() {
    }

    /** Why the pattern is refused, if it is. */
    public static Optional<String> problem(String pattern) {
        if (pattern.length() > MAX_LENGTH) {
            return Optional.of("at most " + MAX_LENGTH + " characters");
        }
        try {
            Pattern.compile(pattern);
            return Optional.empty();
        } catch (PatternSyntaxException e) {
            return Optional.of(unsupported(pattern).orElse("not a regular expression: " + e.getDescription()));
        }
    }

    /** The pattern, checked by {@link #problem} before, compiled for matching in linear time. */
    public static Pattern compile(String pattern, boolean ignoreCase) {
        return Pattern.compile(pattern, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    }

    /** What a backtracking engine would accept and RE2/J does not, said plainly (RE2/J's own message misleads). */
    private static Optional<String> unsupported(String pattern) {
        Matcher lookaround = LOOKAROUND.matcher(pattern);
        if (lookaround.find()) {
            return Optional.of("lookahead and lookbehind ('" + lookaround.group() + "') are not supported: patterns run in linear time");
        }
        if (BACKREFERENCE.matcher(pattern).find()) {
            return Optional.of("backreferences are not supported: patterns run in linear time");
        }
        if (pattern.contains("++") || pattern.contains("*+") || pattern.contains("?+") || pattern.contains("}+")) {
            return Optional.of("possessive quantifiers (a++) are not supported: write a+");
        }
        return Optional.empty();
    }
}
