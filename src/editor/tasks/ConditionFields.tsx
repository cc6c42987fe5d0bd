// The form of one condition in the task editor: its kind, then the fields of that kind, with
// kinds, ports and params offered from the registry and nodes from the graph on the canvas.
import { useEffect, useId, useState } from 'react';
import type { GraphDoc } from '../../graph/document';
import { RUN_METRICS, type ConditionKind, type NodeRef } from '../../tasks/schema';
import { conditionKindOptions, conditionTemplate, kindOptions, nodeChoices, paramFields, portOptions, withField, type DraftCondition } from './taskDrafts';

type Opt = { value: string; label: string };

function Select({ label, value, options, onChange, blank }: { label: string; value: string | undefined; options: Opt[]; onChange: (v: string | undefined) => void; blank?: string }) {
  const known = value === undefined || options.some((o) => o.value === value);
  return (
    <label>
      {label}
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}>
        {blank !== undefined && <option value="">{blank}</option>}
        {!known && <option value={value}>{value} (not in this graph)</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function Text({ label, value, onChange, placeholder }: { label: string; value: unknown; onChange: (v: string | undefined) => void; placeholder?: string }) {
  return (
    <label>
      {label}
      <input type="text" value={typeof value === 'string' ? value : ''} placeholder={placeholder} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)} />
    </label>
  );
}

/** A number field that keeps what is typed; the condition gets the number (or nothing, left empty). */
function NumberField({ label, value, onChange, integer }: { label: string; value: unknown; onChange: (v: number | string | undefined) => void; integer?: boolean }) {
  const shown = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
  const [text, setText] = useState(shown);
  useEffect(() => {
    if (Number(text) !== value || text.trim() === '') setText(shown);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shown]);
  return (
    <label>
      {label}
      <input
        type="text"
        inputMode={integer ? 'numeric' : 'decimal'}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          const t = e.target.value.trim();
          // A text that is no number is kept as text: the schema then says what is wrong.
          onChange(t === '' ? undefined : Number.isFinite(Number(t)) ? Number(t) : t);
        }}
      />
    </label>
  );
}

function NodeRefFields({ legend, value, doc, onChange }: { legend: string; value: NodeRef | undefined; doc: GraphDoc; onChange: (v: NodeRef) => void }) {
  const ref = value ?? {};
  const set = (key: keyof NodeRef, v: string | undefined) => onChange(withField(ref as Record<string, unknown>, key, v) as NodeRef);
  return (
    <fieldset className="task-editor-noderef">
      <legend>{legend}</legend>
      <div className="task-editor-row">
        <Select label="Kind" value={ref.nodeKind} options={kindOptions()} blank="any kind" onChange={(v) => set('nodeKind', v)} />
        <Select label="This node" value={ref.id} options={nodeChoices(doc).map((n) => ({ value: n.id, label: n.label }))} blank="any node" onChange={(v) => set('id', v)} />
        <Text label="Label contains" value={ref.label} placeholder="e.g. q(z|x)" onChange={(v) => set('label', v)} />
      </div>
    </fieldset>
  );
}

/** The kind a node reference points at, for offering its ports and params. */
function kindOf(ref: unknown, doc: GraphDoc): string | undefined {
  const r = (ref ?? {}) as NodeRef;
  if (r.nodeKind) return r.nodeKind;
  if (r.id) return doc.nodes.find((n) => n.id === r.id)?.kind;
  if (r.label) return doc.nodes.find((n) => n.label?.toLowerCase().includes(r.label!.toLowerCase()))?.kind;
  return undefined;
}

function ParamValue({ c, kind, set, patch }: { c: DraftCondition; kind: string | undefined; set: (k: string, v: unknown) => void; patch: (p: Record<string, unknown>) => void }) {
  const field = paramFields(kind).find((f) => f.key === c.param);
  const ranged = c.equals === undefined && (c.min !== undefined || c.max !== undefined);
  const [mode, setMode] = useState<'equals' | 'range'>(ranged ? 'range' : 'equals');
  const switchTo = (m: 'equals' | 'range') => {
    setMode(m);
    patch(m === 'range' ? { equals: undefined } : { min: undefined, max: undefined });
  };
  return (
    <div className="task-editor-row">
      <Select label="Must" value={mode} options={[{ value: 'equals', label: 'equal' }, { value: 'range', label: 'lie in a range' }]} onChange={(v) => switchTo(v === 'range' ? 'range' : 'equals')} />
      {mode === 'range' ? (
        <>
          <NumberField label="At least" value={c.min} onChange={(v) => set('min', v)} />
          <NumberField label="At most" value={c.max} onChange={(v) => set('max', v)} />
        </>
      ) : field?.type === 'select' ? (
        <Select label="Value" value={typeof c.equals === 'string' ? c.equals : undefined} options={field.options} blank="—" onChange={(v) => set('equals', v)} />
      ) : field?.type === 'boolean' ? (
        <Select label="Value" value={c.equals === true ? 'on' : c.equals === false ? 'off' : undefined} options={[{ value: 'on', label: 'on' }, { value: 'off', label: 'off' }]} blank="—" onChange={(v) => set('equals', v === undefined ? undefined : v === 'on')} />
      ) : field?.type === 'number' ? (
        <NumberField label="Value" value={c.equals} integer={field.integer} onChange={(v) => set('equals', v)} />
      ) : (
        <Text label="Value" value={typeof c.equals === 'number' ? String(c.equals) : c.equals} onChange={(v) => set('equals', v !== undefined && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v)} />
      )}
    </div>
  );
}

export function ConditionFields({ condition: c, doc, index, onChange, onRemove }: { condition: DraftCondition; doc: GraphDoc; index: number; onChange: (c: DraftCondition) => void; onRemove: () => void }) {
  const patch = (p: Record<string, unknown>) => onChange(Object.entries(p).reduce((acc, [k, v]) => withField(acc, k, v), c));
  const set = (key: string, value: unknown) => patch({ [key]: value });
  const headingId = useId();
  const metrics: Opt[] = RUN_METRICS.map((m) => ({ value: m, label: m === 'trainLoss' ? 'training loss' : m === 'testLoss' ? 'held-out loss' : 'held-out NLL' }));
  return (
    <div className="task-editor-condition" role="group" aria-labelledby={headingId} data-testid="task-editor-condition">
      <div className="task-editor-row">
        <span id={headingId} className="visually-hidden">
          Condition {index + 1}
        </span>
        <Select label={`Condition ${index + 1}`} value={c.kind} options={conditionKindOptions()} onChange={(v) => v && onChange(conditionTemplate(v as ConditionKind, doc))} />
        <button type="button" className="danger" onClick={onRemove} aria-label={`Remove condition ${index + 1}`}>
          Remove
        </button>
      </div>
      {c.kind === 'nodeExists' && (
        <div className="task-editor-row">
          <Select label="Kind" value={typeof c.nodeKind === 'string' ? c.nodeKind : undefined} options={kindOptions()} onChange={(v) => set('nodeKind', v)} />
          <Text label="Label contains" value={c.label} placeholder="optional" onChange={(v) => set('label', v)} />
          <NumberField label="At least (count)" value={c.min} integer onChange={(v) => set('min', v)} />
        </div>
      )}
      {c.kind === 'edgeExists' && (
        <>
          <NodeRefFields legend="From" value={c.from as NodeRef} doc={doc} onChange={(v) => set('from', v)} />
          <Select label="Output port" value={c.fromPort as string | undefined} options={portOptions(kindOf(c.from, doc), 'outputs')} blank="any output" onChange={(v) => set('fromPort', v)} />
          <NodeRefFields legend="To" value={c.to as NodeRef} doc={doc} onChange={(v) => set('to', v)} />
          <Select label="Input port" value={c.toPort as string | undefined} options={portOptions(kindOf(c.to, doc), 'inputs')} blank="any input" onChange={(v) => set('toPort', v)} />
        </>
      )}
      {c.kind === 'param' && (
        <>
          <NodeRefFields legend="Node" value={c.node as NodeRef} doc={doc} onChange={(v) => set('node', v)} />
          <Select label="Param" value={c.param as string | undefined} options={paramFields(kindOf(c.node, doc)).map((f) => ({ value: f.key, label: f.label }))} blank="—" onChange={(v) => patch({ param: v, equals: undefined, min: undefined, max: undefined })} />
          <ParamValue key={String(c.param)} c={c} kind={kindOf(c.node, doc)} set={set} patch={patch} />
        </>
      )}
      {c.kind === 'runMetric' && (
        <div className="task-editor-row">
          <Select label="Metric of the latest run" value={c.metric as string} options={metrics} onChange={(v) => set('metric', v)} />
          <NumberField label="Below (nats)" value={c.below} onChange={(v) => set('below', v)} />
          <NumberField label="Above (nats)" value={c.above} onChange={(v) => set('above', v)} />
        </div>
      )}
      {c.kind === 'nearExact' && (
        <div className="task-editor-row">
          <NumberField label="Within (nats) of the exact NLL" value={c.within} onChange={(v) => set('within', v)} />
          <Select label="On" value={(c.on as string | undefined) ?? 'test'} options={[{ value: 'test', label: 'the held-out set' }, { value: 'train', label: 'the training set' }]} onChange={(v) => set('on', v === 'test' ? undefined : v)} />
        </div>
      )}
      {c.kind === 'boundOrder' && (
        <div className="task-editor-row">
          <Text label="Tighter estimator (run name)" value={c.tighter} placeholder="IWAE, J=5" onChange={(v) => set('tighter', v)} />
          <Text label="Looser estimator" value={c.looser} placeholder="ELBO" onChange={(v) => set('looser', v)} />
          <Select label="Compare" value={(c.metric as string | undefined) ?? 'testLoss'} options={metrics} onChange={(v) => set('metric', v === 'testLoss' ? undefined : v)} />
        </div>
      )}
      <div className="task-editor-row">
        <Text label="Sentence when met (optional)" value={c.met} onChange={(v) => set('met', v)} />
        <Text label="Sentence when not met yet (optional)" value={c.unmet} onChange={(v) => set('unmet', v)} />
      </div>
    </div>
  );
}
