// The path of an edge that shares its output port with others: it leaves the port, steps
// aside by its fan offset, and curves on to its target from there, so edges that would
// lie on top of each other near the port can each be seen and clicked.
import { getBezierPath, type Position } from '@xyflow/react';

/** Sideways spread between neighbouring edges of one port, and how far out they part. */
export const FAN_SPREAD = 12;
const FAN_REACH = 28;

export interface EdgeEnds {
  sourceX: number;
  sourceY: number;
  targetX: number;
  targetY: number;
  sourcePosition: Position;
  targetPosition: Position;
}

export function fanPath(ends: EdgeEnds, fan: number): [path: string, labelX: number, labelY: number] {
  if (fan === 0) {
    const [path, labelX, labelY] = getBezierPath(ends);
    return [path, labelX, labelY];
  }
  const ax = ends.sourceX + FAN_REACH;
  const ay = ends.sourceY + fan * FAN_SPREAD;
  const [rest, labelX, labelY] = getBezierPath({ ...ends, sourceX: ax, sourceY: ay });
  // `rest` starts with "M ax,ay": the step from the port joins it with a line.
  return [`M${ends.sourceX},${ends.sourceY} L${rest.slice(1)}`, labelX, labelY];
}
