import { useMutation } from '@tanstack/react-query';
import { api } from '../api/client';
import { ErrorBox } from './Status';

/** Deletes after a confirmation; the server's refusal (e.g. 409 "in use") is shown beside it. */
export function DeleteButton({ path, what, onDeleted, label = 'Delete' }: { path: string; what: string; onDeleted: () => void; label?: string }) {
  const remove = useMutation({ mutationFn: () => api(path, { method: 'DELETE' }), onSuccess: onDeleted });
  return (
    <>
      <button type="button" className="link danger" disabled={remove.isPending}
        onClick={() => window.confirm(`Delete ${what}? Its saved versions stay until purged.`) && remove.mutate()}>{label}</button>
      <ErrorBox error={remove.error} title="Not deleted" />
    </>
  );
}
