import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { ErrorBox, isNotFound, Loading, NotAvailable } from '../../components/Status';

type Backup = Record<string, unknown>;

const cell = (v: unknown) => (v == null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** Backups: the list and "create one now", when the server has the backups API (a notice otherwise). */
export function BackupsPage() {
  const queryClient = useQueryClient();
  const backups = useQuery({
    queryKey: ['backups'],
    queryFn: () => api<Backup[] | { items: Backup[] }>('/api/backups'),
    retry: (n, e) => !isNotFound(e) && n < 2,
  });
  const create = useMutation({
    mutationFn: () => api<Backup>('/api/backups', { method: 'POST', body: {} }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['backups'] }),
  });
  if (isNotFound(backups.error)) return <section><h1>Backups</h1><NotAvailable what="The backups API" /></section>;
  const items = Array.isArray(backups.data) ? backups.data : backups.data?.items ?? [];
  const columns = [...new Set(items.flatMap((b) => Object.keys(b)))];
  return (
    <section>
      <div className="page-head">
        <h1>Backups</h1>
        <button type="button" className="primary" disabled={create.isPending || !backups.isSuccess} onClick={() => create.mutate()}>Create backup</button>
      </div>
      <ErrorBox error={create.error} title="No backup made" />
      {create.isSuccess && <p className="ok" role="status">Backup created.</p>}
      {backups.isPending && <Loading />}
      <ErrorBox error={backups.error} />
      {backups.isSuccess && items.length === 0 && <p className="muted">No backups yet.</p>}
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="grid" aria-label="Backups">
            <thead><tr>{columns.map((c) => <th key={c}>{c}</th>)}</tr></thead>
            <tbody>{items.map((b, i) => <tr key={i}>{columns.map((c) => <td key={c} className="small">{cell(b[c])}</td>)}</tr>)}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}
