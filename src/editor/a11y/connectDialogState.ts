// Which node the keyboard connect dialog is open for (null: closed), and where the focus was
// when it opened, to give it back on close. Not document state, so outside the undoable
// store; the key C and the inspector's button both open it.
import { create } from 'zustand';

interface ConnectDialogState {
  nodeId: string | null;
  returnFocus: Element | null;
  open(nodeId: string): void;
  close(): void;
}

export const useConnectDialog = create<ConnectDialogState>((set) => ({
  nodeId: null,
  returnFocus: null,
  // Read before the dialog mounts: its list takes the focus as it appears.
  open: (nodeId) => set({ nodeId, returnFocus: document.activeElement }),
  close: () => set({ nodeId: null }),
}));
