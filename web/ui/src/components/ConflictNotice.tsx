import { ApiError } from '../api/client';

/** After a 409 on save: someone saved a newer version; offer to load it (dropping these edits). */
export function ConflictNotice({ error, onReload }: { error: unknown; onReload: () => void }) {
  if (!(error instanceof ApiError) || error.status !== 409 || error.problem.currentVersion === undefined) return null;
  return (
    <div className="notice" role="alert">
      Version {error.problem.currentVersion} was saved meanwhile.{' '}
      <button type="button" onClick={onReload}>Load version {error.problem.currentVersion}</button>{' '}
      <span className="small muted">(your unsaved edits are dropped; copy what you need first)</span>
    </div>
  );
}
