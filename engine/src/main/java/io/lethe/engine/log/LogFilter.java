package io.lethe.engine.log;

import io.lethe.engine.failure.FieldError;
import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.regex.SafeRegex;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which lines of a range a log purge takes; every given criterion must hold (null = any).
 *
 * @param match         a literal value, compared without regard to case, searched in the line's
 *                      raw JSON text and in its decoded string values (so escaped text is found too)
 * @param regex         a regular expression (RE2 syntax, run in linear time: no lookaround or backreferences),
 *                      searched the same way (use {@code (?i)} for case)
 * @param level         {@code TRACE}, {@code DEBUG}, {@code INFO}, {@code WARN} or {@code ERROR}
 * @param logger        a logger name; also takes its children ({@code io.lethe} takes {@code io.lethe.web})
 * @param correlationId the request correlation id, exactly
 */
public record LogFilter(String match, String regex, String level, String logger, String correlationId) {

    public static final LogFilter NONE = new LogFilter(null, null, null, null, null);
    static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

    public LogFilter {
        List<FieldError> errors = new ArrayList<>();
        match = checked(match, "/match", errors);
        regex = checked(regex, "/regex", errors);
        level = checked(level, "/level", errors);
        logger = checked(logger, "/logger", errors);
        correlationId = checked(correlationId, "/correlationId", errors);
        if (regex != null) {
            SafeRegex.problem(regex).ifPresent(problem -> errors.add(new FieldError("/regex", problem)));
        }
        if (level != null) {
            level = level.toUpperCase(Locale.ROOT);
            if (!LEVELS.contains(level)) {
                errors.add(new FieldError("/level", "must be one of TRACE, DEBUG, INFO, WARN, ERROR"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    public static LogFilter matching(String value) {
        return new LogFilter(value, null, null, null, null);
    }

    public static LogFilter regex(String regex) {
        return new LogFilter(null, regex, null, null, null);
    }

    /** True when no criterion is set: every line of the range is taken. */
    public boolean isEmpty() {
        return match == null && regex == null && level == null && logger == null && correlationId == null;
    }

    /** True when a criterion looks into the text (a value or a regex), not only at fields. */
    public boolean searchesText() {
        return match != null || regex != null;
    }

    private static String checked(String value, String pointer, List<FieldError> errors) {
        if (value != null && value.isBlank()) {
            errors.add(new FieldError(pointer, "must not be blank (leave it out to take any)"));
        }
        return value;
    }
}
