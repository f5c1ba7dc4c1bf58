package io.lethe.engine.failure;

/**
 * One reason an input was refused.
 *
 * @param pointer JSON Pointer (RFC 6901) to the field at fault, e.g. {@code /attributes/2/type}
 * @param message what is wrong with it, for a person
 */
public record FieldError(String pointer, String message) {
}
