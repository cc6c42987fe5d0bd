// The React Flow canvas. Nodes and edges are derived from the store's document (and, while
// a node is dragged, the drag preview); every change goes back through store actions.
import { useMemo, useRef } from 'react';
import { Background, Controls, MiniMap, ReactFlow, type OnDelete } from '@xyflow/react';
import { useGraphStore } from '../../store';
import { applyEdgeChanges, applyNodeChanges, commitDrag } from '../../store/flowChanges';
import { useDragPreview } from '../../store/dragPreview';
import { createEdgeDeriver, createNodeDeriver, withDragPreview, type ModelFlowNode, type ShapeFlowEdge } from '../../store/flowView';
import { getSpec } from '../../nodes/registry';
import { viewDoc } from '../../store/blockView';
import { isBlockNode } from '../../graph/blocks/ports';
import { BlockBreadcrumb } from '../blocks/BlockBreadcrumb';
import { edgeTypes, nodeTypes } from './flowTypes';
import { useConnectionRules } from './useConnectionRules';
import { useCanvasDrop } from './useCanvasDrop';
import { FIT_OPTIONS, WHOLE_OPTIONS, useFitOnOpen } from './useFitOnOpen';
import { NodeSearch } from '../search/NodeSearch';
import { useSearchTriggers } from '../search/useSearchTriggers';
import './canvasPerf.css';

const onDelete: OnDelete<ModelFlowNode, ShapeFlowEdge> = ({ nodes, edges }) => {
  useGraphStore.getState().deleteElements(
    nodes.map((n) => n.id),
    edges.map((e) => e.id),
  );
};

const FAMILY_COLOURS: Record<string, string> = {
  data: '#5b8def',
  distribution: '#9b6bd6',
  linear: '#2ea88f',
  network: '#d68b2e',
  sampler: '#d65f8f',
  loss: '#c94a4a',
};
const miniMapColour = (n: ModelFlowNode) => FAMILY_COLOURS[getSpec(n.data.kind)?.family ?? ''] ?? '#999';

const onDragStop = () => commitDrag();

/** Double-click on a block opens it (its definition is then what the canvas shows). */
const onNodeDoubleClick = (_e: React.MouseEvent, n: ModelFlowNode) => {
  const s = useGraphStore.getState();
  const node = viewDoc(s).nodes.find((m) => m.id === n.id);
  if (node && isBlockNode(node)) s.openBlock(n.id);
};

const MINIMAP_SIZE = { width: 150, height: 100 };
const DELETE_KEYS = ['Delete', 'Backspace'];

/** `frameWhole`: every graph opens framed whole (the presentation, the embed view), not at reading zoom or its saved view. */
export function Canvas({ frameWhole = false }: { frameWhole?: boolean } = {}) {
  // The open view: the top graph, or the definition of the block opened last.
  const doc = useGraphStore(viewDoc);
  const docNodes = doc.nodes;
  const selectedNodeIds = useGraphStore((s) => s.selectedNodeIds);
  const selectedEdgeIds = useGraphStore((s) => s.selectedEdgeIds);
  const measured = useGraphStore((s) => s.measured);
  const preview = useDragPreview((s) => s.positions);
  const deriveNodes = useRef(createNodeDeriver()).current;
  const deriveEdges = useRef(createEdgeDeriver()).current;
  const docFlowNodes = useMemo(() => deriveNodes(docNodes, selectedNodeIds, measured), [deriveNodes, docNodes, selectedNodeIds, measured]);
  const nodes = useMemo(() => withDragPreview(docFlowNodes, preview), [docFlowNodes, preview]);
  const edges = useMemo(() => deriveEdges(doc, selectedEdgeIds), [deriveEdges, doc, selectedEdgeIds]);
  const { isValidConnection, onConnect, onConnectEnd } = useConnectionRules();
  const { onDragOver, onDrop } = useCanvasDrop();
  useFitOnOpen(frameWhole);
  const canvasRef = useRef<HTMLDivElement>(null);
  const searchTriggers = useSearchTriggers(canvasRef);
  // View only (src/store/lockSlice.ts): the store refuses every edit; the canvas does not offer them.
  const viewOnly = useGraphStore((s) => s.viewOnly);

  return (
    <div ref={canvasRef} className="canvas" data-view-only={viewOnly || undefined} onDragOver={onDragOver} onDrop={onDrop} {...searchTriggers}>
      <BlockBreadcrumb />
      <ReactFlow<ModelFlowNode, ShapeFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={applyNodeChanges}
        onEdgesChange={applyEdgeChanges}
        onDelete={onDelete}
        onNodeDragStop={onDragStop}
        onSelectionDragStop={onDragStop}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        onNodeDoubleClick={onNodeDoubleClick}
        zoomOnDoubleClick={false}
        isValidConnection={isValidConnection}
        deleteKeyCode={viewOnly ? null : DELETE_KEYS}
        nodesDraggable={!viewOnly}
        nodesConnectable={!viewOnly}
        edgesReconnectable={!viewOnly}
        fitView
        fitViewOptions={frameWhole ? WHOLE_OPTIONS : FIT_OPTIONS}
        minZoom={0.2}
        maxZoom={2}
      >
        <Background gap={20} />
        <MiniMap<ModelFlowNode> nodeColor={miniMapColour} pannable zoomable style={MINIMAP_SIZE} />
        <Controls />
      </ReactFlow>
      <NodeSearch />
    </div>
  );
}
