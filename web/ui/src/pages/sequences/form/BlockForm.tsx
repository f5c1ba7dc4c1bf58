import { useEffect, useState } from 'react';
import type { FieldError } from '../../../api/client';
import type { BlockDefinition, BlockType } from '../../../api/types';
import { errorsAt, FieldMessages } from '../../../components/Status';
import { ConfigField, type Choices } from './ConfigField';

interface Props {
  block: BlockDefinition;
  index: number;
  type: BlockType | undefined;
  errors: FieldError[];
  choices: Choices;
  isEntry: boolean;
  onChange: (block: BlockDefinition) => void;
  onRename: (id: string) => void;
  onDelete: () => void;
  onMakeEntry: () => void;
}

/** The selected block: id, config form generated from its type's schema, and its outcome wires. */
export function BlockForm({ block, index, type, errors, choices, isEntry, onChange, onRename, onDelete, onMakeEntry }: Props) {
  const at = (suffix: string) => errorsAt(errors, `/blocks/${index}${suffix}`);
  const [id, setId] = useState(block.id);
  const [idProblem, setIdProblem] = useState<string | null>(null);
  useEffect(() => { setId(block.id); setIdProblem(null); }, [block.id]);
  const outcomes = [...(type?.outcomes ?? []), 'error'];
  const known = new Set(Object.keys(type?.configSchema.properties ?? {}));
  // Errors no field below shows (e.g. an unknown config key or type) are listed at the top.
  const shownElsewhere = (pointer: string) => {
    const rest = pointer.slice(`/blocks/${index}`.length);
    return rest === '/id' || rest.startsWith('/next/') || (rest.startsWith('/config/') && known.has(rest.split('/')[2] ?? ''));
  };
  const generalErrors = at('').filter((e) => !shownElsewhere(e.pointer));

  function setConfig(key: string, value: unknown) {
    const config = { ...block.config };
    if (value === undefined) delete config[key];
    else config[key] = value;
    onChange({ ...block, config });
  }

  function setWire(outcome: string, target: string) {
    const next = { ...(block.next ?? {}) };
    if (target) next[outcome] = target;
    else delete next[outcome];
    onChange({ ...block, next });
  }

  return (
    <form className="block-form" aria-label={`Block ${block.id}`} onSubmit={(e) => e.preventDefault()}>
      <div className="block-form-head">
        <span className="badge">{block.type}</span>
        {isEntry ? <span className="badge entry">entry</span> : <button type="button" className="link" onClick={onMakeEntry}>Make entry</button>}
        <button type="button" className="link danger" onClick={onDelete}>Delete block</button>
      </div>
      {type && <p className="muted small">{type.description}</p>}
      <div className="field">
        <label htmlFor="block-id">Block id</label>
        <input id="block-id" value={id} aria-invalid={idProblem !== null} onChange={(e) => { setId(e.target.value); setIdProblem(null); }}
          onBlur={() => {
            if (id === block.id) return;
            if (!id) { setId(block.id); return; }
            const problem = blockIdProblem(id, choices.block);
            if (problem) setIdProblem(problem); else onRename(id);
          }} />
        <FieldMessages errors={idProblem ? [{ pointer: `/blocks/${index}/id`, message: idProblem }] : at('/id')} />
      </div>
      <FieldMessages errors={generalErrors} />
      {type && Object.entries(type.configSchema.properties).map(([key, property]) => {
        const fieldErrors = at(`/config/${key}`);
        const errorId = fieldErrors.length ? `err-${block.id}-${key}` : undefined;
        return (
          <div key={`${block.id}-${key}`} className={fieldErrors.length ? 'has-error' : undefined}>
            <ConfigField name={key} property={property} required={type.configSchema.required.includes(key)}
              value={block.config[key]} choices={choices} errorId={errorId} invalid={fieldErrors.length > 0}
              onChange={(v) => setConfig(key, v)} />
            <FieldMessages errors={fieldErrors} id={errorId} />
          </div>
        );
      })}
      <fieldset>
        <legend>Outcomes</legend>
        {outcomes.map((o) => (
          <div key={o} className="field inline-field">
            <label htmlFor={`wire-${o}`}>{o} →</label>
            <select id={`wire-${o}`} value={block.next?.[o] ?? ''} onChange={(e) => setWire(o, e.target.value)}>
              <option value="">(end)</option>
              {choices.block.filter((b) => b !== block.id).map((b) => <option key={b}>{b}</option>)}
            </select>
            <FieldMessages errors={at(`/next/${o}`)} />
          </div>
        ))}
      </fieldset>
    </form>
  );
}

/** Why `id` cannot be a block's new id (another block has it, or the server would refuse it), or null. */
function blockIdProblem(id: string, taken: string[]): string | null {
  if (taken.includes(id)) return `'${id}' is the id of another block: pick another`;
  if (!/^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(id)) return "must start with a letter and hold at most 64 letters, digits, '_' or '-'";
  return null;
}
