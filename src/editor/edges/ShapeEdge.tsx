// An edge drawn in its port kind's colour, labelled with the shape inferred for it.
import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { formatShape } from '../../nodes/types';
import { useEdgeShape } from '../../store/analysis';
import type { ShapeFlowEdge } from '../../store/flowView';

function ShapeEdgeView(props: EdgeProps<ShapeFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected, data, markerEnd } = props;
  const shape = useEdgeShape(id);
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const kind = data?.portKind ?? 'unknown';
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={`edge-${kind}${selected ? ' is-selected' : ''}`} />
      {shape ? (
        <EdgeLabelRenderer>
          <div
            className={`edge-shape edge-shape-${kind}`}
            data-testid="edge-shape"
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          >
            {formatShape(shape)}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}

export const ShapeEdge = memo(ShapeEdgeView);
