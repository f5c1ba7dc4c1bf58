import { Link } from 'react-router';
import { ErrorBox, isNotFound, Loading, NotAvailable } from '../../../components/Status';
import { when } from '../../../format';
import { usePurgeRequests } from './purgeApi';
import { PurgeStatusBadge } from './parts';

/** Purge requests, newest first, with the way to file one and to the ledger. */
export function PurgeListPage() {
  const requests = usePurgeRequests();
  if (isNotFound(requests.error)) {
    return <section><h1>Purge requests</h1><NotAvailable what="The purge API" error={requests.error} /></section>;
  }
  return (
    <section>
      <div className="page-head">
        <h1>Purge requests</h1>
        <Link to="/purge/ledger" className="button">Ledger</Link>
        <Link to="/purge/new" className="button primary">New purge request</Link>
      </div>
      <p className="muted">A purge is filed, planned (a dry run with per-store counts), approved by another admin, run, then verified;
        its receipt goes to the hash-chained ledger and holds no values.</p>
      {requests.isPending && <Loading />}
      <ErrorBox error={requests.error} />
      {requests.data?.length === 0 && <p className="muted">No purge requests.</p>}
      {!!requests.data?.length && (
        <div className="table-scroll">
          <table className="grid" aria-label="Purge requests">
            <thead><tr><th>Filed</th><th>Kind</th><th>Scope</th><th>Status</th><th>Requested by</th><th>Approved by</th></tr></thead>
            <tbody>
              {requests.data.map((r) => (
                <tr key={r.id}>
                  <td className="small"><Link to={`/purge/${r.id}`} aria-label={`Purge request ${r.kind} filed ${when(r.createdAt)}`}>{when(r.createdAt)}</Link></td>
                  <td>{r.kind}</td>
                  <td>{r.description}</td>
                  <td><PurgeStatusBadge status={r.status} /></td>
                  <td>{r.requestedBy}</td>
                  <td>{r.approvedBy ?? <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
