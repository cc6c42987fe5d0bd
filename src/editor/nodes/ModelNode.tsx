// The one node component for every kind: it reads its spec from the registry and its
// document node and errors from the store (by id), so node data carries no callbacks.
import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { getSpec } from '../../nodes/registry';
import { useNodeErrors } from '../../store/analysis';
import { useDocNode } from '../../store/nodeIndex';
import type { ModelFlowNode } from '../../store/flowView';
import { PortHandle } from './PortHandle';
import { nodeTitle, paramSummary } from './paramSummary';
import { nodeShapesOf } from './nodeShapes';
import { NodeFormula } from '../math/NodeFormula';
import { useNodeWarnings } from './nodeWarnings';
import { useNodeExportProblem } from '../../store/exportProblem';
import { useGraphStore } from '../../store';
import { blockDefOf, portsOf } from '../../graph/blocks/ports';
import { instancesOf } from '../blocks/blockInfo';

function ModelNodeView({ id, selected, isConnectable }: NodeProps<ModelFlowNode>) {
  const node = useDocNode(id);
  const errors = useNodeErrors(id);
  const warnings = useNodeWarnings(id);
  const exportProblem = useNodeExportProblem(id);
  // Ports are the spec's, or for a block instance its definition's boundary (stable objects).
  const blocks = useGraphStore((s) => s.doc.blocks);
  const shapes = useGraphStore((s) => nodeShapesOf(s, id));
  if (!node) return null;
  const spec = getSpec(node.kind);
  const ports = portsOf(blocks, node);
  const def = spec?.block ? blockDefOf(blocks, node) : undefined;
  const kindTitle = def ? 'Block' : spec?.title;
  const title = def ? node.label?.trim() || def.title || 'Block' : nodeTitle(spec, node.label, node.params, node.kind);
  const summary = spec ? paramSummary(spec, node.params, shapes) : '';
  const classes = ['model-node', `family-${spec?.family ?? 'unknown'}`, errors.length ? 'has-errors' : '', selected ? 'is-selected' : ''];
  return (
    <div className={classes.join(' ')} data-testid={`node-${id}`}>
      <header className="model-node-header" title={spec ? `${kindTitle}: ${spec.doc}` : undefined}>
        <span className="model-node-title">{title}</span>
        {kindTitle && title !== kindTitle ? <span className="model-node-kind">{kindTitle}</span> : null}
      </header>
      {spec && !spec.block ? <NodeFormula nodeId={id} kind={node.kind} /> : null}
      <div className="model-node-ports">
        <div className="ports-in">{ports.inputs.map((p) => <PortHandle key={p.name} port={p} side="in" connectable={isConnectable} />)}</div>
        <div className="ports-out">{ports.outputs.map((p) => <PortHandle key={p.name} port={p} side="out" connectable={isConnectable} />)}</div>
      </div>
      {def ? <BlockSummary defId={spec!.block!.definition(node.params)!} nodeCount={def.nodes.length} /> : null}
      {summary || (spec && spec.fields.length + (spec.dataSource ? 1 : 0) > 0) ? (
        <div className="model-node-params" data-testid="node-summary">{summary}</div>
      ) : null}
      <NodeMessages kind="errors" messages={errors} />
      <NodeMessages kind="warnings" messages={exportProblem ? [...warnings, exportProblem] : warnings} />
    </div>
  );
}

/** What a block holds, and how many instances share its definition (an edit inside changes them all). */
function BlockSummary({ defId, nodeCount }: { defId: string; nodeCount: number }) {
  const instances = useGraphStore((s) => instancesOf(s.doc, defId));
  return (
    <div className="model-node-params" data-testid="block-summary">
      {nodeCount} {nodeCount === 1 ? 'node' : 'nodes'} · {instances} {instances === 1 ? 'instance' : 'instances'} · double-click to open
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
