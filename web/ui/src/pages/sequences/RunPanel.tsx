import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, enc } from '../../api/client';
import type { RunResult, Trigger } from '../../api/types';
import { ErrorBox } from '../../components/Status';

/**
 * What the input box starts with: a run by hand gets exactly what is typed, so for a sequence a hook runs, the
 * shape a hook gives it (its first HTTP trigger's method and path, a parameter for each `:name` in the path, no body
 * for a GET or DELETE); otherwise an empty object.
 */
function startingInput(triggers: Trigger[]): string {
  const http = triggers.find((t) => t.type === 'http');
  if (!http) return '{}';
  const params = Object.fromEntries([...http.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => [m[1]!, '']));
  const body = http.method === 'GET' || http.method === 'DELETE' ? null : {};
  const hook = { method: http.method, path: http.path, params, query: {}, headers: {}, body };
  return JSON.stringify(hook, null, 2);
}

/** Run the saved sequence now with a JSON input and show what it answered. */
export function RunPanel({ name, triggers, dirty, onPath }:
  { name: string; triggers: Trigger[]; dirty: boolean; onPath: (path: string[]) => void }) {
  const [input, setInput] = useState(() => startingInput(triggers));
  const [parseError, setParseError] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: (value: unknown) => api<RunResult>(`/api/sequences/${enc(name)}/run`, { body: { input: value } }),
    onSuccess: (r) => onPath((r.path ?? []).map((step) => step.split(':')[0]!)),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    try {
      const value: unknown = JSON.parse(input);
      setParseError(null);
      run.mutate(value);
    } catch {
      setParseError('Input is not valid JSON');
    }
  }

  const r = run.data;
  return (
    <form className="run-panel" onSubmit={submit} aria-label="Run">
      {dirty && <p className="notice small">Unsaved changes: a run uses the last saved version.</p>}
      <label>
        Input (JSON)
        <textarea name="run-input" className="mono" rows={6} value={input} onChange={(e) => setInput(e.target.value)}
          aria-describedby="run-input-help" />
      </label>
      <p id="run-input-help" className="muted small">
        The sequence gets exactly this as <code>input</code>. A hook gives {'{method, path, params, query, headers, body}'}.
      </p>
      {parseError && <div className="field-error" role="alert">{parseError}</div>}
      <button type="submit" className="primary" disabled={run.isPending}>{run.isPending ? 'Running…' : 'Run'}</button>
      <ErrorBox error={run.error} title="Run refused" />
      {r && (
        <div className="run-result" role="status" aria-label="Run result">
          <div>
            <span className={`badge status-${r.status}`}>{r.status}</span>{' '}
            <Link to={`/executions?sequence=${enc(name)}&id=${enc(r.executionId)}`} className="small">execution {r.executionId}</Link>
          </div>
          {r.path && r.path.length > 0 && <div className="small">Path: {r.path.join(' → ')}</div>}
          {r.error && <pre className="error-text">{r.error}</pre>}
          {r.response && <><h3>Response {r.response.status}</h3><pre className="output">{pretty(r.response.body)}</pre></>}
          <h3>Output</h3>
          <pre className="output" data-testid="run-output">{pretty(r.output)}</pre>
        </div>
      )}
    </form>
  );
}

function pretty(value: unknown): string {
  return value === undefined || value === null ? '(none)' : typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}
