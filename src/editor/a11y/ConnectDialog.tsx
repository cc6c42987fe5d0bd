// Connecting two ports without a pointer: with a node selected (or focused), C or the
// inspector's Connect… opens this dialog. One list holds the node's ports, the other the
// ports elsewhere that the chosen one may connect to (the canvas's own rules); Enter
// connects through the store, as one undo step, and focus goes back where it was.
import { useEffect, useMemo, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { nodeById, nodeName } from '../../graph/queries';
import { useGraphStore } from '../../store';
import { viewOf } from '../../store/blockView';
import { Modal } from '../Modal';
import { inTextField } from '../useShortcuts';
import { choiceKey, portChoices, targetChoices } from './connectOptions';
import { useConnectDialog } from './connectDialogState';
import './a11y.css';

const SIDE_WORDS = { in: 'input', out: 'output' } as const;

/** Another dialog or the node search has the keys. */
const otherDialogOpen = () => document.querySelector('[role="dialog"], .modal-backdrop, .node-search') !== null;

/** The node the key acts on: the focused one on the canvas, else the inspector's. */
function nodeForKey(target: EventTarget | null): string | null {
  const focused = target instanceof HTMLElement ? target.closest('.react-flow__node')?.getAttribute('data-id') : undefined;
  return focused ?? useGraphStore.getState().selectedNodeId;
}

function useConnectKey(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== 'c' || e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
      if (inTextField(e.target) || otherDialogOpen() || useGraphStore.getState().viewOnly) return;
      const id = nodeForKey(e.target);
      if (!id) return;
      e.preventDefault();
      useConnectDialog.getState().open(id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

function ConnectForm({ nodeId, onDone }: { nodeId: string; onDone: () => void }) {
  const doc = useGraphStore((s) => s.doc);
  const blockPath = useGraphStore((s) => s.blockPath);
  const view = useMemo(() => viewOf({ doc, blockPath }), [doc, blockPath]);
  const node = nodeById(view.doc, nodeId);
  const ports = useMemo(() => portChoices(view.doc, nodeId), [view.doc, nodeId]);
  const fits = useMemo(() => new Map(ports.map((p) => [choiceKey(p), targetChoices(view.doc, nodeId, p, view.def)])), [ports, view.doc, view.def, nodeId]);
  const [portKey, setPortKey] = useState(() => {
    const first = ports.find((p) => fits.get(choiceKey(p))?.length);
    return first ? choiceKey(first) : '';
  });
  const chosen = ports.find((p) => choiceKey(p) === portKey) ?? ports[0];
  const targets = (chosen && fits.get(choiceKey(chosen))) ?? [];
  const [targetIndex, setTargetIndex] = useState(0);
  const target = targets[Math.min(targetIndex, targets.length - 1)];

  if (!node) return <p className="connect-hint">That node no longer exists.</p>;
  const connect = () => {
    if (!target) return;
    const s = useGraphStore.getState();
    const verdict = s.connect(target.connection);
    if (!verdict.ok) return s.showStatus(verdict.reason, 'error');
    const c = target.connection;
    s.showStatus(`Connected ${c.source}.${c.sourcePort} → ${c.target}.${c.targetPort}.`);
    onDone();
  };
  const onKeyDown = (e: ReactKeyboardEvent) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    connect();
  };
  const listSize = (n: number) => Math.max(2, Math.min(8, n));
  return (
    <form onSubmit={(e) => (e.preventDefault(), connect())} onKeyDown={onKeyDown}>
      <label>
        Port of {nodeName(node)}
        <select
          autoFocus
          size={listSize(ports.length)}
          value={chosen ? choiceKey(chosen) : ''}
          data-testid="connect-port"
          onChange={(e) => (setPortKey(e.target.value), setTargetIndex(0))}
        >
          {ports.map((p) => {
            const n = fits.get(choiceKey(p))?.length ?? 0;
            return (
              <option key={choiceKey(p)} value={choiceKey(p)}>
                {SIDE_WORDS[p.side]} {p.label} ({p.kind}) · {n === 0 ? 'nothing fits' : `${n} fit${n === 1 ? 's' : ''}`}
              </option>
            );
          })}
        </select>
      </label>
      <label>
        {chosen?.side === 'in' ? 'Fed from' : 'Connect to'}
        <select size={listSize(targets.length)} value={target ? String(targets.indexOf(target)) : ''} data-testid="connect-target" onChange={(e) => setTargetIndex(Number(e.target.value))}>
          {targets.map((t, i) => (
            <option key={i} value={String(i)}>
              {t.text}
            </option>
          ))}
        </select>
      </label>
      <p className="connect-hint" role="status">
        {ports.length === 0 ? 'This node has no ports.' : targets.length === 0 ? 'No free port elsewhere fits this one.' : 'Arrow keys choose; Enter connects.'}
      </p>
      <div className="connect-actions">
        <button type="submit" disabled={!target} data-testid="connect-submit">
          Connect
        </button>
      </div>
    </form>
  );
}

export function ConnectDialog() {
  useConnectKey();
  const nodeId = useConnectDialog((s) => s.nodeId);
  useEffect(() => {
    if (nodeId === null) return;
    return () => {
      const el = useConnectDialog.getState().returnFocus;
      if (el instanceof HTMLElement && el.isConnected) el.focus();
    };
  }, [nodeId]);
  if (nodeId === null) return null;
  const close = () => useConnectDialog.getState().close();
  return (
    <Modal title="Connect a port" className="connect-dialog" testId="connect-dialog" onClose={close}>
      <ConnectForm nodeId={nodeId} onDone={close} />
    </Modal>
  );
}

/** The inspector's way in to the same dialog. */
export function ConnectButton({ nodeId }: { nodeId: string }) {
  return (
    <button type="button" data-testid="connect-open" title="Connect a port of this node from the keyboard (C)" onClick={() => useConnectDialog.getState().open(nodeId)}>
      Connect…
    </button>
  );
}
