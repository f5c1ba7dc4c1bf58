import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, enc } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { ErrorBox, errorsAt, FieldMessages, Loading } from '../../components/Status';
import { when } from '../../format';

type Days = { deactivatedDays: number; executionDays: number; logDays: number; traceDays: number; backupsKept: number };
type Policy = Days & {
  defaults: Days;
  updatedBy?: string;
  updatedAt?: string;
  history: (Days & { by: string; at: string })[];
  models: { model: string; retentionDays: number }[];
  jobs: { job: string; finishedAt?: string; counts?: Record<string, number> }[];
};

const FIELDS: { key: keyof Days; label: string; hint: string; max: number }[] = [
  { key: 'deactivatedDays', label: 'Deactivated instances (days)', hint: 'then deleted for good', max: 36500 },
  { key: 'executionDays', label: 'Execution records (days)', hint: 'and per-minute run counts', max: 36500 },
  { key: 'logDays', label: 'Log segments (days)', hint: 'whole hours, by each process', max: 36500 },
  { key: 'traceDays', label: 'Debug traces (days)', hint: 'every block\u2019s inputs and outputs', max: 36500 },
  { key: 'backupsKept', label: 'Daily backups kept', hint: 'older archives are deleted after each one', max: 1000 },
];

/** How long each store keeps what piles up: admins change it, everyone else reads it. */
export function RetentionPage() {
  const { has } = useAuth();
  const queryClient = useQueryClient();
  const policy = useQuery({ queryKey: ['retention'], queryFn: () => api<Policy>('/api/retention') });
  const [draft, setDraft] = useState<Record<keyof Days, string> | null>(null);
  useEffect(() => {
    if (policy.data && draft === null) {
      setDraft(Object.fromEntries(FIELDS.map((f) => [f.key, String(policy.data[f.key])])) as Record<keyof Days, string>);
    }
  }, [policy.data, draft]);
  const save = useMutation({
    mutationFn: (days: Record<keyof Days, string>) => api<Policy>('/api/retention', {
      method: 'PUT',
      body: Object.fromEntries(FIELDS.map((f) => [f.key, days[f.key] === '' ? null : Number(days[f.key])])),
    }),
    onSuccess: (saved) => queryClient.setQueryData(['retention'], saved),
  });
  const errors = save.error instanceof ApiError ? save.error.fieldErrors : [];
  const admin = has('admin');
  const data = policy.data;
  return (
    <section>
      <h1>Retention</h1>
      <p className="muted">How long Lethe keeps what piles up with use. The hourly jobs delete what is older from their next run;
        copies in backups go with the backups.</p>
      {policy.isPending && <Loading />}
      <ErrorBox error={policy.error} />
      {data && draft && (
        <form aria-label="Retention" onSubmit={(e) => { e.preventDefault(); save.mutate(draft); }}>
          <div className="form-grid">
            {FIELDS.map((f) => (
              <label key={f.key}>
                {f.label}
                <input name={f.key} type="number" min={1} max={f.max} step={1} required disabled={!admin} value={draft[f.key]}
                  aria-invalid={errorsAt(errors, '/' + f.key).length > 0}
                  onChange={(e) => { save.reset(); setDraft({ ...draft, [f.key]: e.target.value }); }} />
                <span className="muted small">{f.hint}; {data.defaults[f.key]} by default</span>
                <FieldMessages errors={errorsAt(errors, '/' + f.key)} />
              </label>
            ))}
          </div>
          {admin && <button type="submit" className="primary" disabled={save.isPending}>Save retention</button>}
          <ErrorBox error={save.error} title="Retention not changed" />
          {save.isSuccess && <p className="ok" role="status">Retention saved; the hourly jobs use it from their next run.</p>}
          <p className="muted small">
            {data.updatedBy ? `Last changed by ${data.updatedBy}, ${when(data.updatedAt)}.` : 'The defaults this server was started with.'}
          </p>
        </form>
      )}
      {data && (
        <>
          <h2>Models that delete unchanged instances</h2>
          {data.models.length === 0
            ? <p className="muted">None: instances stay until deleted or purged. Set it in a model&rsquo;s editor.</p>
            : (
              <ul aria-label="Models with a retention">
                {data.models.map((m) => (
                  <li key={m.model}><Link to={`/models/${enc(m.model)}`}>{m.model}</Link>: after {m.retentionDays} days unchanged</li>
                ))}
              </ul>
            )}
          {data.history.length > 0 && (
            <>
              <h2>Changes</h2>
              <table className="grid" aria-label="Retention changes">
                <thead><tr><th>When</th><th>Who</th>{FIELDS.map((f) => <th key={f.key}>{f.label}</th>)}</tr></thead>
                <tbody>
                  {data.history.map((c) => (
                    <tr key={c.at + c.by}>
                      <td className="small">{when(c.at)}</td>
                      <td>{c.by}</td>
                      {FIELDS.map((f) => <td key={f.key}>{c[f.key]}</td>)}
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          <h2>Last runs</h2>
          <table className="grid" aria-label="Retention jobs">
            <thead><tr><th>Job</th><th>Finished</th><th>Counts</th></tr></thead>
            <tbody>
              {data.jobs.map((j) => (
                <tr key={j.job}>
                  <td>{j.job}</td>
                  <td className="small">{j.finishedAt ? when(j.finishedAt) : 'not run yet'}</td>
                  <td className="small">{j.counts ? Object.entries(j.counts).map(([k, v]) => `${words(k)}: ${v}`).join(', ') : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** A job's count name as words: runCountMinutesRemoved → run count minutes removed. */
function words(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}
