// The purge API (purge/README.md): requests, their per-target progress, receipts and the hash-chained ledger.
import { useQuery } from '@tanstack/react-query';
import { api, enc } from '../../../api/client';

export type PurgeStatus = 'draft' | 'planned' | 'approved' | 'running' | 'verifying' | 'completed' | 'failed' | 'cancelled';
export type Strategy = 'null' | 'mask' | 'hmac' | 'random' | 'delete';

export interface TargetProgress {
  target: string;
  status: string; // planned | not-applicable | running | done | failed ...
  planned: number;
  changed: number;
  removed: number;
  remaining: number | null;
  error: string | null;
  /** What the plan touches, named without values: designs that would change (the value shown [redacted]), backups. */
  items?: string[];
}

export interface PurgeRequest {
  id: string;
  status: PurgeStatus;
  kind: string;
  description: string;
  requestedBy: string;
  approvedBy: string | null;
  createdAt: string;
  plannedAt: string | null;
  approvedAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  targets: TargetProgress[];
  bytesReclaimed: number | null;
  receiptHash: string | null;
  scopeForgotten: boolean;
  /** What the admin should know before approving (never a value). */
  notes?: string[];
}

export interface Receipt {
  requestId: string;
  requestedBy: string;
  approvedBy: string | null;
  createdAt?: string;
  approvedAt?: string | null;
  startedAt?: string;
  finishedAt?: string;
  scope: string;
  scopeHash: string;
  status: string;
  bytesReclaimed?: number | null;
  exportsThatMayHoldCopies?: { exportId: string; exportedBy: string; exportedAt: string; sha256: string }[];
  targets: Array<Pick<TargetProgress, 'target' | 'status' | 'planned' | 'changed' | 'removed' | 'remaining'> & { error?: string | null }>;
}

export interface LedgerEntry {
  sequence: number;
  at: string;
  receipt: Receipt;
  previousHash: string;
  hash: string;
  /** The scope with the names of designs that still exist in place of the keyed hashes the ledger keeps. */
  scopeShown?: string;
}

export interface LedgerCheck {
  intact: boolean;
  entries: number;
  firstBroken: number | null;
  reason: string | null;
}

/** Statuses in which the server is still working: the request is polled. */
export const ACTIVE: PurgeStatus[] = ['running', 'verifying'];
export const FINISHED: PurgeStatus[] = ['completed', 'failed', 'cancelled'];

export const purgePath = (id: string) => `/api/purge-requests/${enc(id)}`;

/** The request list, shared by the purge page and the nav's count (one cache entry). */
const requestList = { queryKey: ['purge-requests'], queryFn: () => api<PurgeRequest[]>('/api/purge-requests') };

export function usePurgeRequests() {
  return useQuery({
    ...requestList,
    refetchInterval: (q) => (q.state.data?.some((r) => ACTIVE.includes(r.status)) ? 1000 : false),
  });
}

/**
 * How many planned requests wait for {@code username}'s approval (filed by someone else: another admin, or a
 * sequence's request-purge block), checked every minute for the nav.
 */
export function useAwaitingApproval(username: string | undefined, enabled: boolean): number {
  const requests = useQuery({
    ...requestList,
    enabled,
    refetchInterval: 60_000,
  });
  return requests.data?.filter((r) => r.status === 'planned' && r.requestedBy !== username).length ?? 0;
}

/** One request, polled every half second while it runs or is being verified. */
export function usePurgeRequest(id: string | undefined) {
  return useQuery({
    queryKey: ['purge-requests', id],
    queryFn: () => api<PurgeRequest>(purgePath(id!)),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data && ACTIVE.includes(q.state.data.status) ? 500 : false),
  });
}

/** A datetime-local value (read as UTC) as an instant the server parses; undefined when empty. */
export function utcInstant(local: string): string | undefined {
  const v = local.trim();
  if (!v) return undefined;
  if (/[zZ]|[+-]\d\d:\d\d$/.test(v.slice(10))) return v;
  return `${v.length === 16 ? `${v}:00` : v}Z`;
}
