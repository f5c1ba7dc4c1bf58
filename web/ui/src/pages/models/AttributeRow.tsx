import type { FieldError } from '../../api/client';
import type { Attribute, AttributeType, Sensitivity } from '../../api/types';
import { errorsAt, FieldMessages } from '../../components/Status';
import { SensitivityBadge } from './SensitivityBadge';

const TYPES: AttributeType[] = ['string', 'number', 'boolean', 'date', 'object', 'list', 'reference'];
const SENSITIVITIES: Sensitivity[] = ['none', 'personal', 'sensitive'];

interface Props {
  index: number;
  attribute: Attribute;
  errors: FieldError[];
  models: string[];
  onChange: (attribute: Attribute) => void;
  onRemove: () => void;
}

export function AttributeRow({ index, attribute: a, errors, models, onChange, onRemove }: Props) {
  const mine = errorsAt(errors, `/attributes/${index}`);
  const set = (patch: Partial<Attribute>) => onChange({ ...a, ...patch });
  return (
    <tr className={mine.length ? 'has-error' : undefined}>
      <td>
        <input aria-label={`Attribute ${index + 1} name`} value={a.name} onChange={(e) => set({ name: e.target.value })} />
        <FieldMessages errors={mine} />
      </td>
      <td>
        <select aria-label={`Attribute ${index + 1} type`} value={a.type}
          onChange={(e) => set({ type: e.target.value as AttributeType })}>
          {TYPES.map((t) => <option key={t}>{t}</option>)}
        </select>
        {a.type === 'reference' && (
          <select aria-label={`Attribute ${index + 1} referenced model`} value={a.reference ?? ''}
            onChange={(e) => set({ reference: e.target.value || undefined })}>
            <option value="">(model)</option>
            {models.map((m) => <option key={m}>{m}</option>)}
          </select>
        )}
      </td>
      <td className="center">
        <input type="checkbox" aria-label={`Attribute ${index + 1} required`} checked={a.required ?? false}
          onChange={(e) => set({ required: e.target.checked })} />
      </td>
      <td>
        <select aria-label={`Attribute ${index + 1} sensitivity`} value={a.sensitivity ?? 'none'}
          onChange={(e) => set({ sensitivity: e.target.value as Sensitivity })}>
          {SENSITIVITIES.map((s) => <option key={s}>{s}</option>)}
        </select>
        <SensitivityBadge value={a.sensitivity} />
      </td>
      <td className="center">
        <input type="checkbox" aria-label={`Attribute ${index + 1} indexed`} checked={a.indexed ?? false}
          onChange={(e) => set({ indexed: e.target.checked })} />
      </td>
      <td>
        <button type="button" className="link danger" onClick={onRemove} aria-label={`Remove attribute ${a.name || index + 1}`}>Remove</button>
      </td>
    </tr>
  );
}
