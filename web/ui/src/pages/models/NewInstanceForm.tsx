import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client';
import { ErrorBox } from '../../components/Status';

/** Create an instance from a JSON object of attribute values. */
export function NewInstanceForm({ base, onCreated }: { base: string; onCreated: () => void }) {
  const [text, setText] = useState('{\n  \n}');
  const [parseError, setParseError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (data: unknown) => api(`${base}/instances`, { body: data }),
    onSuccess: onCreated,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    try {
      const data: unknown = JSON.parse(text);
      setParseError(null);
      create.mutate(data);
    } catch {
      setParseError('not valid JSON');
    }
  }

  return (
    <details className="card">
      <summary>New instance</summary>
      <form onSubmit={submit}>
        <label>
          Attribute values (JSON)
          <textarea name="instance" rows={5} className="mono" value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        {parseError && <div className="field-error" role="alert">{parseError}</div>}
        <ErrorBox error={create.error} title="Not created" />
        <button type="submit" disabled={create.isPending}>Create</button>
      </form>
    </details>
  );
}
