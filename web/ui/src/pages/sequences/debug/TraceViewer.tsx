import { useEffect, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, enc } from '../../../api/client';
import { ErrorBox, Loading } from '../../../components/Status';
import { RedactedJson } from './Redacted';
import { blockIdOf, type Trace, type TraceBlock } from './types';

/** One trace, block by block: inputs, output, outcome, console; the current block is lit on the graph. */
export function TraceViewer({ id, onStep, onReplayed }: { id: string; onStep: (blockId: string | null) => void; onReplayed: () => void }) {
  const trace = useQuery({ queryKey: ['trace', id], queryFn: () => api<Trace>(`/api/debug/traces/${enc(id)}`) });
  const [step, setStep] = useState(0);
  const replay = useMutation({
    mutationFn: () => api<{ executionId: string; status: string }>(`/api/debug/traces/${enc(id)}/replay`, { method: 'POST' }),
    onSuccess: onReplayed,
  });
  const blocks = trace.data?.blocks ?? [];
  const block = blocks[step];

  useEffect(() => setStep(0), [id]);
  useEffect(() => {
    onStep(block ? blockIdOf(block) : null);
    return () => onStep(null);
  }, [block, onStep]);

  if (trace.isPending) return <Loading />;
  if (trace.error) return <ErrorBox error={trace.error} />;
  const t = trace.data;
  return (
    <section className="trace" aria-label={`Trace ${id}`}>
      <div className="small">
        v{t.version} · {t.durationMs} ms · <span className={`badge status-${t.status}`}>{t.status}</span>
        {t.redacted === false && <span className="badge sens-sensitive">unredacted</span>}
        {t.truncated && <span className="badge warn">truncated</span>}
      </div>
      {t.error && <pre className="error-text">{t.error}</pre>}
      <h4>Input</h4>
      <RedactedJson value={t.input} />
      <div className="row-actions">
        <button type="button" disabled={step <= 0} onClick={() => setStep(step - 1)}>Previous block</button>
        <span className="small">{blocks.length ? `${step + 1} / ${blocks.length}` : 'no blocks'}</span>
        <button type="button" disabled={step >= blocks.length - 1} onClick={() => setStep(step + 1)}>Next block</button>
      </div>
      {block && (
        <div className="trace-step">
          <div><strong>{blockIdOf(block)}</strong>{block.frame && <span className="muted small"> {block.frame}</span>}
            {block.outcome && <span className="badge">→ {block.outcome}</span>}
            {block.durationMs !== undefined && <span className="muted small"> {block.durationMs} ms</span>}</div>
          {block.error && <pre className="error-text">{block.error}</pre>}
          <h4>Inputs</h4>
          <RedactedJson value={block.inputs} />
          <h4>Output</h4>
          <RedactedJson value={block.output} />
          {block.console && block.console.length > 0 && <><h4>Console</h4><RedactedJson value={block.console} /></>}
        </div>
      )}
      <button type="button" disabled={!t.replayable || replay.isPending} title={t.replayRefusal}
        onClick={() => confirmReplay(blocks) && replay.mutate()}>Replay</button>
      {!t.replayable && t.replayRefusal && <div className="muted small">{t.replayRefusal}</div>}
      <ErrorBox error={replay.error} title="Not replayed" />
      {replay.data && <p className="ok small" role="status">Replayed as {replay.data.executionId}: {replay.data.status}</p>}
    </section>
  );
}

/** Block types whose effects a replay repeats (it runs the current sequence again, for real). */
const WRITES = new Set(['create-instance', 'update-instance', 'deactivate-instance', 'delete-instance', 'http-request',
  'purge-attributes', 'request-purge', 'call-sequence']);

/** A replay is a real run: say what it will do again before it does. */
function confirmReplay(blocks: TraceBlock[]): boolean {
  const writes = blocks.filter((b) => b.type && WRITES.has(b.type)).map((b) => `${blockIdOf(b)} (${b.type})`);
  if (writes.length === 0) return true;
  return window.confirm(`Replay runs the sequence again for real: ${[...new Set(writes)].join(', ')} will write or call out again. Replay?`);
}
