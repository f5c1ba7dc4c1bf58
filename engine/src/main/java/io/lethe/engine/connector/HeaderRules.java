package io.lethe.engine.connector;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What an outgoing request header may be: a token for a name, not one the HTTP client sets itself
 * (it refuses them, so a call would fail at every run), a value without line breaks.
 */
public final class HeaderRules {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}");
    private static final Set<String> SET_BY_THE_CLIENT = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private HeaderRules() {
    }

    /** Why the name cannot be sent, if it cannot. */
    public static Optional<String> nameProblem(String name) {
        if (!NAME.matcher(name).matches()) {
            return Optional.of("not a valid header name");
        }
        if (SET_BY_THE_CLIENT.contains(name.toLowerCase(Locale.ROOT))) {
            return Optional.of("set by the HTTP client itself (" + String.join(", ", new TreeSet<>(SET_BY_THE_CLIENT)) + " are)");
        }
        return Optional.empty();
    }

    /** Why the value cannot be sent, if it cannot (never quoting it: it may be a secret). */
    public static Optional<String> valueProblem(String value) {
        return value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)
                ? Optional.of("may not hold a line break") : Optional.empty();
    }
}
