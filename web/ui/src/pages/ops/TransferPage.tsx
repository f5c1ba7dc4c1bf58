import { useState, type ChangeEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useConnectors, useModels, useSequences } from '../../api/hooks';
import { ErrorBox, Loading } from '../../components/Status';

interface ExportEntry { id: string; exportedBy: string; exportedAt: string; models: string[]; sequences: string[]; connectors: string[]; bytes: number }
interface ImportAnswer { models: string[]; sequences: string[]; connectors: string[]; connectorsNeedingSecrets: string[]; sequencesNeedingHookKeys: string[]; unchanged: string[] }

export function TransferPage() {
  return (
    <section>
      <h1>Export / import</h1>
      <div className="two-col">
        <ExportCard />
        <ImportCard />
      </div>
      <ExportRegister />
    </section>
  );
}

function ExportCard() {
  const models = useModels();
  const sequences = useSequences();
  const connectors = useConnectors();
  const [picked, setPicked] = useState<Record<string, Set<string>>>({ models: new Set(), sequences: new Set(), connectors: new Set() });
  const queryClient = useQueryClient();
  const run = useMutation({
    mutationFn: () => {
      const q = new URLSearchParams();
      for (const [kind, names] of Object.entries(picked)) if (names.size) q.set(kind, [...names].join(','));
      return api<unknown>(`/api/export?${q}`);
    },
    onSuccess: (bundle) => {
      const url = URL.createObjectURL(new Blob([JSON.stringify(bundle, null, 2)], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `lethe-export-${new Date().toISOString().slice(0, 19).replaceAll(':', '')}.json`;
      a.click();
      URL.revokeObjectURL(url);
      queryClient.invalidateQueries({ queryKey: ['exports'] });
    },
  });
  const toggle = (kind: string, name: string) => {
    const names = new Set(picked[kind]);
    if (names.has(name)) names.delete(name); else names.add(name);
    setPicked({ ...picked, [kind]: names });
  };
  const groups: [string, string[]][] = [
    ['models', (models.data ?? []).map((m) => m.name)],
    ['sequences', (sequences.data ?? []).map((s) => s.name)],
    ['connectors', (connectors.data ?? []).map((c) => c.name)],
  ];
  return (
    <form className="card" onSubmit={(e) => { e.preventDefault(); run.mutate(); }} aria-label="Export">
      <h2>Export</h2>
      <p className="muted small">Nothing picked exports everything. Connector secrets are never exported. Every export is recorded.</p>
      {groups.map(([kind, names]) => (
        <fieldset key={kind}>
          <legend>{kind}</legend>
          {names.length === 0 && <span className="muted small">none</span>}
          {names.map((n) => (
            <label key={n} className="inline">
              <input type="checkbox" checked={picked[kind]!.has(n)} onChange={() => toggle(kind, n)} />{n}
            </label>
          ))}
        </fieldset>
      ))}
      <ErrorBox error={run.error} />
      <button type="submit" className="primary" disabled={run.isPending}>Download bundle</button>
    </form>
  );
}

function ImportCard() {
  const [text, setText] = useState('');
  const [parseError, setParseError] = useState<string | null>(null);
  const [replace, setReplace] = useState(false);
  const queryClient = useQueryClient();
  const run = useMutation({
    mutationFn: (bundle: unknown) => api<ImportAnswer>(`/api/import${replace ? '?replace=true' : ''}`, { body: bundle }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  const load = async (e: ChangeEvent<HTMLInputElement>) => setText((await e.target.files?.[0]?.text()) ?? '');
  return (
    <form className="card" aria-label="Import" onSubmit={(e) => {
      e.preventDefault();
      try { const bundle: unknown = JSON.parse(text); setParseError(null); run.mutate(bundle); } catch { setParseError('not valid JSON'); }
    }}>
      <h2>Import</h2>
      <p className="muted small">All or nothing: an invalid bundle changes nothing.</p>
      <label>Bundle file<input type="file" accept="application/json,.json" onChange={load} /></label>
      <label>or paste it<textarea className="mono" rows={6} value={text} onChange={(e) => setText(e.target.value)} /></label>
      <label className="inline">
        <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} />
        Replace what exists here (saved as new versions; connectors keep their secrets)
      </label>
      {parseError && <div className="field-error" role="alert">{parseError}</div>}
      <ErrorBox error={run.error} title="Not imported" />
      {run.data && (
        <div className="ok" role="status">
          Imported {run.data.models.length} models, {run.data.sequences.length} sequences, {run.data.connectors.length} connectors.
          {run.data.unchanged.length > 0 && <div>Left as they were (the same here): {run.data.unchanged.join(', ')}.</div>}
          {run.data.connectorsNeedingSecrets.length > 0 && <div>Set the secrets of: {run.data.connectorsNeedingSecrets.join(', ')}</div>}
          {run.data.sequencesNeedingHookKeys.length > 0 && (
            <div>Make hook keys here for: {run.data.sequencesNeedingHookKeys.join(', ')} (their hooks refuse every call until then)</div>
          )}
        </div>
      )}
      <button type="submit" className="primary" disabled={run.isPending || !text}>Import</button>
    </form>
  );
}

function ExportRegister() {
  const exports = useQuery({ queryKey: ['exports'], queryFn: () => api<ExportEntry[]>('/api/exports') });
  return (
    <>
      <h2>Export register</h2>
      <p className="muted small">Copies held elsewhere cannot be purged from here; a purge receipt lists them.</p>
      {exports.isPending && <Loading />}
      <ErrorBox error={exports.error} />
      {exports.data && exports.data.length === 0 && <p className="muted">No exports yet.</p>}
      {exports.data && exports.data.length > 0 && (
        <table className="grid">
          <thead><tr><th>When</th><th>By</th><th>What</th><th>Size</th></tr></thead>
          <tbody>
            {exports.data.map((e) => (
              <tr key={e.id}>
                <td className="small">{new Date(e.exportedAt).toLocaleString()}</td>
                <td>{e.exportedBy}</td>
                <td className="small">{[...e.models, ...e.sequences, ...e.connectors].join(', ') || '—'}</td>
                <td>{e.bytes} B</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
