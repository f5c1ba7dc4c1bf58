import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, enc } from '../../api/client';
import type { Attribute, Instance, Model, Page, Stats } from '../../api/types';
import { SensitivityBadge } from './SensitivityBadge';
import { useAuth } from '../../auth/AuthContext';
import { ErrorBox, Loading } from '../../components/Status';
import { EditInstanceForm, NewInstanceForm } from './NewInstanceForm';

interface Query {
  where: string;
  sortBy: string;
  desc: boolean;
  limit: number;
  includeInactive: boolean;
}

const PAGE_SIZES = [10, 25, 50, 100];

export function InstancesPage() {
  const { name = '' } = useParams();
  const { has } = useAuth();
  const base = `/api/models/${enc(name)}`;
  const [form, setForm] = useState<Query>({ where: '', sortBy: '', desc: false, limit: 25, includeInactive: false });
  const [query, setQuery] = useState<Query>(form);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [whereError, setWhereError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Instance | null>(null);
  const queryClient = useQueryClient();
  const cursor = cursors[cursors.length - 1];

  const model = useQuery({ queryKey: ['models', name, 'plain'], queryFn: () => api<Model>(base) });
  const stats = useQuery({ queryKey: ['stats', name], queryFn: () => api<Stats>(`${base}/stats`) });
  const page = useQuery({
    queryKey: ['instances', name, query, cursor],
    queryFn: () => api<Page<Instance>>(`${base}/instances?${params(query, cursor)}`),
  });
  const refresh = () => {
    queryClient.invalidateQueries({ queryKey: ['instances', name] });
    queryClient.invalidateQueries({ queryKey: ['stats', name] });
  };
  const toggle = useMutation({
    mutationFn: (i: Instance) => api(`${base}/instances/${enc(i.id)}/${i.active ? 'deactivate' : 'reactivate'}`, { method: 'POST' }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (i: Instance) => api(`${base}/instances/${enc(i.id)}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
  const deleteForGood = (i: Instance) => {
    if (window.confirm(`Delete instance ${i.id} for good? Its data is removed, not hidden.`)) remove.mutate(i);
  };

  function run(event: FormEvent) {
    event.preventDefault();
    if (form.where.trim()) {
      try {
        JSON.parse(form.where);
      } catch {
        setWhereError('not valid JSON, e.g. {"tier": "gold"} or {"age": {"gte": 18}}');
        return;
      }
    }
    setWhereError(null);
    setQuery(form);
    setCursors([null]);
  }

  const serverWhereErrors = page.error instanceof ApiError ? page.error.fieldErrors : [];
  return (
    <section>
      <div className="page-head">
        <h1>Instances of <Link to={`/models/${enc(name)}`}>{name}</Link></h1>
        {stats.data && (
          <span className="stats" aria-label="Instance counts">
            <span className="badge">{stats.data.active} active</span>
            <span className="badge warn" title={stats.data.note}>{stats.data.deactivated} deactivated, still stored</span>
          </span>
        )}
      </div>
      {stats.data?.note && <p className="muted small">{stats.data.note}</p>}
      {model.data?.retentionDays && (
        <p className="muted small">
          Retention: instances unchanged for {model.data.retentionDays} days are deleted for good, deactivated ones too (checked hourly).
        </p>
      )}
      <form className="query-bar" onSubmit={run} aria-label="Query instances">
        <label className="grow">
          Where (JSON)
          <input name="where" value={form.where} placeholder='{"tier": "gold"}' aria-invalid={whereError !== null}
            onChange={(e) => setForm({ ...form, where: e.target.value })} />
          {whereError && <span className="field-error" role="alert">{whereError}</span>}
        </label>
        <label>
          Sort by
          <input name="sortBy" value={form.sortBy} onChange={(e) => setForm({ ...form, sortBy: e.target.value })} />
        </label>
        <label className="inline">
          <input type="checkbox" checked={form.desc} onChange={(e) => setForm({ ...form, desc: e.target.checked })} />
          descending
        </label>
        <label>
          Page size
          <select value={form.limit} onChange={(e) => setForm({ ...form, limit: Number(e.target.value) })}>
            {PAGE_SIZES.map((n) => <option key={n}>{n}</option>)}
          </select>
        </label>
        {has('admin') && (
          <label className="inline">
            <input type="checkbox" checked={form.includeInactive}
              onChange={(e) => setForm({ ...form, includeInactive: e.target.checked })} />
            include deactivated
          </label>
        )}
        <button type="submit" className="primary">Query</button>
      </form>
      {page.isPending && <Loading />}
      <ErrorBox error={page.error} title={serverWhereErrors.length ? 'Bad query' : undefined} />
      <ErrorBox error={toggle.error ?? remove.error} />
      {editing && <EditInstanceForm key={editing.id} base={base} instance={editing} onCancel={() => setEditing(null)}
        onSaved={() => { setEditing(null); refresh(); }} />}
      {page.data && <InstanceTable items={page.data.items} attributes={model.data?.attributes ?? []} busy={toggle.isPending || remove.isPending}
        onEdit={setEditing} onToggle={(i) => (!i.active || has('admin')
          || window.confirm(`Deactivate instance ${i.id}? It leaves your lists: only an admin can see it or reactivate it.`))
          && toggle.mutate(i)} onDelete={deleteForGood} />}
      <div className="pager">
        <button type="button" disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>Previous</button>
        <span className="muted">page {cursors.length}</span>
        <button type="button" disabled={!page.data?.nextCursor}
          onClick={() => page.data?.nextCursor && setCursors([...cursors, page.data.nextCursor])}>Next</button>
      </div>
      <NewInstanceForm base={base} onCreated={refresh} />
    </section>
  );
}

function params(q: Query, cursor: string | null): string {
  const p = new URLSearchParams();
  if (q.where.trim()) p.set('where', q.where.trim());
  if (q.sortBy.trim()) p.set('sortBy', q.sortBy.trim());
  if (q.desc) p.set('desc', 'true');
  p.set('limit', String(q.limit));
  if (q.includeInactive) p.set('includeInactive', 'true');
  if (cursor) p.set('cursor', cursor);
  return p.toString();
}

function InstanceTable({ items, attributes, busy, onEdit, onToggle, onDelete }: {
  items: Instance[]; attributes: Attribute[]; busy: boolean; onEdit: (i: Instance) => void; onToggle: (i: Instance) => void;
  onDelete: (i: Instance) => void;
}) {
  if (items.length === 0) return <p className="muted">No instances match.</p>;
  return (
    <div className="table-scroll">
      <table className="grid">
        <thead>
          <tr>
            <th>Id</th>
            {attributes.length > 0
              ? attributes.map((a) => <th key={a.name}>{a.name}<SensitivityBadge value={a.sensitivity} /></th>)
              : <th>Data</th>}
            <th>Updated</th><th>State</th><th />
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id} className={i.active ? undefined : 'inactive'}>
              <td><code className="small">{i.id}</code></td>
              {attributes.length > 0
                ? attributes.map((a) => <td key={a.name}>{show(i.data[a.name])}</td>)
                : <td><code className="json">{JSON.stringify(i.data)}</code></td>}
              <td className="small">{new Date(i.updatedAt).toLocaleString()}</td>
              <td>{i.active ? 'active' : <span className="badge warn">deactivated</span>}</td>
              <td>
                {i.active && (
                  <button type="button" disabled={busy} onClick={() => onEdit(i)} aria-label={`Edit instance ${i.id}`}>Edit</button>
                )}{' '}
                <button type="button" disabled={busy} onClick={() => onToggle(i)}>
                  {i.active ? 'Deactivate' : 'Reactivate'}
                </button>{' '}
                <button type="button" className="link danger" disabled={busy} onClick={() => onDelete(i)}
                  aria-label={`Delete instance ${i.id}`}>Delete</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function show(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
