import type { FieldError } from '../../api/client';
import type { Sequence, Trigger } from '../../api/types';
import { errorsAt, FieldMessages } from '../../components/Status';
import { HookKeyPanel } from './HookKeyPanel';

const EVENTS = ['created', 'updated', 'deactivated', 'reactivated', 'deleted'];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** The IANA zones the browser knows, offered for schedules (any other the server knows is accepted too). */
const TIME_ZONES: string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

interface Props {
  sequence: Sequence;
  creating: boolean;
  errors: FieldError[];
  models: string[];
  onChange: (s: Sequence) => void;
}

/** Name, description, triggers and run settings of a sequence. */
export function SequenceSettingsForm({ sequence: s, creating, errors, models, onChange }: Props) {
  const settings = s.settings ?? { record: 'summary', timeoutMs: 30000 };
  const setTrigger = (i: number, t: Trigger) => onChange({ ...s, triggers: s.triggers.map((x, j) => (j === i ? t : x)) });
  return (
    <form className="settings-form" aria-label="Sequence settings" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor="seq-name">Name</label>
        <input id="seq-name" value={s.name} disabled={!creating} onChange={(e) => onChange({ ...s, name: e.target.value })} />
        <FieldMessages errors={errorsAt(errors, '/name')} />
      </div>
      <div className="field">
        <label htmlFor="seq-description">Description</label>
        <input id="seq-description" value={s.description ?? ''} onChange={(e) => onChange({ ...s, description: e.target.value })} />
      </div>
      <FieldMessages errors={errorsAt(errors, '/entry').map((e) => ({ ...e, message: `entry block: ${e.message}` }))} />
      <fieldset>
        <legend>Triggers</legend>
        <datalist id="time-zones">{TIME_ZONES.map((z) => <option key={z} value={z} />)}</datalist>
        {s.triggers.map((t, i) => (
          <div key={i} className="trigger">
            <TriggerFields trigger={t} index={i} models={models} onChange={(x) => setTrigger(i, x)} />
            <button type="button" className="link danger" onClick={() => onChange({ ...s, triggers: s.triggers.filter((_, j) => j !== i) })}>
              Remove
            </button>
            <FieldMessages errors={errorsAt(errors, `/triggers/${i}`)} />
          </div>
        ))}
        {!creating && s.triggers.some((t) => t.type === 'http' && t.requireKey) && <HookKeyPanel sequence={s.name} />}
        <div className="row-actions">
          <button type="button" onClick={() => onChange({ ...s, triggers: [...s.triggers, { type: 'http', method: 'POST', path: `/${s.name || 'hook'}` }] })}>+ HTTP</button>
          <button type="button" onClick={() => onChange({ ...s, triggers: [...s.triggers, { type: 'schedule', cron: '0 * * * *' }] })}>+ Schedule</button>
          <button type="button" disabled={models.length === 0}
            onClick={() => onChange({ ...s, triggers: [...s.triggers, { type: 'instance', model: models[0] ?? '', events: ['created'] }] })}>+ Instance event</button>
        </div>
      </fieldset>
      <fieldset>
        <legend>Run settings</legend>
        <div className="field inline-field">
          <label htmlFor="seq-record">Record</label>
          <select id="seq-record" value={settings.record}
            onChange={(e) => onChange({ ...s, settings: { ...settings, record: e.target.value as 'summary' } })}>
            <option>summary</option><option>failures</option><option>none</option>
          </select>
        </div>
        <div className="field inline-field">
          <label htmlFor="seq-timeout">Timeout (ms)</label>
          <input id="seq-timeout" type="number" min={1} value={settings.timeoutMs}
            onChange={(e) => onChange({ ...s, settings: { ...settings, timeoutMs: Number(e.target.value) } })} />
        </div>
        <FieldMessages errors={errorsAt(errors, '/settings')} />
      </fieldset>
    </form>
  );
}

function TriggerFields({ trigger: t, index, models, onChange }: { trigger: Trigger; index: number; models: string[]; onChange: (t: Trigger) => void }) {
  const n = index + 1;
  switch (t.type) {
    case 'http':
      return (
        <span className="inline-fields">
          <span className="badge">HTTP</span>
          <select aria-label={`Trigger ${n} method`} value={t.method} onChange={(e) => onChange({ ...t, method: e.target.value })}>
            {METHODS.map((m) => <option key={m}>{m}</option>)}
          </select>
          <span className="muted">/hooks</span>
          <input aria-label={`Trigger ${n} path`} value={t.path} onChange={(e) => onChange({ ...t, path: e.target.value })} />
          <label className="inline small">
            <input type="checkbox" checked={t.requireKey ?? false}
              onChange={(e) => onChange({ ...t, requireKey: e.target.checked ? true : undefined })} />
            callers need the hook key
          </label>
          <span className="muted small">browser pages allowed to call it (CORS):</span>
          <input aria-label={`Trigger ${n} allowed origins`} placeholder="none; e.g. https://shop.example.org, or *"
            className="wide" value={(t.allowOrigins ?? []).join(', ')}
            onChange={(e) => onChange({ ...t, allowOrigins: e.target.value.trim() === '' ? undefined : e.target.value.split(',').map((o) => o.trim()) })} />
        </span>
      );
    case 'schedule':
      return (
        <span className="inline-fields">
          <span className="badge">cron</span>
          <input aria-label={`Trigger ${n} cron`} value={t.cron} onChange={(e) => onChange({ ...t, cron: e.target.value })} />
          <span className="muted">in</span>
          <input aria-label={`Trigger ${n} time zone`} placeholder="UTC" list="time-zones" value={t.zone ?? ''}
            onChange={(e) => onChange({ ...t, zone: e.target.value.trim() === '' ? undefined : e.target.value })} />
        </span>
      );
    case 'instance':
      return (
        <span className="inline-fields">
          <span className="badge">instance</span>
          <select aria-label={`Trigger ${n} model`} value={t.model} onChange={(e) => onChange({ ...t, model: e.target.value })}>
            {models.map((m) => <option key={m}>{m}</option>)}
          </select>
          {EVENTS.map((ev) => (
            <label key={ev} className="inline small">
              <input type="checkbox" checked={t.events.includes(ev)}
                onChange={(e) => onChange({ ...t, events: e.target.checked ? [...t.events, ev] : t.events.filter((x) => x !== ev) })} />
              {ev}
            </label>
          ))}
        </span>
      );
  }
}
