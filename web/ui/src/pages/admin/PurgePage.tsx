import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { ErrorBox, isNotFound, Loading, NotAvailable } from '../../components/Status';

interface PurgeRequest { id: string; status?: string; createdBy?: string; createdAt?: string; scope?: unknown }

/** Purge requests: shown when the server has the purge API; a clear notice otherwise. */
export function PurgePage() {
  const requests = useQuery({ queryKey: ['purge-requests'], queryFn: () => api<PurgeRequest[] | { items: PurgeRequest[] }>('/api/purge-requests') });
  if (requests.isPending) return <Loading />;
  if (isNotFound(requests.error)) return <><h1>Purge requests</h1><NotAvailable what="The purge API" /></>;
  const items = Array.isArray(requests.data) ? requests.data : requests.data?.items ?? [];
  return (
    <section>
      <h1>Purge requests</h1>
      <ErrorBox error={requests.error} />
      {items.length === 0 && !requests.error && <p className="muted">No purge requests.</p>}
      {items.length > 0 && (
        <table className="grid">
          <thead><tr><th>Id</th><th>Status</th><th>Filed by</th><th>When</th></tr></thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id}><td><code>{r.id}</code></td><td>{r.status}</td><td>{r.createdBy}</td>
                <td className="small">{r.createdAt && new Date(r.createdAt).toLocaleString()}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
