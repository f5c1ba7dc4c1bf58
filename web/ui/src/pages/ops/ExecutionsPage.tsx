import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError, enc } from '../../api/client';
import { useSequences } from '../../api/hooks';
import type { Execution } from '../../api/types';
import { ErrorBox, Loading } from '../../components/Status';

export function ExecutionsPage() {
  const [params, setParams] = useSearchParams();
  const sequence = params.get('sequence') ?? '';
  const status = params.get('status') ?? '';
  const id = params.get('id') ?? '';
  const [limit, setLimit] = useState(50);
  const sequences = useSequences();
  const query = new URLSearchParams({ limit: String(limit) });
  if (sequence) query.set('sequence', sequence);
  if (status) query.set('status', status);
  const executions = useQuery({
    queryKey: ['executions', sequence, status, limit],
    queryFn: () => api<Execution[]>(`/api/executions?${query}`),
  });
  const one = useQuery({
    queryKey: ['execution', id],
    queryFn: () => api<Execution>(`/api/executions/${enc(id)}`),
    enabled: id !== '',
    retry: (count, error) => error instanceof ApiError && error.status === 404 && count < 5, // records are written a moment later
    retryDelay: 1_000,
  });
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value); else next.delete(key);
    setParams(next);
  };

  return (
    <section>
      <div className="page-head">
        <h1>Executions</h1>
        <button type="button" onClick={() => executions.refetch()}>Refresh</button>
      </div>
      <div className="query-bar">
        <label>
          Sequence
          <select value={sequence} onChange={(e) => set('sequence', e.target.value)}>
            <option value="">(all)</option>
            {(sequences.data ?? []).map((s) => <option key={s.name}>{s.name}</option>)}
          </select>
        </label>
        <label>
          Status
          <select value={status} onChange={(e) => set('status', e.target.value)}>
            <option value="">(any)</option><option>succeeded</option><option>failed</option>
          </select>
        </label>
        <label>
          Show
          <select value={limit} onChange={(e) => setLimit(Number(e.target.value))}>
            {[50, 200, 1000].map((n) => <option key={n}>{n}</option>)}
          </select>
        </label>
      </div>
      <p className="muted small">Records hold status, timings and the path taken, never inputs or outputs.</p>
      {id && (
        <div className="card" aria-label={`Execution ${id}`}>
          <h2>Execution <code>{id}</code> <button type="button" className="link" onClick={() => set('id', '')}>close</button></h2>
          {one.isPending && <Loading what="Loading the execution" />}
          <ErrorBox error={one.error} title="Not found (records are kept for the retention period)" />
          {one.data && <ExecutionTable items={[one.data]} />}
        </div>
      )}
      {executions.isPending && <Loading />}
      <ErrorBox error={executions.error} />
      {executions.data?.length === 0 && <p className="muted">No executions recorded.</p>}
      {executions.data && executions.data.length > 0 && <ExecutionTable items={executions.data} current={id} />}
    </section>
  );
}

function ExecutionTable({ items, current }: { items: Execution[]; current?: string }) {
  return (
    <table className="grid">
      <thead>
        <tr><th>Started</th><th>Id</th><th>Sequence</th><th>Trigger</th><th>Status</th><th>Duration</th><th>Path / error</th></tr>
      </thead>
      <tbody>
        {items.map((e) => (
          <tr key={e.id} className={e.id === current ? 'current' : undefined}>
            <td className="small">{new Date(e.startedAt).toLocaleString()}</td>
            <td className="small"><code title={e.id}>{e.id.slice(-8)}</code></td>
            <td>{e.sequence} <span className="muted small">v{e.version}</span></td>
            <td className="small">{e.trigger}{e.triggerDetail ? ` ${e.triggerDetail}` : ''}</td>
            <td><span className={`badge status-${e.status}`}>{e.status}</span></td>
            <td>{e.durationMs} ms</td>
            <td className="small">{e.path?.join(' → ')}{e.error && <div className="error-text">{e.error}</div>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
