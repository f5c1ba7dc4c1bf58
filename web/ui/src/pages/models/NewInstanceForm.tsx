import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api, enc } from '../../api/client';
import type { Instance } from '../../api/types';
import { ErrorBox } from '../../components/Status';

const EMPTY = '{\n  \n}';

/** Create an instance from a JSON object of attribute values. */
export function NewInstanceForm({ base, onCreated }: { base: string; onCreated: () => void }) {
  const [created, setCreated] = useState<string | null>(null);
  return (
    <details className="card">
      <summary>New instance</summary>
      <InstanceJsonForm initial={EMPTY} submitLabel="Create" errorTitle="Not created"
        send={(data) => api<Instance>(`${base}/instances`, { body: data })}
        onDone={(instance, reset) => { setCreated(instance.id); reset(); onCreated(); }}
        onEdit={() => setCreated(null)} />
      {created && <p className="ok small" role="status">Created instance <code>{created}</code>.</p>}
    </details>
  );
}

/** Change an instance's attribute values: the ones given are set, null clears one, the others stay as they are. */
export function EditInstanceForm({ base, instance, onSaved, onCancel }: {
  base: string; instance: Instance; onSaved: () => void; onCancel: () => void;
}) {
  return (
    <section className="card" aria-labelledby="edit-instance-title">
      <h2 id="edit-instance-title">Edit instance <code>{instance.id}</code></h2>
      <InstanceJsonForm initial={JSON.stringify(instance.data, null, 2)} submitLabel="Save" errorTitle="Not saved"
        send={(data) => api<Instance>(`${base}/instances/${enc(instance.id)}`, { method: 'PATCH', body: data, ifMatch: instance.revision })}
        onDone={onSaved} onCancel={onCancel} />
    </section>
  );
}

function InstanceJsonForm({ initial, submitLabel, errorTitle, send, onDone, onEdit, onCancel }: {
  initial: string; submitLabel: string; errorTitle: string; send: (data: unknown) => Promise<Instance>;
  onDone: (instance: Instance, reset: () => void) => void; onEdit?: () => void; onCancel?: () => void;
}) {
  const [text, setText] = useState(initial);
  const [parseError, setParseError] = useState<string | null>(null);
  const mutation = useMutation({ mutationFn: send, onSuccess: (instance) => onDone(instance, () => setText(EMPTY)) });

  function submit(event: FormEvent) {
    event.preventDefault();
    try {
      const data: unknown = JSON.parse(text);
      setParseError(null);
      mutation.mutate(data);
    } catch {
      setParseError('not valid JSON');
    }
  }

  return (
    <form onSubmit={submit}>
      <label>
        Attribute values (JSON)
        <textarea name="instance" rows={Math.min(12, Math.max(5, text.split('\n').length))} className="mono" value={text}
          onChange={(e) => { setText(e.target.value); onEdit?.(); }} />
      </label>
      {parseError && <div className="field-error" role="alert">{parseError}</div>}
      <ErrorBox error={mutation.error} title={errorTitle} />
      <button type="submit" className="primary" disabled={mutation.isPending}>{submitLabel}</button>
      {onCancel && <button type="button" className="link" onClick={onCancel}>Cancel</button>}
    </form>
  );
}
