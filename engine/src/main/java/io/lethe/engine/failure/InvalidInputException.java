package io.lethe.engine.failure;

import java.util.List;

/** Input that was refused as a whole: nothing was written. Maps to HTTP 400 / 422. */
public final class InvalidInputException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidInputException(List<FieldError> errors) {
        super(errors.isEmpty() ? "invalid input" : errors.get(0).pointer() + ": " + errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    public static InvalidInputException of(String pointer, String message) {
        return new InvalidInputException(List.of(new FieldError(pointer, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
