// The one node component for every kind: it reads its spec from the registry and its
// document node and errors from the store (by id), so node data carries no callbacks.
import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { getSpec } from '../../nodes/registry';
import { useNodeErrors } from '../../store/analysis';
import { useDocNode } from '../../store/nodeIndex';
import type { ModelFlowNode } from '../../store/flowView';
import { PortHandle } from './PortHandle';
import { paramSummary } from './paramSummary';
import { NodeFormula } from '../math/NodeFormula';
import { useNodeWarnings } from './nodeWarnings';

function ModelNodeView({ id, selected }: NodeProps<ModelFlowNode>) {
  const node = useDocNode(id);
  const errors = useNodeErrors(id);
  const warnings = useNodeWarnings(id);
  if (!node) return null;
  const spec = getSpec(node.kind);
  const title = node.label?.trim() || spec?.title || node.kind;
  const classes = ['model-node', `family-${spec?.family ?? 'unknown'}`, errors.length ? 'has-errors' : '', selected ? 'is-selected' : ''];
  return (
    <div className={classes.join(' ')} data-testid={`node-${id}`}>
      <header className="model-node-header" title={spec ? `${spec.title}: ${spec.doc}` : undefined}>
        <span className="model-node-title">{title}</span>
        {spec && title !== spec.title ? <span className="model-node-kind">{spec.title}</span> : null}
      </header>
      {spec ? <NodeFormula nodeId={id} kind={node.kind} /> : null}
      <div className="model-node-ports">
        <div className="ports-in">{spec?.inputs.map((p) => <PortHandle key={p.name} port={p} side="in" />)}</div>
        <div className="ports-out">{spec?.outputs.map((p) => <PortHandle key={p.name} port={p} side="out" />)}</div>
      </div>
      {spec && spec.fields.length + (spec.dataSource ? 1 : 0) > 0 ? (
        <div className="model-node-params">{paramSummary(spec, node.params)}</div>
      ) : null}
      <NodeMessages kind="errors" messages={errors} />
      <NodeMessages kind="warnings" messages={warnings} />
    </div>
  );
}

/** The sentences pinned on a node: its errors (it cannot train) or warnings (it can, but look). */
function NodeMessages({ kind, messages }: { kind: 'errors' | 'warnings'; messages: readonly string[] }) {
  if (!messages.length) return null;
  return (
    <ul className={`model-node-${kind}`} data-testid={`node-${kind}`}>
      {messages.map((m, i) => (
        <li key={i}>{m}</li>
      ))}
    </ul>
  );
}

export const ModelNode = memo(ModelNodeView);
