package io.lethe.engine.execution;

/** How a run ended. */
public enum ExecutionStatus {
    SUCCEEDED, FAILED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
