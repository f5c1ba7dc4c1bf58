import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import { ErrorBox, errorsAt, FieldMessages, isNotFound, NotAvailable } from '../../components/Status';
import { LOG_PURGE_PREVIEW, LOG_PURGE_RUN, type LogPreview, type LogPurgeResult } from './logPurgeApi';

interface Form {
  mode: 'range' | 'around';
  from: string; to: string; around: string; window: string;
  match: string; regex: string; level: string; logger: string; correlationId: string;
}

const START: Form = { mode: 'around', from: '', to: '', around: '', window: '10m', match: '', regex: '', level: '', logger: '', correlationId: '' };

/** Support's log purge: a time range (or a time ± window), optional filters, a preview, then the run. */
export function LogPurgePage() {
  const [form, setForm] = useState<Form>(START);
  const set = (patch: Partial<Form>) => { setForm({ ...form, ...patch }); preview.reset(); };
  const body = () => {
    const b: Record<string, string> = {};
    const put = (k: string, v: string) => { if (v.trim()) b[k] = v.trim(); };
    if (form.mode === 'range') { put('from', form.from); put('to', form.to); } else { put('around', form.around); put('window', form.window); }
    put('match', form.match); put('regex', form.regex); put('level', form.level); put('logger', form.logger); put('correlationId', form.correlationId);
    return b;
  };
  const preview = useMutation({ mutationFn: () => api<LogPreview>(LOG_PURGE_PREVIEW, { body: body() }) });
  const run = useMutation({ mutationFn: () => api<LogPurgeResult>(LOG_PURGE_RUN, { body: body() }) });
  const errors = preview.error instanceof ApiError ? preview.error.fieldErrors : [];

  if (isNotFound(preview.error) || isNotFound(run.error)) {
    return <section><h1>Log purge</h1><NotAvailable what="Log purge" /></section>;
  }
  const submit = (e: FormEvent) => { e.preventDefault(); run.reset(); preview.mutate(); };
  const field = (key: keyof Form, label: string, props: Record<string, unknown> = {}) => (
    <label>{label}
      <input value={form[key]} onChange={(e) => set({ [key]: e.target.value })} aria-invalid={errorsAt(errors, `/${key}`).length > 0} {...props} />
      <FieldMessages errors={errorsAt(errors, `/${key}`)} />
    </label>
  );

  return (
    <section>
      <h1>Log purge</h1>
      <form className="card" onSubmit={submit} aria-label="Log purge">
        <fieldset>
          <legend>When (UTC)</legend>
          <label className="inline"><input type="radio" checked={form.mode === 'around'} onChange={() => set({ mode: 'around' })} />around a time ± window</label>
          <label className="inline"><input type="radio" checked={form.mode === 'range'} onChange={() => set({ mode: 'range' })} />from … to</label>
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
      {preview.data && (
        <div className="card" role="status" aria-label="Preview">
          <h2>Preview</h2>
          <p>{preview.data.lines} lines would go: {preview.data.segmentsDeleted} segment files deleted, {preview.data.segmentsRewritten} rewritten
            ({preview.data.bytesAffected} bytes affected).{preview.data.skippedLines > 0 && ` ${preview.data.skippedLines} lines without a readable timestamp are kept.`}</p>
          {preview.data.samples.length > 0 && (
            <table className="grid">
              <thead><tr><th>Time</th><th>Level</th><th>Logger</th><th>Message (masked)</th></tr></thead>
              <tbody>{preview.data.samples.map((s, i) => (
                <tr key={i}><td className="small">{s.timestamp}</td><td>{s.level}</td><td className="small">{s.logger}</td><td><code>{s.message}</code></td></tr>
              ))}</tbody>
            </table>
          )}
          <ErrorBox error={run.error} title="Not purged" />
          <button type="button" className="primary danger-bg" disabled={run.isPending || preview.data.lines === 0}
            onClick={() => window.confirm(`Remove ${preview.data!.lines} log lines for good?`) && run.mutate()}>Purge these lines</button>
        </div>
      )}
      {run.data && (
        <div className="card ok" role="status" aria-label="Result">
          Removed {run.data.linesRemoved} lines; {run.data.segmentsDeleted} segments deleted, {run.data.segmentsRewritten} rewritten;
          {' '}{run.data.bytesBefore} → {run.data.bytesAfter} bytes.
        </div>
      )}
    </section>
  );
}
