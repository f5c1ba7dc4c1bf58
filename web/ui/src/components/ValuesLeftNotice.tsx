import { ApiError } from '../api/client';

/** Whether a save or restore was refused because instances hold values of attributes it removes or retypes. */
export function isValuesLeft(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 409 && !!error.problem.attributes;
}

/** Names the values a model save or restore would leave undescribed, and offers to delete them with it. */
export function ValuesLeftNotice({ error, busy, action, onConfirm }: {
  error: unknown; busy: boolean; action: 'Save' | 'Restore'; onConfirm: () => void;
}) {
  if (!isValuesLeft(error)) return null;
  const attributes = error.problem.attributes as Record<string, number>;
  const held = Object.entries(attributes).map(([name, count]) => `${name} (${count} instance${count === 1 ? '' : 's'})`);
  return (
    <div className="notice" role="alert">
      Instances hold values of {held.join(', ')}. {action === 'Save' ? 'Saving' : 'Restoring'} deletes those values for good.{' '}
      <button type="button" className="danger" disabled={busy} onClick={onConfirm}>{action} and delete the values</button>
    </div>
  );
}
