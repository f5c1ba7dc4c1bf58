import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import { ErrorBox, errorsAt, FieldMessages, isNotFound, NotAvailable } from '../../components/Status';
import { purgePath, usePurgeRequest, utcInstant, type PurgeRequest } from './purge/purgeApi';
import { ConfirmButton, PurgeStatusBadge, TargetsTable } from './purge/parts';

interface Form {
  mode: 'range' | 'around';
  from: string; to: string; around: string; window: string;
  match: string; regex: string; level: string; logger: string; correlationId: string;
}

interface LogSample { segment: string; timestamp: string; level: string; logger: string; correlationId?: string | null; message: string }
interface LogPreview {
  from: string;
  to: string;
  preview: { lines: number; segmentsDeleted: number; segmentsRewritten: number; bytesAffected: number; skippedLines: number; samples: LogSample[] };
}

const START: Form = { mode: 'around', from: '', to: '', around: '', window: '10m', match: '', regex: '', level: '', logger: '', correlationId: '' };
const FILTERS = ['match', 'regex', 'level', 'logger', 'correlationId'] as const;
/** An instant as the form reads it: UTC, to the second. */
const utc = (iso: string) => `${iso.replace('T', ' ').replace(/(\.\d+)?Z$/, '')} UTC`;

/**
 * Support's log purge: a time range (or a time ± window) and optional filters; the preview shows the
 * counts and masked sample lines; the purge is then filed as a `logs` purge request, planned and run
 * (log purges need no approval by default), and its per-store result shown.
 */
export function LogPurgePage() {
  const [form, setForm] = useState<Form>(START);
  const [requestId, setRequestId] = useState<string>();
  const queryClient = useQueryClient();
  const set = (patch: Partial<Form>) => { setForm({ ...form, ...patch }); preview.reset(); purge.reset(); setRequestId(undefined); };
  const previewBody = () => {
    const b: Record<string, string> = {};
    const put = (k: string, v: string | undefined) => { if (v?.trim()) b[k] = v.trim(); };
    if (form.mode === 'range') { put('from', utcInstant(form.from)); put('to', utcInstant(form.to)); }
    else { put('around', utcInstant(form.around)); put('window', form.window); }
    FILTERS.forEach((k) => put(k, form[k]));
    return b;
  };
  const preview = useMutation({ mutationFn: () => api<LogPreview>('/api/logs/preview', { body: previewBody() }) });
  // File the purge over exactly the range the preview resolved, plan it, then run it.
  const purge = useMutation({
    mutationFn: async (p: LogPreview) => {
      const scope: Record<string, string> = { type: 'logs', from: p.from, to: p.to };
      FILTERS.forEach((k) => { if (form[k].trim()) scope[k] = form[k].trim(); });
      const filed = await api<PurgeRequest>('/api/purge-requests', { body: { scope } });
      setRequestId(filed.id);
      await api(`${purgePath(filed.id)}/plan`, { method: 'POST' });
      await api(`${purgePath(filed.id)}/run`, { method: 'POST' });
      return filed.id;
    },
    // Read it again now that it runs: polled until it is completed or failed.
    onSettled: (id) => queryClient.invalidateQueries({ queryKey: ['purge-requests', id ?? requestId] }),
  });
  const request = usePurgeRequest(requestId);
  const errors = preview.error instanceof ApiError ? preview.error.fieldErrors : [];

  if (isNotFound(preview.error)) {
    return <section><h1>Log purge</h1><NotAvailable what="Log purge" error={preview.error} /></section>;
  }
  const submit = (e: FormEvent) => { e.preventDefault(); purge.reset(); setRequestId(undefined); preview.mutate(); };
  const field = (key: keyof Form, label: string, props: Record<string, unknown> = {}) => (
    <label>{label}
      <input value={form[key]} onChange={(e) => set({ [key]: e.target.value })} aria-invalid={errorsAt(errors, `/${key}`).length > 0} {...props} />
      <FieldMessages errors={errorsAt(errors, `/${key}`)} />
    </label>
  );
  const p = preview.data?.preview;
  const r = request.data;

  return (
    <section>
      <h1>Log purge</h1>
      <form className="card" onSubmit={submit} aria-label="Log purge">
        <fieldset>
          <legend>When (UTC)</legend>
          <label className="inline"><input type="radio" name="mode" checked={form.mode === 'around'} onChange={() => set({ mode: 'around' })} />around a time ± window</label>
          <label className="inline"><input type="radio" name="mode" checked={form.mode === 'range'} onChange={() => set({ mode: 'range' })} />from … to</label>
          <div className="form-grid">
            {form.mode === 'around'
              ? <>{field('around', 'Around', { type: 'datetime-local', step: 1 })}{field('window', 'Window (e.g. 10m, 2h)')}</>
              : <>{field('from', 'From', { type: 'datetime-local', step: 1 })}{field('to', 'To', { type: 'datetime-local', step: 1 })}</>}
          </div>
        </fieldset>
        <fieldset>
          <legend>Only lines matching (optional)</legend>
          <div className="form-grid">
            {field('match', 'Value (any case)')}
            {field('regex', 'Regular expression')}
            <label>Level
              <select value={form.level} onChange={(e) => set({ level: e.target.value })}>
                <option value="">(any)</option>{['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'].map((l) => <option key={l}>{l}</option>)}
              </select>
            </label>
            {field('logger', 'Logger (and children)')}
            {field('correlationId', 'Correlation id')}
          </div>
        </fieldset>
        <ErrorBox error={preview.error} title="Preview refused" />
        <button type="submit" className="primary" disabled={preview.isPending}>Preview</button>
      </form>
      {p && preview.data && (
        <div className="card" role="region" aria-label="Preview">
          <h2>Preview</h2>
          <p role="status">{p.lines} {p.lines === 1 ? 'line' : 'lines'} would go between {utc(preview.data.from)} and {utc(preview.data.to)}:
            {' '}{p.segmentsDeleted} segment files deleted, {p.segmentsRewritten} rewritten (the files hold {p.bytesAffected} bytes in all).
            {p.skippedLines > 0 && ` ${p.skippedLines} lines without a readable timestamp are kept.`}</p>
          {p.samples.length > 0 && (
            <div className="table-scroll">
              <table className="grid" aria-label="Sample lines (masked)">
                <thead><tr><th>Time</th><th>Level</th><th>Logger</th><th>Message (matches masked)</th></tr></thead>
                <tbody>{p.samples.map((s, i) => (
                  <tr key={i}><td className="small">{s.timestamp}</td><td>{s.level}</td><td className="small">{s.logger}</td><td><code>{s.message}</code></td></tr>
                ))}</tbody>
              </table>
            </div>
          )}
          <ErrorBox error={purge.error} title={requestId ? 'Filed, but not run' : 'Not filed'} />
          {!requestId && (
            <ConfirmButton label="Purge these lines" question={`Remove ${p.lines} log ${p.lines === 1 ? 'line' : 'lines'} for good?`}
              confirm="Yes, purge" disabled={purge.isPending || p.lines === 0} onConfirm={() => purge.mutate(preview.data!)} />
          )}
        </div>
      )}
      {r && (
        <div className={`card ${r.status === 'completed' ? 'ok' : ''}`} role="region" aria-label="Result">
          <h2>Result <PurgeStatusBadge status={r.status} /></h2>
          {r.status === 'completed' && (
            <p role="status">{r.targets.filter((t) => t.target === 'logs').map((t) => {
              const n = t.changed + t.removed;
              return `Done: ${n} ${n === 1 ? 'line' : 'lines'} removed, ${t.remaining ?? 0} still there`;
            })}{r.bytesReclaimed != null && `; the database file was compacted too (${r.bytesReclaimed} bytes reclaimed)`}.</p>
          )}
          {r.status === 'planned' && purge.error && <p className="muted">The request is filed and planned; an admin may need to approve it first.</p>}
          <TargetsTable targets={r.targets.filter((t) => t.status !== 'not-applicable')} live />
          <p className="muted small"><Link to={`/purge/${r.id}`}>Purge request</Link>: {r.description}</p>
        </div>
      )}
    </section>
  );
}
