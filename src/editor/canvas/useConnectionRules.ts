// Connections go through checkConnection twice: while dragging (isValidConnection, which
// only colours the target handle) and on connect. A drop on a refused handle says why.
import { useCallback } from 'react';
import type { Connection, Edge, FinalConnectionState, IsValidConnection } from '@xyflow/react';
import type { Connection as PortConnection } from '../../compiler/connection';
import { checkViewConnection } from '../../store/blockConnection';
import { viewOf } from '../../store/blockView';
import { useGraphStore } from '../../store';
import type { ShapeFlowEdge } from '../../store/flowView';

/** The verdict in the open view (block ports included; inside a block, its boundary). */
function verdict(c: PortConnection) {
  const v = viewOf(useGraphStore.getState());
  return checkViewConnection(v.doc, c, v.def);
}

function toPorts(c: Connection | Edge): PortConnection | undefined {
  if (!c.sourceHandle || !c.targetHandle) return undefined;
  return { source: c.source, sourcePort: c.sourceHandle, target: c.target, targetPort: c.targetHandle };
}

/** The sentence for a drop that was refused, or undefined when nothing was attempted. */
function refusalReason(state: FinalConnectionState): string | undefined {
  const { fromHandle: from, toHandle: to } = state;
  if (state.isValid || !from || !to || !from.id || !to.id) return undefined;
  if (from.type === to.type) return 'Connect an output (right side) to an input (left side).';
  const [src, dst] = from.type === 'source' ? [from, to] : [to, from];
  const v = verdict({ source: src.nodeId, sourcePort: src.id!, target: dst.nodeId, targetPort: dst.id! });
  return v.ok ? undefined : v.reason;
}

export function useConnectionRules() {
  const isValidConnection: IsValidConnection<ShapeFlowEdge> = useCallback((c) => {
    const ports = toPorts(c);
    return !!ports && verdict(ports).ok;
  }, []);

  const onConnect = useCallback((c: Connection) => {
    const ports = toPorts(c);
    if (!ports) return;
    const verdict = useGraphStore.getState().connect(ports);
    if (!verdict.ok) useGraphStore.getState().showStatus(verdict.reason, 'error');
  }, []);

  const onConnectEnd = useCallback((_e: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    const reason = refusalReason(state);
    if (reason) useGraphStore.getState().showStatus(reason, 'error');
  }, []);

  return { isValidConnection, onConnect, onConnectEnd };
}
