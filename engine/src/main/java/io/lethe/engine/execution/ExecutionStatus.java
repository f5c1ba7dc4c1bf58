package io.lethe.engine.execution;

/** How a run ended. */
public enum ExecutionStatus {
    SUCCEEDED("succeeded"), FAILED("failed");

    private final String label;

    ExecutionStatus(String label) {
        this.label = label;
    }

    /** The lower-case name used in records, metrics and the API. */
    public String label() {
        return label;
    }
}
