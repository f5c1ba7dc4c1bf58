import { useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ReactFlowProvider } from '@xyflow/react';
import { etagVersion, request } from '../../api/client';
import { keys, paths, useBlockTypes, useConnectors, useModels, useSequences, useVersioned } from '../../api/hooks';
import type { Sequence } from '../../api/types';
import { ErrorBox, Loading } from '../../components/Status';
import { SaveBar } from '../../components/SaveBar';
import { VersionsPanel } from '../../components/VersionsPanel';
import { DeleteButton } from '../../components/DeleteButton';
import { ConflictNotice } from '../../components/ConflictNotice';
import { useUnsavedWarning } from '../../components/useUnsavedWarning';
import { useOpenErrors } from '../../components/useOpenErrors';
import { FlowCanvas } from './graph/FlowCanvas';
import { BlockForm } from './form/BlockForm';
import { DebugPanel } from './debug/DebugPanel';
import { Palette } from './Palette';
import { RunPanel } from './RunPanel';
import { SequenceSettingsForm } from './SequenceSettingsForm';
import { useSequenceDraft } from './useSequenceDraft';

type Tab = 'block' | 'sequence' | 'run' | 'debug' | 'versions';

export function SequenceEditorPage() {
  const { name } = useParams();
  const creating = name === undefined;
  const loaded = useVersioned<Sequence>(keys.sequence(name ?? ''), paths.sequence(name ?? ''), !creating);
  const types = useBlockTypes();
  const models = useModels();
  const sequences = useSequences();
  const connectors = useConnectors();
  const d = useSequenceDraft();
  const [version, setVersion] = useState<number | undefined>();
  const [selected, setSelected] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>(creating ? 'sequence' : 'block');
  const [ranPath, setRanPath] = useState<string[]>([]);
  const [stepping, setStepping] = useState<string | null>(null);
  const onStep = useCallback((id: string | null) => setStepping(id), []);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { reset } = d;
  useUnsavedWarning(d.dirty);

  useEffect(() => {
    if (loaded.data) {
      reset(loaded.data.doc);
      setVersion(loaded.data.version);
    }
  }, [loaded.data, reset]);

  const save = useMutation({
    mutationFn: async (comment: string) => {
      const { version: _v, ...body } = d.draft;
      const answer = await request<Sequence>(creating ? '/api/sequences' : paths.sequence(d.draft.name), {
        method: creating ? 'POST' : 'PUT', body: { ...body, comment: comment || undefined }, ifMatch: creating ? undefined : version,
      });
      return { doc: answer.data, version: etagVersion(answer.etag) };
    },
    onSuccess: (saved) => {
      setVersion(saved.version);
      d.reset(saved.doc);
      queryClient.setQueryData(keys.sequence(saved.doc.name), saved);
      queryClient.invalidateQueries({ queryKey: keys.sequences });
      queryClient.invalidateQueries({ queryKey: ['versions'] });
      if (creating) navigate(`/sequences/${encodeURIComponent(saved.doc.name)}`, { replace: true });
    },
  });

  const errors = useOpenErrors(save.error, d.draft);
  const choices = useMemo(() => ({
    model: (models.data ?? []).map((m) => m.name),
    sequence: (sequences.data ?? []).map((s) => s.name),
    connector: (connectors.data ?? []).map((c) => c.name),
    block: d.draft.blocks.map((b) => b.id),
  }), [models.data, sequences.data, connectors.data, d.draft.blocks]);

  if (!creating && loaded.isPending) return <Loading />;
  if (!creating && loaded.error) return <ErrorBox error={loaded.error} />;
  if (types.isPending) return <Loading what="Loading the block palette" />;
  if (types.error) return <ErrorBox error={types.error} />;

  const index = d.draft.blocks.findIndex((b) => b.id === selected);
  const block = index >= 0 ? d.draft.blocks[index] : undefined;
  const select = (id: string | null) => { setSelected(id); if (id) setTab('block'); };
  const add = (type: string, at?: { x: number; y: number }) => select(d.addBlock(type, at));

  return (
    <section className="editor">
      <div className="editor-head">
        <h1>{creating ? 'New sequence' : `Sequence ${d.draft.name}`}</h1>
        {!creating && <span className="muted">version {version}{d.dirty && ' · unsaved changes'}</span>}
        {!creating && name && (
          <DeleteButton path={paths.sequence(name)} what={`sequence ${name}`} label="Delete sequence" onDeleted={() => {
            queryClient.removeQueries({ queryKey: keys.sequence(name) }); // not read again: it is gone
            queryClient.invalidateQueries({ queryKey: keys.sequences, exact: true });
            navigate('/sequences', { state: { done: `Sequence ${name} deleted.` } });
          }} />
        )}
        <SaveBar key={version} busy={save.isPending} onSave={(c) => save.mutate(c)} />
      </div>
      <ErrorBox error={save.error} title={errors.length ? `Not saved: ${errors.length} problem${errors.length > 1 ? 's' : ''}` : 'Not saved'} />
      <ConflictNotice error={save.error} onReload={() => { save.reset(); loaded.refetch(); }} />
      {save.isSuccess && !d.dirty && save.data.version === version && <p className="ok" role="status">Saved as version {version}.</p>}
      <div className="editor-body">
        <Palette types={types.data} onAdd={(t) => add(t)} />
        <ReactFlowProvider>
          <FlowCanvas blocks={d.draft.blocks} entry={d.draft.entry} types={types.data} positions={d.positions}
            selected={selected} errors={errors} ranPath={ranPath} stepping={stepping} onPositions={d.setPositions} onSelect={select}
            onWire={d.wire} onRemove={d.removeBlock} onDropType={add} />
        </ReactFlowProvider>
        <div className="inspector">
          <div role="tablist" aria-label="Inspector" className="tabs">
            {(['block', 'sequence', 'run', 'debug', 'versions'] as Tab[]).map((t) => (
              <button key={t} type="button" role="tab" aria-selected={tab === t} disabled={creating && t !== 'block' && t !== 'sequence'}
                onClick={() => setTab(t)}>{t[0]!.toUpperCase() + t.slice(1)}</button>
            ))}
          </div>
          <div role="tabpanel" className="tab-body">
            {tab === 'block' && (block ? (
              <BlockForm key={index} block={block} index={index} type={types.data.find((t) => t.type === block.type)}
                errors={errors} choices={choices} isEntry={d.draft.entry === block.id}
                onChange={(b) => d.updateBlock(index, b)}
                onRename={(id) => { d.renameBlock(block.id, id); setSelected(id); }}
                onDelete={() => { d.removeBlock(block.id); setSelected(null); }}
                onMakeEntry={() => d.edit((s) => ({ ...s, entry: block.id }))} />
            ) : <p className="muted">Select a block on the canvas, or add one from the palette.</p>)}
            {tab === 'sequence' && (
              <SequenceSettingsForm sequence={d.draft} creating={creating} errors={errors} models={choices.model}
                onChange={(s) => d.edit(() => s)} />
            )}
            {tab === 'run' && name && <RunPanel name={name} triggers={d.draft.triggers} dirty={d.dirty} onPath={setRanPath} />}
            {tab === 'debug' && name && <DebugPanel name={name} onStep={onStep} />}
            {tab === 'versions' && name && (
              <VersionsPanel base={paths.sequence(name)} current={version} dirty={d.dirty}
                onRestored={() => queryClient.invalidateQueries({ queryKey: keys.sequence(name) })} />
            )}
          </div>
        </div>
      </div>
    </section>
  );
}
