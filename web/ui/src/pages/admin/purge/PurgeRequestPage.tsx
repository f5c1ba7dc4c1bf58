import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { useAuth } from '../../../auth/AuthContext';
import { ErrorBox, isNotFound, Loading } from '../../../components/Status';
import { bytes, when } from '../../../format';
import { ACTIVE, purgePath, usePurgeRequest, type LedgerEntry, type PurgeRequest } from './purgeApi';
import { ConfirmButton, PurgeStatusBadge, TargetsTable } from './parts';

/** One purge request: plan, approve (by someone else), cancel, run with live per-store progress, receipt. */
export function PurgeRequestPage() {
  const { id } = useParams();
  const request = usePurgeRequest(id);
  if (request.isPending) return <Loading />;
  if (isNotFound(request.error)) {
    return <section><h1>Purge request</h1><p className="notice" role="status">There is no purge request {id}.</p></section>;
  }
  if (request.error) return <section><h1>Purge request</h1><ErrorBox error={request.error} /></section>;
  return <RequestView request={request.data} />;
}

export function RequestView({ request: r, compact }: { request: PurgeRequest; compact?: boolean }) {
  const { user, has } = useAuth();
  const queryClient = useQueryClient();
  const action = useMutation({
    mutationFn: (what: 'plan' | 'approve' | 'cancel' | 'run') => api<PurgeRequest>(`${purgePath(r.id)}/${what}`, { method: 'POST' }),
    onSuccess: (answer) => {
      if (answer && typeof answer === 'object' && 'id' in answer) queryClient.setQueryData(['purge-requests', r.id], answer);
      void queryClient.invalidateQueries({ queryKey: ['purge-requests'] });
    },
  });
  const own = r.requestedBy === user?.username;
  const isLogs = r.kind === 'logs';
  const canPlan = r.status === 'draft' || r.status === 'planned';
  // Log purges run without approval by default (unless the server asks for it); the requester never approves.
  const canApprove = r.status === 'planned' && (!isLogs || !own);
  const canRun = r.status === 'approved' || (isLogs && r.status === 'planned');
  const canCancel = ['draft', 'planned', 'approved'].includes(r.status);
  const active = ACTIVE.includes(r.status);
  const busy = action.isPending || active;
  const Heading = compact ? 'h2' : 'h1';

  return (
    <section className="purge-request">
      <div className="page-head">
        <Heading>Purge request <PurgeStatusBadge status={r.status} /></Heading>
        {!compact && has('admin') && <Link to="/purge" className="button">All requests</Link>}
      </div>
      <dl className="facts card">
        <dt>Scope</dt><dd>{r.description}{r.scopeForgotten && <span className="muted small"> (values forgotten: only keyed hashes kept)</span>}</dd>
        <dt>Kind</dt><dd>{r.kind}</dd>
        <dt>Requested by</dt><dd>{r.requestedBy}{own && <span className="muted small"> (you)</span>} · {when(r.createdAt)}</dd>
        <dt>Planned</dt><dd>{when(r.plannedAt) || <span className="muted">not yet</span>}</dd>
        <dt>Approved by</dt><dd>{r.approvedBy ? `${r.approvedBy} · ${when(r.approvedAt)}` : <span className="muted">{isLogs ? 'not needed for log purges' : 'not yet'}</span>}</dd>
        <dt>Run</dt><dd>{r.startedAt ? `${when(r.startedAt)} → ${when(r.finishedAt) || '…'}` : <span className="muted">not yet</span>}</dd>
        {r.bytesReclaimed != null && <><dt>Bytes reclaimed</dt><dd>{bytes(r.bytesReclaimed)}</dd></>}
      </dl>
      {r.notes?.map((note) => <p key={note} className="notice" role="note">{note}</p>)}

      <h2>Stores</h2>
      {active && <p role="status" className="muted">{r.status === 'running' ? 'Running, store by store…' : 'Verifying: every store is scanned again…'}</p>}
      <TargetsTable targets={r.targets} live={active} />

      <ErrorBox error={action.error} title="Refused" />
      <div className="row-actions purge-actions">
        {canPlan && <button type="button" className={r.status === 'draft' ? 'primary' : undefined} disabled={busy} onClick={() => action.mutate('plan')}>
          {r.status === 'draft' ? 'Plan (dry run)' : 'Plan again'}</button>}
        {canApprove && (
          <>
            <button type="button" className="primary" disabled={busy || own} aria-describedby={own ? 'approve-why' : undefined}
              onClick={() => action.mutate('approve')}>Approve</button>
            {own && <span id="approve-why" className="muted small">You filed this request: another admin must approve it.</span>}
          </>
        )}
        {canRun && <ConfirmButton label="Run" question="Forget this data for good?" confirm="Yes, run the purge" disabled={busy}
          onConfirm={() => action.mutate('run')} />}
        {canCancel && <button type="button" className="link danger" disabled={busy} onClick={() => action.mutate('cancel')}>Cancel request</button>}
      </div>
      {r.receiptHash && <ReceiptView id={r.id} />}
    </section>
  );
}

/** The receipt from the ledger: who, when, the scope's description and keyed hash, counts; never a value. */
function ReceiptView({ id }: { id: string }) {
  const receipt = useQuery({ queryKey: ['purge-receipt', id], queryFn: () => api<LedgerEntry>(`${purgePath(id)}/receipt`) });
  if (receipt.isPending) return <Loading what="Loading the receipt" />;
  if (receipt.error) return <ErrorBox error={receipt.error} title="No receipt" />;
  const e = receipt.data;
  const rc = e.receipt;
  return (
    <div className="card receipt" aria-labelledby="receipt-title">
      <h2 id="receipt-title">Receipt</h2>
      <p className="muted small">
        Entry {e.sequence} of the purge ledger. A receipt holds no purged values: only the scope's description and its keyed hash.
        It keeps the names of designs as keyed hashes too (a later purge may forget a name); those that still exist are shown by name.
      </p>
      <dl className="facts">
        <dt>Status</dt><dd><PurgeStatusBadge status={rc.status} /></dd>
        <dt>Scope</dt><dd>{e.scopeShown ?? rc.scope}</dd>
        <dt>Scope hash</dt><dd><code>{rc.scopeHash}</code></dd>
        <dt>Requested by</dt><dd>{rc.requestedBy} · {when(rc.createdAt)}</dd>
        <dt>Approved by</dt><dd>{rc.approvedBy ?? '—'}{rc.approvedAt ? ` · ${when(rc.approvedAt)}` : ''}</dd>
        <dt>Ran</dt><dd>{when(rc.startedAt)} → {when(rc.finishedAt)}</dd>
        <dt>Bytes reclaimed</dt><dd>{bytes(rc.bytesReclaimed) || '—'}</dd>
        <dt>Exports that may hold copies</dt>
        <dd>{rc.exportsThatMayHoldCopies?.length ? (
          <ul className="plain">{rc.exportsThatMayHoldCopies.map((x) => (
            <li key={x.exportId}>export {x.exportId} by {x.exportedBy}, {when(x.exportedAt)} (<span title={`SHA-256 ${x.sha256}`}>
              sha256 <code>{x.sha256.slice(0, 12)}…</code></span>): delete its downloaded file</li>
          ))}</ul>) : 'none'}</dd>
        <dt>Recorded</dt><dd>{when(e.at)}</dd>
        <dt>Hash</dt><dd><code className="hash">{e.hash}</code></dd>
        <dt>Previous hash</dt><dd><code className="hash">{e.previousHash}</code></dd>
      </dl>
      <table className="grid" aria-label="Receipt per store">
        <thead><tr><th>Store</th><th>Status</th><th className="num">Planned</th><th className="num">Changed</th><th className="num">Removed</th><th className="num">Remaining</th></tr></thead>
        <tbody>{rc.targets.map((t) => (
          <tr key={t.target}><td>{t.target}</td><td>{t.status}</td><td className="num">{t.planned}</td><td className="num">{t.changed}</td>
            <td className="num">{t.removed}</td><td className="num">{t.remaining ?? '—'}</td></tr>
        ))}</tbody>
      </table>
    </div>
  );
}
