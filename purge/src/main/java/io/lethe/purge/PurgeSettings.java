package io.lethe.purge;

/**
 * @param singleAdmin        let the requester approve their own purge (installs with one admin)
 * @param logPurgeApproval   whether log purges need approval too (default: no — support works alone)
 */
public record PurgeSettings(boolean singleAdmin, boolean logPurgeApproval) {

    public static PurgeSettings defaults() {
        return new PurgeSettings(false, false);
    }
}
