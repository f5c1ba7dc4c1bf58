package io.lethe.purge;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.lethe.engine.retention.PurgeScope;
import java.time.Instant;
import java.util.List;

/**
 * A request to forget something, with its whole history. {@code scope} holds the values to forget
 * only until completion; then they are replaced by keyed hashes ({@code scopeForgotten}).
 * {@code description} describes the scope without any value and is what receipts show.
 */
public record PurgeRequest(
        String id,
        PurgeScope scope,
        String description,
        boolean scopeForgotten,
        PurgeStatus status,
        String requestedBy,
        String approvedBy,
        Instant createdAt,
        Instant plannedAt,
        Instant approvedAt,
        Instant startedAt,
        Instant finishedAt,
        List<TargetResult> targets,
        Long bytesReclaimed,
        String receiptHash) {

    public PurgeRequest {
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    public PurgeRequest with(PurgeStatus next) {
        return new PurgeRequest(id, scope, description, scopeForgotten, next, requestedBy, approvedBy, createdAt, plannedAt,
                approvedAt, startedAt, finishedAt, targets, bytesReclaimed, receiptHash);
    }

    public PurgeRequest withTargets(List<TargetResult> next) {
        return new PurgeRequest(id, scope, description, scopeForgotten, status, requestedBy, approvedBy, createdAt, plannedAt,
                approvedAt, startedAt, finishedAt, next, bytesReclaimed, receiptHash);
    }

    public PurgeRequest planned(List<TargetResult> plan, Instant at) {
        return new PurgeRequest(id, scope, description, scopeForgotten, PurgeStatus.PLANNED, requestedBy, null, createdAt, at,
                null, null, null, plan, null, null);
    }

    public PurgeRequest approved(String by, Instant at) {
        return new PurgeRequest(id, scope, description, scopeForgotten, PurgeStatus.APPROVED, requestedBy, by, createdAt, plannedAt,
                at, null, null, targets, null, null);
    }

    public PurgeRequest started(Instant at) {
        return new PurgeRequest(id, scope, description, scopeForgotten, PurgeStatus.RUNNING, requestedBy, approvedBy, createdAt,
                plannedAt, approvedAt, at, null, targets, null, null);
    }

    /** The same request over a resolved scope (a subject's filter turned into the ids it selects). */
    public PurgeRequest withScope(PurgeScope resolved) {
        return new PurgeRequest(id, resolved, description, scopeForgotten, status, requestedBy, approvedBy, createdAt, plannedAt,
                approvedAt, startedAt, finishedAt, targets, bytesReclaimed, receiptHash);
    }

    /** The same request over designs renamed since it was filed (described anew: descriptions name designs). */
    public PurgeRequest renamed(PurgeScope renamed, String renamedDescription) {
        return new PurgeRequest(id, renamed, renamedDescription, scopeForgotten, status, requestedBy, approvedBy, createdAt, plannedAt,
                approvedAt, startedAt, finishedAt, targets, bytesReclaimed, receiptHash);
    }

    /**
     * The scope with its values (and the names of designs) replaced by keyed hashes, once verification no longer needs
     * them, and described so.
     */
    public PurgeRequest forgotten(PurgeScope hashedScope, String hashedDescription) {
        return new PurgeRequest(id, hashedScope, hashedDescription, true, status, requestedBy, approvedBy, createdAt, plannedAt,
                approvedAt, startedAt, finishedAt, targets, bytesReclaimed, receiptHash);
    }

    public PurgeRequest finished(PurgeStatus end, Instant at, long reclaimed, String receipt) {
        return new PurgeRequest(id, scope, description, scopeForgotten, end, requestedBy, approvedBy, createdAt, plannedAt,
                approvedAt, startedAt, at, targets, reclaimed, receipt);
    }

    @JsonIgnore
    public boolean isLogPurge() {
        return scope instanceof PurgeScope.Logs;
    }
}
