package io.lethe.engine.failure;

import java.util.List;

/** Input that was refused as a whole: nothing was written. Maps to HTTP 400 / 422. */
public final class InvalidInputException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidInputException(List<FieldError> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
    }

    /** The first problem, prefixed with its field unless it is about the input as a whole. */
    private static String summary(List<FieldError> errors) {
        if (errors.isEmpty()) {
            return "invalid input";
        }
        FieldError first = errors.get(0);
        return first.pointer().isEmpty() ? first.message() : first.pointer() + ": " + first.message();
    }

    public static InvalidInputException of(String pointer, String message) {
        return new InvalidInputException(List.of(new FieldError(pointer, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
