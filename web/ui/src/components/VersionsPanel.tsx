import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { keys, useVersions } from '../api/hooks';
import type { Change } from '../api/types';
import { ErrorBox, Loading } from './Status';
import { isValuesLeft, ValuesLeftNotice } from './ValuesLeftNotice';

interface Props {
  base: string;
  current: number | undefined;
  /** Whether the editor holds unsaved edits (a restore replaces them: it asks first). */
  dirty?: boolean;
  onRestored: () => void;
}

/** Version history of one artefact: list, side-by-side diff of two versions, restore one as a new version. */
export function VersionsPanel({ base, current, dirty = false, onRestored }: Props) {
  const versions = useVersions(base);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [comparing, setComparing] = useState(false);
  const queryClient = useQueryClient();
  const restore = useMutation({
    mutationFn: ({ n, dropValues }: { n: number; dropValues?: boolean }) =>
      api(`${base}/versions/${n}/restore${dropValues ? '?dropValues=true' : ''}`, { method: 'POST' }),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: keys.versions(base) });
      onRestored();
    },
  });

  return (
    <aside className="side-panel" aria-labelledby="versions-title">
      <h2 id="versions-title">Versions</h2>
      {versions.isPending && <Loading />}
      <ErrorBox error={versions.error} />
      {!isValuesLeft(restore.error) && <ErrorBox error={restore.error} title="Not restored" />}
      <ValuesLeftNotice error={restore.error} busy={restore.isPending} action="Restore"
        onConfirm={() => restore.variables && restore.mutate({ n: restore.variables.n, dropValues: true })} />
      {versions.data && (
        <ol className="versions">
          {versions.data.map((v) => (
            <li key={v.number} className={v.number === current ? 'current' : undefined}>
              <div>
                <strong>v{v.number}</strong> <span className="muted small">{v.author} · {new Date(v.savedAt).toLocaleString()}</span>
              </div>
              {v.comment && <div className="small">{v.comment}</div>}
              <div className="row-actions">
                <label className="inline small"><input type="radio" name="diff-from" checked={from === v.number}
                  onChange={() => setFrom(v.number)} aria-label={`Diff from version ${v.number}`} />from</label>
                <label className="inline small"><input type="radio" name="diff-to" checked={to === v.number}
                  onChange={() => setTo(v.number)} aria-label={`Diff to version ${v.number}`} />to</label>
                {v.number !== current && (
                  <button type="button" className="link" disabled={restore.isPending}
                    onClick={() => (!dirty || window.confirm(`Restore version ${v.number}? Your unsaved changes will be lost.`))
                      && restore.mutate({ n: v.number })}>Restore v{v.number}</button>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
      <button type="button" disabled={from === null || to === null || from === to} onClick={() => setComparing(true)}>
        Compare{from !== null && to !== null ? ` v${from} → v${to}` : ''}
      </button>
      {comparing && from !== null && to !== null && <DiffDialog base={base} from={from} to={to} onClose={() => setComparing(false)} />}
    </aside>
  );
}

/** A modal side-by-side diff: each changed path with its old value left and its new value right. */
function DiffDialog({ base, from, to, onClose }: { base: string; from: number; to: number; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    // Removing the element ends the modal state, so there is nothing to undo on unmount.
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
  }, []);
  const diff = useQuery({
    queryKey: ['diff', base, from, to],
    queryFn: () => api<{ changes: Change[] }>(`${base}/diff?from=${from}&to=${to}`),
  });
  return (
    <dialog ref={dialog} className="diff" aria-label={`Changes from version ${from} to ${to}`} onClose={onClose}>
      <div className="dialog-head">
        <h2>Changes v{from} → v{to}</h2>
        <button type="button" onClick={onClose} autoFocus>Close</button>
      </div>
      {diff.isPending && <Loading />}
      <ErrorBox error={diff.error} />
      {diff.data && diff.data.changes.length === 0 && <p className="muted">No changes.</p>}
      {diff.data && diff.data.changes.length > 0 && (
        <table className="grid diff-table">
          <thead><tr><th>Path</th><th>v{from}</th><th>v{to}</th></tr></thead>
          <tbody>
            {diff.data.changes.map((c, i) => (
              <tr key={i} className={`op-${c.op}`}>
                <td><code>{c.path}</code> <span className="muted small">{c.op}</span></td>
                <td><pre className="before">{show(c.from)}</pre></td>
                <td><pre className="after">{show(c.to)}</pre></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </dialog>
  );
}

function show(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}
