package io.lethe.engine.retention;

/**
 * The staff accounts' collection, kept by the web module's user store, as a value purge meets it where it rewrites
 * whole databases (a backup archive; a restored database when the ledger is replayed): an account whose username holds
 * the value goes whole. Kept under a redacted username it would keep its password hash and roles, and a restore would
 * bring back an account called {@code [redacted]}. The live accounts are no purge target: they go through
 * {@code DELETE /api/users/<name>}.
 */
public final class StaffAccounts {

    public static final String COLLECTION = "users";

    private StaffAccounts() {
    }
}
