// An edge drawn in its port kind's colour, labelled with the shape inferred for it. Edges
// leaving one output fan out (fanPath.ts); a selected edge has a halo under it, so it is
// plain which one Delete removes.
import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, type EdgeProps } from '@xyflow/react';
import { formatShape } from '../../nodes/types';
import { useEdgeShape } from '../../store/analysis';
import type { ShapeFlowEdge } from '../../store/flowView';
import { fanPath } from './fanPath';
import './edges.css';

/** Fanned edges lie close together: a narrower hit area keeps each clickable on its own. */
const HIT_WIDTH = { single: 20, fanned: 10 };

function ShapeEdgeView(props: EdgeProps<ShapeFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected, data, markerEnd } = props;
  const shape = useEdgeShape(id);
  const fan = data?.fan ?? 0;
  const [path, labelX, labelY] = fanPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition }, fan);
  const kind = data?.portKind ?? 'unknown';
  return (
    <>
      {selected ? <path d={path} className="edge-selection-halo" data-testid="edge-selection-halo" /> : null}
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        interactionWidth={fan === 0 ? HIT_WIDTH.single : HIT_WIDTH.fanned}
        className={`edge-${kind}${selected ? ' is-selected' : ''}`}
      />
      {shape ? (
        <EdgeLabelRenderer>
          <div
            className={`edge-shape edge-shape-${kind}${selected ? ' is-selected' : ''}`}
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
