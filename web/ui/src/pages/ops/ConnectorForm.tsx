import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { ApiError, request } from '../../api/client';
import { getVersioned, paths } from '../../api/hooks';
import type { Connector } from '../../api/types';
import { ErrorBox, errorsAt, FieldMessages } from '../../components/Status';

interface Header { name: string; value: string }

export function ConnectorForm({ existing, onDone, onCancel }: { existing: Connector | null; onDone: () => void; onCancel: () => void }) {
  const [name, setName] = useState(existing?.name ?? '');
  const [description, setDescription] = useState(existing?.description ?? '');
  const [baseUrl, setBaseUrl] = useState(existing?.baseUrl ?? 'https://');
  const [replaceSecrets, setReplaceSecrets] = useState(existing === null);
  const [headers, setHeaders] = useState<Header[]>(existing ? existing.secretHeaderNames.map((n) => ({ name: n, value: '' })) : []);
  const [comment, setComment] = useState('');

  const save = useMutation({
    mutationFn: async () => {
      const body: Record<string, unknown> = { name, description: description || undefined, baseUrl, comment: comment || undefined };
      if (replaceSecrets) body.secretHeaders = Object.fromEntries(headers.filter((h) => h.name).map((h) => [h.name, h.value]));
      if (!existing) return request('/api/connectors', { body });
      // Always base the save on the version the server has now, named by its ETag.
      const current = await getVersioned<Connector>(paths.connector(existing.name));
      return request(paths.connector(existing.name), { method: 'PUT', body, ifMatch: current.version });
    },
    onSuccess: onDone,
  });
  const errors = save.error instanceof ApiError ? save.error.fieldErrors : [];

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <form className="card" onSubmit={submit} aria-label={existing ? `Edit ${existing.name}` : 'New connector account'}>
      <h2>{existing ? `Edit ${existing.name}` : 'New connector account'}</h2>
      <div className="form-grid">
        <label>Name<input value={name} disabled={existing !== null} required onChange={(e) => setName(e.target.value)} />
          <FieldMessages errors={errorsAt(errors, '/name')} /></label>
        <label>Base URL<input value={baseUrl} required onChange={(e) => setBaseUrl(e.target.value)} />
          <FieldMessages errors={errorsAt(errors, '/baseUrl')} /></label>
        <label>Description<input value={description} onChange={(e) => setDescription(e.target.value)} /></label>
      </div>
      <fieldset>
        <legend>Secret headers (write-only)</legend>
        {existing && (
          <label className="inline">
            <input type="checkbox" checked={replaceSecrets} onChange={(e) => setReplaceSecrets(e.target.checked)} />
            Replace the secret headers (stored values are never shown; unchecked keeps them)
          </label>
        )}
        {replaceSecrets && headers.map((h, i) => (
          <div key={i} className="inline-fields">
            <input aria-label={`Header ${i + 1} name`} placeholder="Authorization" value={h.name}
              onChange={(e) => setHeaders(headers.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} />
            <input aria-label={`Header ${i + 1} value`} type="password" autoComplete="new-password" placeholder="secret value" value={h.value}
              onChange={(e) => setHeaders(headers.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))} />
            <button type="button" className="link danger" onClick={() => setHeaders(headers.filter((_, j) => j !== i))}>Remove</button>
            <FieldMessages errors={errorsAt(errors, `/secretHeaders/${h.name}`)} />
          </div>
        ))}
        {replaceSecrets && <button type="button" onClick={() => setHeaders([...headers, { name: '', value: '' }])}>Add header</button>}
      </fieldset>
      <label>Comment<input value={comment} onChange={(e) => setComment(e.target.value)} /></label>
      <ErrorBox error={save.error} title="Not saved" />
      <div className="row-actions">
        <button type="submit" className="primary" disabled={save.isPending}>Save</button>
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
