package io.lethe.purge;

import java.util.List;

/**
 * One target's part of a purge: planned matches, then what it changed and removed, then what
 * verification still found. {@code status}: {@code not-applicable}, {@code planned}, {@code running},
 * {@code done}, {@code failed}. Errors are kept as messages, never silently dropped.
 */
public record TargetResult(String target, String status, long planned, long changed, long removed, Long remaining, String error,
        List<String> items) {

    /** {@code items}: what the plan touches, named without values (e.g. backup archives and their dates). */
    public TargetResult {
        items = items == null ? List.of() : List.copyOf(items);
    }

    public TargetResult withItems(List<String> named) {
        return new TargetResult(target, status, this.planned, changed, removed, remaining, error, named);
    }

    public static TargetResult planned(String target, long planned) {
        return new TargetResult(target, "planned", planned, 0, 0, null, null, null);
    }

    public static TargetResult notApplicable(String target) {
        return new TargetResult(target, "not-applicable", 0, 0, 0, null, null, null);
    }

    public TargetResult withStatus(String next) {
        return new TargetResult(target, next, planned, changed, removed, remaining, error, items);
    }

    public TargetResult done(long changedNow, long removedNow) {
        return new TargetResult(target, "done", planned, changedNow, removedNow, remaining, null, items);
    }

    public TargetResult failed(String message) {
        return new TargetResult(target, "failed", planned, changed, removed, remaining, message, items);
    }

    public TargetResult verified(long left) {
        return new TargetResult(target, status, planned, changed, removed, left, error, items);
    }

    public boolean applicable() {
        return !"not-applicable".equals(status);
    }
}
