import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, enc } from '../../../api/client';
import { ErrorBox, isNotFound, Loading, NotAvailable } from '../../../components/Status';
import { TraceViewer } from './TraceViewer';
import { triggerText, type DebugWindow, type Trace } from './types';

/** Debugging for one sequence: the capture window (on/off, time left) and its traces. */
export function DebugPanel({ name, onStep }: { name: string; onStep: (blockId: string | null) => void }) {
  const base = `/api/debug/sequences/${enc(name)}`;
  const queryClient = useQueryClient();
  const state = useQuery({ queryKey: ['debug', name], queryFn: () => api<DebugWindow>(base), refetchInterval: 15_000 });
  const traces = useQuery({
    queryKey: ['traces', name],
    queryFn: () => api<{ traces: Trace[] }>(`${base}/traces?limit=50`),
    enabled: state.isSuccess,
    // While debugging is on, runs from anywhere (the Run tab, hooks, schedules) add traces: show them as they come.
    refetchInterval: state.data?.on ? 3_000 : false,
  });
  const [minutes, setMinutes] = useState(60);
  const [reveal, setReveal] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['debug', name] });
  const toggle = useMutation({
    // An unredacted window needs an admin's grant and lasts at most 15 minutes (the server enforces both).
    mutationFn: (on: boolean) => api(base, on
      ? { method: 'PUT', body: reveal ? { minutes: Math.min(minutes, 15), reveal: true } : { minutes } }
      : { method: 'DELETE' }),
    onSuccess: refresh,
  });
  const remaining = useCountdown(state.data?.on ? state.data.remainingSeconds : 0, state.dataUpdatedAt);

  if (state.isPending) return <Loading />;
  if (isNotFound(state.error)) return <NotAvailable what="The debugger" error={state.error} />;
  if (state.error) return <ErrorBox error={state.error} />;
  const w = state.data;

  return (
    <div className="debug-panel">
      <div className="debug-window" role="status" aria-label="Debug window">
        {w.on ? (
          <>
            <span className="badge status-succeeded">debugging on</span>
            {w.reveal && <span className="badge sens-sensitive">unredacted</span>}
            <span className="small">{formatRemaining(remaining)} left</span>
            <button type="button" onClick={() => toggle.mutate(false)} disabled={toggle.isPending}>Turn off</button>
          </>
        ) : (
          <>
            <span className="badge">debugging off</span>
            <label className="inline small">for
              <select value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} aria-label="Debug window minutes">
                {[15, 60, 240, 480].map((m) => <option key={m} value={m}>{m} min</option>)}
              </select>
            </label>
            <label className="inline small" title="Keeps personal and sensitive values in clear (never secrets) for one hour, then the traces are redacted; needs the reveal permission; at most 15 minutes">
              <input type="checkbox" checked={reveal} onChange={(e) => setReveal(e.target.checked)} />unredacted
            </label>
            <button type="button" className="primary" onClick={() => toggle.mutate(true)} disabled={toggle.isPending}>Turn on</button>
          </>
        )}
      </div>
      <p className="muted small">
        Traces are redacted at capture: personal and sensitive values and secrets show as markers. An unredacted
        window's traces keep those values in clear for one hour, then are redacted too.
      </p>
      <ErrorBox error={toggle.error} title={toggle.error instanceof ApiError && toggle.error.status === 403 ? 'Not allowed' : undefined} />
      <div className="row-actions">
        <h3>Traces</h3>
        <button type="button" className="link" onClick={() => traces.refetch()}>Refresh</button>
      </div>
      {traces.isPending && <Loading />}
      <ErrorBox error={traces.error} />
      {traces.data?.traces.length === 0 && <p className="muted small">No traces. Turn debugging on and run the sequence.</p>}
      <ul className="trace-list">
        {traces.data?.traces.map((t) => (
          <li key={t.executionId}>
            <button type="button" className={`link${selected === t.executionId ? ' current' : ''}`} onClick={() => setSelected(t.executionId)}>
              {new Date(t.startedAt).toLocaleTimeString()} <span className={`badge status-${t.status}`}>{t.status}</span>
              {t.trigger && <span className="muted small"> {triggerText(t.trigger)}</span>}
            </button>
          </li>
        ))}
      </ul>
      {selected && <TraceViewer id={selected} onStep={onStep} onReplayed={() => traces.refetch()} />}
    </div>
  );
}

function useCountdown(seconds: number, since: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (seconds <= 0) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [seconds]);
  return Math.max(0, seconds - Math.floor((now - since) / 1000));
}

function formatRemaining(s: number): string {
  const m = Math.floor(s / 60);
  return m >= 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${m} min ${s % 60} s`;
}
