import { useState, type FormEvent, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, type FieldError } from '../../../api/client';
import { keys } from '../../../api/hooks';
import type { Model } from '../../../api/types';
import { useAuth } from '../../../auth/AuthContext';
import { ErrorBox, errorsAt, FieldMessages } from '../../../components/Status';
import { SensitivityBadge } from '../../models/SensitivityBadge';
import { utcInstant, type PurgeRequest, type Strategy } from './purgeApi';

type Kind = 'subject' | 'value' | 'versions' | 'traces' | 'executions' | 'logs' | 'backups';
type Selector = 'where' | 'ids' | 'all';
type Op = 'eq' | 'in' | 'gt' | 'gte' | 'lt' | 'lte' | 'regex';
interface Condition { attribute: string; op: Op; value: string }

const KINDS: { kind: Kind; label: string; help: string }[] = [
  { kind: 'subject', label: 'A data subject', help: 'instances of a model, chosen by id, by a filter or all; a strategy per attribute' },
  { kind: 'value', label: 'A value everywhere', help: 'every occurrence of a value, or of several (any case), in every store' },
  { kind: 'versions', label: 'Old versions', help: 'saved versions of a model, sequence or connector' },
  { kind: 'traces', label: 'Debug traces', help: 'traces of a sequence (or all) in a time range' },
  { kind: 'executions', label: 'Execution records', help: 'run records of a sequence (or all) in a time range' },
  { kind: 'logs', label: 'Log lines', help: 'log lines in a time range, optionally filtered' },
  { kind: 'backups', label: 'Backup archives', help: 'whole backup archives taken in a time range (the plan lists them)' },
];
const STRATEGIES: { value: Strategy | ''; label: string }[] = [
  { value: '', label: 'keep' }, { value: 'mask', label: 'mask' }, { value: 'hmac', label: 'keyed hash (hmac)' },
  { value: 'random', label: 'random value' }, { value: 'null', label: 'set to null' }, { value: 'delete', label: 'delete the whole instance' },
];
const OPS: Op[] = ['eq', 'in', 'gt', 'gte', 'lt', 'lte', 'regex'];

/** A typed value from a filter field: JSON when it parses (numbers, true, "quoted"), else the text itself. */
function typed(text: string): unknown {
  try { return JSON.parse(text); } catch { return text; }
}

/** File a purge request: pick the scope type, then build it; the request opens as a draft to plan. */
export function NewPurgePage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { has } = useAuth();
  // Only designers may list models; an admin without that role types the model and its attributes.
  const models = useQuery({ queryKey: keys.models, queryFn: () => api<Model[]>('/api/models'), enabled: has('designer') });
  // a value handed over by another page (the Users page, for a former staff member's username): not in the URL
  const handed = (useLocation().state as { value?: string } | null)?.value;
  const [kind, setKind] = useState<Kind>(handed ? 'value' : 'subject');
  // subject
  const [model, setModel] = useState('');
  const [selector, setSelector] = useState<Selector>('where');
  const [ids, setIds] = useState('');
  const [conditions, setConditions] = useState<Condition[]>([{ attribute: '', op: 'eq', value: '' }]);
  const [strategies, setStrategies] = useState<Record<string, Strategy | ''>>({});
  const [typedAttributes, setTypedAttributes] = useState('');
  const [everywhere, setEverywhere] = useState(true);
  // value
  const [value, setValue] = useState(handed ?? '');
  // versions
  const [versionKind, setVersionKind] = useState('sequence');
  const [name, setName] = useState('');
  const [keepLast, setKeepLast] = useState('');
  const [olderThan, setOlderThan] = useState('');
  const [containing, setContaining] = useState('');
  // traces and logs
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [logs, setLogs] = useState({ match: '', regex: '', level: '', logger: '', correlationId: '' });

  const knownModel = models.data?.find((m) => m.name === model);
  const attributeNames = knownModel
    ? knownModel.attributes.map((a) => a.name)
    : typedAttributes.split(',').map((s) => s.trim()).filter(Boolean);
  // 'delete' takes the whole instance, so it stands alone (the server refuses it beside another strategy).
  const deletesWhole = attributeNames.some((a) => strategies[a] === 'delete');
  // Values are forgotten everywhere only for personal or sensitive attributes (the server refuses the flag otherwise).
  const personalChosen = !knownModel || knownModel.attributes.some((a) => strategies[a.name] && a.sensitivity && a.sensitivity !== 'none');
  const choose = (attribute: string, strategy: Strategy | '') =>
    setStrategies(strategy === 'delete' ? { [attribute]: strategy } : { ...strategies, [attribute]: strategy });

  function scope(): Record<string, unknown> {
    const s: Record<string, unknown> = { type: kind };
    const put = (k: string, v: unknown) => { if (v !== undefined && v !== '') s[k] = v; };
    switch (kind) {
      case 'subject': {
        s.model = model;
        if (selector === 'all') s.all = true;
        if (selector === 'ids') s.ids = ids.split(/[\s,]+/).filter(Boolean);
        if (selector === 'where') {
          const where: Record<string, Record<string, unknown>> = {};
          for (const c of conditions.filter((c) => c.attribute)) {
            const v = c.op === 'in' ? c.value.split(',').map((x) => typed(x.trim())) : c.op === 'regex' ? c.value : typed(c.value);
            where[c.attribute] = { ...(where[c.attribute] ?? {}), [c.op]: v };
          }
          s.where = where;
        }
        const attributes: Record<string, Strategy> = {};
        for (const a of attributeNames) {
          const st = strategies[a];
          if (st) attributes[a] = st; // 'null' is the strategy's name: the server refuses a JSON null
        }
        s.attributes = attributes;
        if (everywhere && personalChosen) s.everywhere = true;
        break;
      }
      case 'value': {
        // one value, or several purged together (a person's address, name and phone number in one request)
        const lines = value.split('\n').map((v) => v.trim()).filter(Boolean);
        if (lines.length > 1) s.values = lines; else s.value = lines[0] ?? '';
        break;
      }
      case 'versions':
        put('kind', versionKind); put('name', versionKind ? name.trim() : undefined); put('containing', containing.trim());
        put('keepLast', keepLast ? Number(keepLast) : undefined); put('olderThan', utcInstant(olderThan));
        break;
      case 'traces':
      case 'executions': put('sequence', name.trim()); put('from', utcInstant(from)); put('to', utcInstant(to)); break;
      case 'backups': put('from', utcInstant(from)); put('to', utcInstant(to)); break;
      case 'logs':
        put('from', utcInstant(from)); put('to', utcInstant(to));
        for (const [k, v] of Object.entries(logs)) put(k, v.trim());
        break;
    }
    return s;
  }

  const file = useMutation({
    mutationFn: () => api<PurgeRequest>('/api/purge-requests', { body: { scope: scope() } }),
    onSuccess: (r) => { void queryClient.invalidateQueries({ queryKey: ['purge-requests'] }); navigate(`/purge/${r.id}`); },
  });
  const errors = file.error instanceof ApiError ? file.error.fieldErrors : [];
  const at = (p: string) => errorsAt(errors, `/scope${p}`);
  const submit = (e: FormEvent) => { e.preventDefault(); file.mutate(); };
  const timeRange = (
    <div className="form-grid">
      <Field label="From (UTC)" errors={at('/from')}><input type="datetime-local" step={1} value={from} onChange={(e) => setFrom(e.target.value)} /></Field>
      <Field label="To (UTC)" errors={at('/to')}><input type="datetime-local" step={1} value={to} onChange={(e) => setTo(e.target.value)} /></Field>
    </div>
  );

  return (
    <section>
      <h1>New purge request</h1>
      <form className="card" onSubmit={submit} aria-label="New purge request">
        <fieldset>
          <legend>What to forget</legend>
          {KINDS.filter((k) => has('admin') || k.kind === 'logs').map((k) => (
            <label key={k.kind} className="inline" title={k.help}>
              <input type="radio" name="kind" checked={kind === k.kind} onChange={() => setKind(k.kind)} />{k.label}
            </label>
          ))}
          <p className="muted small">{KINDS.find((k) => k.kind === kind)?.help}</p>
        </fieldset>

        {kind === 'subject' && (
          <>
            <div className="form-grid">
              <Field label="Model" errors={at('/model')}>
                {models.data
                  ? <select value={model} onChange={(e) => { setModel(e.target.value); setStrategies({}); }} required>
                      <option value="">(choose a model)</option>
                      {models.data.map((m) => <option key={m.name}>{m.name}</option>)}
                    </select>
                  : <input value={model} onChange={(e) => setModel(e.target.value)} required />}
              </Field>
              {!models.data && (
                <Field label="Attributes (comma-separated)" errors={[]}>
                  <input value={typedAttributes} onChange={(e) => setTypedAttributes(e.target.value)} />
                </Field>
              )}
            </div>
            <fieldset>
              <legend>Which instances</legend>
              {(['where', 'ids', 'all'] as Selector[]).map((s) => (
                <label key={s} className="inline">
                  <input type="radio" name="selector" checked={selector === s}
                    onChange={() => { setSelector(s); if (s === 'all') setEverywhere(false); }} />
                  {s === 'where' ? 'matching a filter' : s === 'ids' ? 'by id' : 'all of them'}
                </label>
              ))}
              {selector === 'ids' && (
                <Field label="Instance ids (one per line or comma-separated)" errors={at('/ids')}>
                  <textarea rows={3} value={ids} onChange={(e) => setIds(e.target.value)} />
                </Field>
              )}
              {selector === 'where' && (
                <div className="conditions">
                  {conditions.map((c, i) => {
                    const set = (patch: Partial<Condition>) => setConditions(conditions.map((x, j) => (j === i ? { ...x, ...patch } : x)));
                    return (
                      <div key={i} className="inline-fields">
                        {attributeNames.length > 0
                          ? <select aria-label={`Condition ${i + 1} attribute`} value={c.attribute} onChange={(e) => set({ attribute: e.target.value })}>
                              <option value="">(attribute)</option>
                              {attributeNames.map((a) => <option key={a}>{a}</option>)}
                            </select>
                          : <input aria-label={`Condition ${i + 1} attribute`} value={c.attribute} onChange={(e) => set({ attribute: e.target.value })} />}
                        <select aria-label={`Condition ${i + 1} operator`} value={c.op} onChange={(e) => set({ op: e.target.value as Op })}>
                          {OPS.map((o) => <option key={o}>{o}</option>)}
                        </select>
                        <input aria-label={`Condition ${i + 1} value`} value={c.value} placeholder={c.op === 'in' ? 'a, b, c' : 'value'}
                          onChange={(e) => set({ value: e.target.value })} />
                        <button type="button" className="link danger" aria-label={`Remove condition ${i + 1}`}
                          onClick={() => setConditions(conditions.filter((_, j) => j !== i))}>Remove</button>
                      </div>
                    );
                  })}
                  <button type="button" onClick={() => setConditions([...conditions, { attribute: '', op: 'eq', value: '' }])}>Add condition</button>
                  <FieldMessages errors={at('/where')} />
                </div>
              )}
              {selector === 'all' && <p className="notice">Every instance of <strong>{model || 'the model'}</strong>, active or deactivated.</p>}
              <FieldMessages errors={at('/all')} />
            </fieldset>
            <fieldset>
              <legend>What happens to each attribute</legend>
              {attributeNames.length === 0 && <p className="muted small">Choose a model to list its attributes.</p>}
              {attributeNames.length > 0 && (
                <table className="grid strategies">
                  <thead><tr><th>Attribute</th><th>Sensitivity</th><th>Strategy</th></tr></thead>
                  <tbody>
                    {attributeNames.map((a) => {
                      const attr = knownModel?.attributes.find((x) => x.name === a);
                      return (
                        <tr key={a}>
                          <td>{a}</td>
                          <td>{attr?.sensitivity && attr.sensitivity !== 'none' ? <SensitivityBadge value={attr.sensitivity} /> : <span className="muted small">none</span>}</td>
                          <td>
                            <select aria-label={`Strategy for ${a}`} value={strategies[a] ?? ''}
                              disabled={deletesWhole && strategies[a] !== 'delete'}
                              onChange={(e) => choose(a, e.target.value as Strategy | '')}>
                              {STRATEGIES.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
                            </select>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              )}
              {deletesWhole && <p className="notice">Each selected instance is deleted whole, every attribute with it: the other strategies do not apply.</p>}
              <FieldMessages errors={at('/attributes')} />
              <label className="inline">
                <input type="checkbox" checked={everywhere && personalChosen} disabled={!personalChosen}
                  onChange={(e) => setEverywhere(e.target.checked)} />
                Also forget their personal values everywhere else: other instances, execution records, debug traces, logs,
                versions and designs, backups
              </label>
              <p className="muted small">
                {personalChosen
                  ? 'The values the purged personal or sensitive attributes hold (texts of 3 characters or more, inside lists and objects too, and whole numbers of 6 digits or more) are found when the purge is planned and runs, and removed wherever they occur, as a value purge would. At most 200 values at once.'
                  : 'None of the purged attributes is personal or sensitive: there is no value to forget elsewhere.'}
              </p>
              <FieldMessages errors={at('/everywhere')} />
            </fieldset>
          </>
        )}

        {kind === 'value' && (
          <Field label="Values, one per line (each matched in any case, wherever it occurs as a whole token)"
            errors={[...at('/value'), ...at('/values')]}>
            <textarea rows={3} value={value} onChange={(e) => setValue(e.target.value)} required autoComplete="off" />
          </Field>
        )}

        {kind === 'versions' && (
          <div className="form-grid">
            <Field label="Of a" errors={at('/kind')}>
              <select value={versionKind} onChange={(e) => setVersionKind(e.target.value)}>
                <option>sequence</option><option>model</option><option>connector</option>
                <option value="">any kind (with a value below)</option>
              </select>
            </Field>
            <Field label="Name" errors={at('/name')}>
              <input value={versionKind ? name : ''} onChange={(e) => setName(e.target.value)} disabled={!versionKind}
                required={!!versionKind && !containing.trim()} placeholder={!versionKind || containing.trim() ? 'any' : undefined} />
            </Field>
            <Field label="Holding the value (whole token, any case)" errors={at('/containing')}>
              <input value={containing} onChange={(e) => setContaining(e.target.value)} autoComplete="off" required={!versionKind} />
            </Field>
            <Field label="Keep the newest" errors={at('/keepLast')}><input type="number" min={1} value={keepLast} onChange={(e) => setKeepLast(e.target.value)} /></Field>
            <Field label="Saved before (UTC)" errors={at('/olderThan')}><input type="datetime-local" step={1} value={olderThan} onChange={(e) => setOlderThan(e.target.value)} /></Field>
          </div>
        )}

        {(kind === 'traces' || kind === 'executions') && (
          <>
            <Field label="Sequence (empty: every sequence)" errors={at('/sequence')}><input value={name} onChange={(e) => setName(e.target.value)} /></Field>
            {timeRange}
            {!name.trim() && !from && !to && (
              <p className="notice" role="status">
                Nothing narrows it: every {kind === 'traces' ? 'debug trace' : 'execution record'} of every sequence,
                of any time, is purged.
              </p>
            )}
          </>
        )}

        {kind === 'backups' && timeRange}

        {kind === 'logs' && (
          <>
            {timeRange}
            <div className="form-grid">
              {(['match', 'regex', 'level', 'logger', 'correlationId'] as const).map((k) => (
                <Field key={k} label={{ match: 'Value (any case)', regex: 'Regular expression', level: 'Level', logger: 'Logger', correlationId: 'Correlation id' }[k]} errors={at(`/${k}`)}>
                  <input value={logs[k]} onChange={(e) => setLogs({ ...logs, [k]: e.target.value })} />
                </Field>
              ))}
            </div>
          </>
        )}

        <FieldMessages errors={errors.filter((e) => e.pointer === '/scope')} />
        <ErrorBox error={file.error} title="Not filed" />
        <button type="submit" className="primary" disabled={file.isPending}>File request</button>
      </form>
    </section>
  );
}

function Field({ label, errors, children }: { label: string; errors: FieldError[]; children: ReactNode }) {
  return <label>{label}{children}<FieldMessages errors={errors} /></label>;
}
