// Node and edge types, defined once at module scope: a new object on every render would
// make React Flow re-create every node.
import type { EdgeTypes, NodeTypes } from '@xyflow/react';
import { ModelNode } from '../nodes/ModelNode';
import { ShapeEdge } from '../edges/ShapeEdge';

export const nodeTypes: NodeTypes = { model: ModelNode };
export const edgeTypes: EdgeTypes = { shape: ShapeEdge };
