import { Link } from 'react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { ErrorBox, isNotFound, Loading, NotAvailable } from '../../../components/Status';
import { when } from '../../../format';
import { type LedgerCheck, type LedgerEntry } from './purgeApi';
import { PurgeStatusBadge } from './parts';

const short = (hash: string) => `${hash.slice(0, 12)}…`;

/** The purge ledger: every receipt, each entry chained to the previous one by its SHA-256; verifiable. */
export function LedgerPage() {
  const ledger = useQuery({ queryKey: ['purge-ledger'], queryFn: () => api<LedgerEntry[]>('/api/purge-ledger') });
  const verify = useMutation({ mutationFn: () => api<LedgerCheck>('/api/purge-ledger/verify') });
  if (isNotFound(ledger.error)) {
    return <section><h1>Purge ledger</h1><NotAvailable what="The purge ledger" error={ledger.error} /></section>;
  }
  const check = verify.data;
  return (
    <section>
      <div className="page-head">
        <h1>Purge ledger</h1>
        <Link to="/purge" className="button">Purge requests</Link>
        <button type="button" className="primary" disabled={verify.isPending} onClick={() => verify.mutate()}>Verify chain</button>
      </div>
      <p className="muted">Oldest first. Each entry holds a receipt (no values) and the hash of the entry before it, so any change
        to an earlier entry breaks every later link.</p>
      <ErrorBox error={verify.error} title="Not verified" />
      {check && (check.intact
        ? <div className="card ok" role="status">Chain intact: {check.entries} {check.entries === 1 ? 'entry' : 'entries'} verified.</div>
        : <div className="error-box" role="alert"><strong>Chain broken</strong> at entry {check.firstBroken}: {check.reason}
            {' '}({check.entries} entries checked).</div>)}
      {ledger.isPending && <Loading />}
      <ErrorBox error={ledger.error} />
      {ledger.data?.length === 0 && <p className="muted">No receipts yet.</p>}
      {!!ledger.data?.length && (
        <div className="table-scroll">
          <table className="grid ledger" aria-label="Ledger entries">
            <thead><tr><th>#</th><th>Recorded</th><th>Scope</th><th>Status</th><th>Requested / approved by</th><th>Previous hash</th><th>Hash</th></tr></thead>
            <tbody>
              {ledger.data.map((e) => (
                <tr key={e.sequence} className={check && !check.intact && check.firstBroken === e.sequence ? 'has-error' : undefined}>
                  <td>{e.sequence}</td>
                  <td className="small"><Link to={`/purge/${e.receipt.requestId}`}>{when(e.at)}</Link></td>
                  <td>{e.scopeShown ?? e.receipt.scope}</td>
                  <td><PurgeStatusBadge status={e.receipt.status} /></td>
                  <td>{e.receipt.requestedBy} / {e.receipt.approvedBy ?? '—'}</td>
                  <td><code title={e.previousHash}>{short(e.previousHash)}</code></td>
                  <td><code title={e.hash}>{short(e.hash)}</code></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
