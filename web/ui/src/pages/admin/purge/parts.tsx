import { Fragment, useState } from 'react';
import type { PurgeStatus, TargetProgress } from './purgeApi';

export function PurgeStatusBadge({ status }: { status: PurgeStatus | string }) {
  return <span className={`badge purge-${status}`}>{status}</span>;
}

/**
 * Per-store counts: planned before the run, changed/removed/remaining as it goes. Stores the scope
 * cannot touch are listed as "not applicable" rather than as zeros.
 */
export function TargetsTable({ targets, live }: { targets: TargetProgress[]; live?: boolean }) {
  if (targets.length === 0) return <p className="muted">Not planned yet: plan it to see what each store would change.</p>;
  return (
    <div className="table-scroll">
      <table className="grid targets" aria-label="Stores">
        <thead>
          <tr><th>Store</th><th>Status</th><th className="num">Planned</th><th className="num">Changed</th><th className="num">Removed</th>
            <th className="num">Remaining</th><th>Progress</th><th>Error</th></tr>
        </thead>
        <tbody aria-live={live ? 'polite' : undefined}>
          {targets.map((t) => {
            if (t.status === 'not-applicable') {
              return (
                <tr key={t.target} className="not-applicable">
                  <td>{t.target}</td><td colSpan={7} className="muted">not applicable to this scope</td>
                </tr>
              );
            }
            const done = t.changed + t.removed;
            return (
              <Fragment key={t.target}>
                <tr className={t.error ? 'has-error' : undefined}>
                  <td>{t.target}</td>
                  <td><PurgeStatusBadge status={t.status} /></td>
                  <td className="num">{t.planned}</td>
                  <td className="num">{t.changed}</td>
                  <td className="num">{t.removed}</td>
                  <td className="num">{t.remaining ?? '—'}</td>
                  <td>
                    {t.planned > 0
                      ? <progress max={t.planned} value={Math.min(done, t.planned)} aria-label={`${t.target}: ${done} of ${t.planned}`} />
                      : <span className="muted small">nothing to do</span>}
                  </td>
                  <td className="danger small">{t.error}</td>
                </tr>
                {t.items && t.items.length > 0 && (
                  <tr className="target-items">
                    <td />
                    <td colSpan={7} className="small" aria-label={`${t.target}: what changes`}>{t.items.join('; ')}</td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** A destructive action asks once more, inline (no browser dialog): "label…" then "Yes, …" / "Keep". */
export function ConfirmButton({ label, question, confirm, onConfirm, disabled }: {
  label: string; question: string; confirm: string; onConfirm: () => void; disabled?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return <button type="button" className="primary danger-bg" disabled={disabled} onClick={() => setAsking(true)}>{label}…</button>;
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span>{question}</span>{' '}
      <button type="button" className="primary danger-bg" autoFocus onClick={() => { setAsking(false); onConfirm(); }}>{confirm}</button>{' '}
      <button type="button" onClick={() => setAsking(false)}>Keep</button>
    </span>
  );
}
