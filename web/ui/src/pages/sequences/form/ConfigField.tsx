import { useEffect, useState } from 'react';
import type { SchemaProperty } from '../../../api/types';
import { CodeField } from '../../../components/code/CodeField';

export interface Choices {
  model: string[];
  sequence: string[];
  connector: string[];
  block: string[];
}

interface Props {
  name: string;
  property: SchemaProperty;
  required: boolean;
  value: unknown;
  choices: Choices;
  errorId?: string;
  invalid: boolean;
  onChange: (value: unknown) => void;
}

/** One config key as an input chosen by its x-lethe-kind. Empty means "not set" (the key is removed). */
export function ConfigField({ name, property, required, value, choices, errorId, invalid, onChange }: Props) {
  const kind = property['x-lethe-kind'];
  const id = `cfg-${name}`;
  const common = { id, 'aria-invalid': invalid, 'aria-describedby': errorId };
  const label = (
    <label htmlFor={id}>
      {name}{required && <span className="req" aria-label="required"> *</span>}
      <span className="muted small"> {kind}</span>
    </label>
  );
  let input;
  switch (kind) {
    case 'code':
      return (
        <div className="field">
          <span className="label-like">{name}{required && <span className="req"> *</span>}</span>
          <CodeField label={`${name} (JavaScript)`} value={typeof value === 'string' ? value : ''} describedBy={errorId}
            onChange={(v) => onChange(v === '' ? undefined : v)} />
          {property.description && <div className="muted small">{property.description}</div>}
        </div>
      );
    case 'choice':
    case 'model':
    case 'sequence':
    case 'connector':
    case 'block': {
      const options = kind === 'choice' ? property.enum ?? [] : choices[kind];
      const current = typeof value === 'string' ? value : '';
      input = (
        <select {...common} value={current} onChange={(e) => onChange(e.target.value || undefined)}>
          <option value="">(not set)</option>
          {current && !options.includes(current) && <option>{current}</option>}
          {options.map((o) => <option key={o}>{o}</option>)}
        </select>
      );
      break;
    }
    case 'boolean':
      input = (
        <select {...common} value={value === undefined ? '' : String(value)}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value === 'true' ? true : e.target.value === 'false' ? false : e.target.value)}>
          <option value="">(not set)</option>
          <option value="true">true</option>
          <option value="false">false</option>
          {typeof value === 'string' && <option value={value}>{value}</option>}
        </select>
      );
      break;
    case 'number':
      input = (
        <input {...common} value={value === undefined ? '' : String(value)} inputMode="decimal"
          onChange={(e) => {
            const text = e.target.value;
            onChange(text === '' ? undefined : /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text);
          }} />
      );
      break;
    case 'map':
    case 'value':
      input = <JsonInput {...common} value={value} lenient={kind === 'value'} onChange={onChange} />;
      break;
    default:
      input = (
        <input {...common} value={typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value)}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)} />
      );
  }
  return (
    <div className="field">
      {label}
      {input}
      {property.description && <div className="muted small">{property.description}</div>}
    </div>
  );
}

interface JsonInputProps {
  id: string;
  value: unknown;
  lenient: boolean;
  'aria-invalid': boolean;
  'aria-describedby'?: string;
  onChange: (value: unknown) => void;
}

/** JSON in a textarea; a `value` field that is not JSON is taken as plain text (e.g. "{{input.x}}"). */
function JsonInput({ value, lenient, onChange, ...rest }: JsonInputProps) {
  const [text, setText] = useState(() => render(value));
  const [bad, setBad] = useState(false);
  useEffect(() => {
    setText((old) => (sameJson(old, value) ? old : render(value)));
  }, [value]);
  return (
    <>
      <textarea {...rest} className="mono" rows={Math.min(8, Math.max(2, text.split('\n').length))} value={text}
        onChange={(e) => {
          const t = e.target.value;
          setText(t);
          if (t.trim() === '') { setBad(false); onChange(undefined); return; }
          try { onChange(JSON.parse(t)); setBad(false); } catch {
            // kept as typed: saving it is refused at this field, instead of saving the last valid value unseen
            onChange(t);
            setBad(!lenient);
          }
        }} />
      {bad && <div className="field-error" role="alert">not valid JSON yet</div>}
    </>
  );
}

function render(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2);
}

function sameJson(text: string, value: unknown): boolean {
  try { return JSON.stringify(JSON.parse(text)) === JSON.stringify(value); } catch { return text === value; }
}
