import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { request, etagVersion } from '../../api/client';
import { keys, paths, useModels, useVersioned } from '../../api/hooks';
import type { Attribute, Model } from '../../api/types';
import { ErrorBox, errorsAt, FieldMessages, Loading } from '../../components/Status';
import { SaveBar } from '../../components/SaveBar';
import { VersionsPanel } from '../../components/VersionsPanel';
import { DeleteButton } from '../../components/DeleteButton';
import { ConflictNotice } from '../../components/ConflictNotice';
import { isValuesLeft, ValuesLeftNotice } from '../../components/ValuesLeftNotice';
import { useAuth } from '../../auth/AuthContext';
import { useUnsavedWarning } from '../../components/useUnsavedWarning';
import { useOpenErrors } from '../../components/useOpenErrors';
import { AttributeRow } from './AttributeRow';

const EMPTY: Model = { name: '', description: '', attributes: [] };

export function ModelEditorPage() {
  const { name } = useParams();
  const creating = name === undefined;
  const loaded = useVersioned<Model>(keys.model(name ?? ''), paths.model(name ?? ''), !creating);
  const models = useModels();
  const [draft, setDraft] = useState<Model>(EMPTY);
  const [version, setVersion] = useState<number | undefined>();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { has } = useAuth();

  useEffect(() => {
    if (loaded.data) {
      setDraft(loaded.data.doc);
      setVersion(loaded.data.version);
    }
  }, [loaded.data]);
  const dirty = JSON.stringify(draft) !== JSON.stringify(creating ? EMPTY : loaded.data?.doc ?? draft);
  useUnsavedWarning(dirty);

  const save = useMutation({
    mutationFn: async ({ comment, dropValues }: { comment: string; dropValues?: boolean }) => {
      const { version: _v, ...body } = draft;
      const path = creating ? '/api/models' : paths.model(draft.name) + (dropValues ? '?dropValues=true' : '');
      const answer = await request<Model>(path, {
        method: creating ? 'POST' : 'PUT', body: { ...body, comment: comment || undefined }, ifMatch: creating ? undefined : version,
      });
      return { doc: answer.data, version: etagVersion(answer.etag) };
    },
    onSuccess: (saved) => {
      setVersion(saved.version);
      queryClient.setQueryData(keys.model(saved.doc.name), saved);
      queryClient.invalidateQueries({ queryKey: keys.models });
      queryClient.invalidateQueries({ queryKey: ['versions'] });
      if (creating) navigate(`/models/${encodeURIComponent(saved.doc.name)}`, { replace: true });
    },
  });

  const deleted = () => {
    queryClient.removeQueries({ queryKey: keys.model(name ?? '') }); // not read again: it is gone
    queryClient.invalidateQueries({ queryKey: keys.models, exact: true });
    navigate('/models', { state: { done: `Model ${name} deleted.` } });
  };

  const errors = useOpenErrors(save.error, draft);
  if (!creating && loaded.isPending) return <Loading />;
  if (!creating && loaded.error) return <ErrorBox error={loaded.error} />;

  const setAttr = (i: number, a: Attribute) =>
    setDraft({ ...draft, attributes: draft.attributes.map((x, j) => (j === i ? a : x)) });

  return (
    <section className="with-side">
      <div className="main-col">
        <div className="page-head">
          <h1>{creating ? 'New model' : `Model ${draft.name}`}</h1>
          {!creating && <span className="muted">version {version}{dirty && ' · unsaved changes'}</span>}
          {!creating && <Link to={`/models/${encodeURIComponent(draft.name)}/instances`}>Instances</Link>}
          {!creating && name && (
            <span className="head-actions">
              <DeleteButton path={paths.model(name)} what={`model ${name}`} label="Delete model" onDeleted={deleted} />
              {has('admin') && (
                <DeleteButton path={`${paths.model(name)}?force=true`} what={`model ${name} AND all its instances`}
                  label="Delete with its instances" onDeleted={deleted} />
              )}
            </span>
          )}
        </div>
        <div className="form-grid">
          <label>
            Name
            <input name="name" value={draft.name} disabled={!creating} required
              aria-invalid={errorsAt(errors, '/name').length > 0}
              onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
            <FieldMessages errors={errorsAt(errors, '/name')} />
          </label>
          <label>
            Description
            <input name="description" value={draft.description ?? ''}
              onChange={(e) => setDraft({ ...draft, description: e.target.value })} />
          </label>
          <label>
            Delete instances unchanged for (days)
            <input name="retentionDays" type="number" min={1} step={1} placeholder="keep until deleted"
              value={draft.retentionDays ?? ''} aria-invalid={errorsAt(errors, '/retentionDays').length > 0}
              onChange={(e) => setDraft({ ...draft, retentionDays: e.target.value === '' ? null : Number(e.target.value) })} />
            <span className="muted small">Checked hourly; deactivated instances too, without instance events.</span>
            <FieldMessages errors={errorsAt(errors, '/retentionDays')} />
          </label>
        </div>
        <h2>Attributes</h2>
        <table className="grid attributes">
          <thead>
            <tr><th>Name</th><th>Type</th><th>Required</th><th>Sensitivity</th><th>Indexed</th><th /></tr>
          </thead>
          <tbody>
            {draft.attributes.map((a, i) => (
              <AttributeRow key={i} index={i} attribute={a} errors={errors}
                models={(models.data ?? []).map((m) => m.name)}
                onChange={(x) => setAttr(i, x)}
                onRemove={() => setDraft({ ...draft, attributes: draft.attributes.filter((_, j) => j !== i) })} />
            ))}
          </tbody>
        </table>
        <FieldMessages errors={errors.filter((e) => e.pointer === '/attributes')} />
        <button type="button" onClick={() => setDraft({ ...draft, attributes: [...draft.attributes, { name: '', type: 'string', sensitivity: 'none' }] })}>
          Add attribute
        </button>
        {!isValuesLeft(save.error) && <ErrorBox error={save.error} title="Not saved" />}
        <ConflictNotice error={save.error} onReload={() => { save.reset(); loaded.refetch(); }} />
        {save.isSuccess && save.data.version === version && <p className="ok" role="status">Saved as version {version}.</p>}
        <ValuesLeftNotice error={save.error} busy={save.isPending} action="Save"
          onConfirm={() => save.mutate({ comment: save.variables?.comment ?? '', dropValues: true })} />
        <SaveBar key={version} busy={save.isPending} onSave={(c) => save.mutate({ comment: c })} />
      </div>
      {!creating && name && (
        <VersionsPanel base={paths.model(name)} current={version} dirty={dirty}
          onRestored={() => queryClient.invalidateQueries({ queryKey: keys.model(name) })} />
      )}
    </section>
  );
}

/** A save refused because instances hold values of attributes it removes or retypes: say how many, offer to delete them. */
