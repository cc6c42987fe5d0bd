// Connections go through checkConnection twice: while dragging (isValidConnection, which
// only colours the target handle) and on connect. A drop on a refused handle says why.
// An input that already has an edge takes the new one in its place (the store's rewire),
// so the rules are asked as if that input were free. A drop on empty space opens the
// node search, filtered to kinds that fit the port the drag started from.
import { useCallback } from 'react';
import type { Connection, Edge, FinalConnectionState, IsValidConnection } from '@xyflow/react';
import type { Connection as PortConnection } from '../../compiler/connection';
import { checkRewire } from '../../store/rewire';
import { openSearch } from '../search/searchState';
import { viewOf } from '../../store/blockView';
import { useGraphStore } from '../../store';
import type { ShapeFlowEdge } from '../../store/flowView';

/** The verdict in the open view (block ports included; inside a block, its boundary). */
function verdict(c: PortConnection) {
  const v = viewOf(useGraphStore.getState());
  return checkRewire(v.doc, c, v.def).verdict;
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
    const verdict = useGraphStore.getState().rewire(ports);
    if (!verdict.ok) useGraphStore.getState().showStatus(verdict.reason, 'error');
  }, []);

  const onConnectEnd = useCallback((e: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    const reason = refusalReason(state);
    if (reason) return useGraphStore.getState().showStatus(reason, 'error');
    const from = state.fromHandle;
    if (state.isValid || state.toNode || !from?.id) return;
    const at = 'changedTouches' in e ? e.changedTouches[0] : e;
    if (!at) return;
    openSearch({ x: at.clientX, y: at.clientY }, { nodeId: from.nodeId, port: from.id, side: from.type === 'source' ? 'output' : 'input' });
  }, []);

  return { isValidConnection, onConnect, onConnectEnd };
}
