// Presentation mode: full screen (where the browser allows it), the canvas with one chosen
// panel beside it, large type, and the view-only lock on while presenting. Leaving (Esc,
// Exit, or the browser leaving full screen) puts the lock back as it was before.
import { create } from 'zustand';
import { useGraphStore } from '../../store';

export type PresentPanel = 'objective' | 'training' | 'notes' | 'none';

export const PRESENT_PANELS: { value: PresentPanel; label: string }[] = [
  { value: 'objective', label: 'Objective formula' },
  { value: 'training', label: 'Train and loss chart' },
  { value: 'notes', label: 'Instructor notes' },
  { value: 'none', label: 'Canvas only' },
];

const PANEL_KEY = 'latent-canvas.present-panel';

function savedPanel(): PresentPanel {
  try {
    const v = localStorage.getItem(PANEL_KEY);
    if (PRESENT_PANELS.some((p) => p.value === v)) return v as PresentPanel;
  } catch {
    // storage blocked: the default
  }
  return 'objective';
}

interface PresentState {
  presenting: boolean;
  panel: PresentPanel;
  /** Whether the page went full screen for this presentation (it may be refused). */
  fullscreen: boolean;
  /** The lock as it was when the presentation began, put back when it ends. */
  viewOnlyBefore: boolean;
  enter(): void;
  exit(): void;
  setPanel(panel: PresentPanel): void;
}

export const usePresentation = create<PresentState>()((set, get) => ({
  presenting: false,
  panel: savedPanel(),
  fullscreen: false,
  viewOnlyBefore: false,

  enter() {
    if (get().presenting) return;
    const g = useGraphStore.getState();
    set({ presenting: true, viewOnlyBefore: g.viewOnly, fullscreen: false });
    g.setViewOnly(true);
    // Full screen needs a user gesture and may be refused (an iframe without allow="fullscreen",
    // a browser setting): the presentation goes on in the window.
    const el = document.documentElement as HTMLElement & { requestFullscreen?: () => Promise<void> };
    if (typeof el.requestFullscreen === 'function' && !document.fullscreenElement) {
      el.requestFullscreen().then(
        () => get().presenting && set({ fullscreen: true }),
        () => undefined,
      );
    }
  },

  exit() {
    if (!get().presenting) return;
    const { viewOnlyBefore } = get();
    set({ presenting: false, fullscreen: false });
    useGraphStore.getState().setViewOnly(viewOnlyBefore);
    if (document.fullscreenElement && typeof document.exitFullscreen === 'function') void document.exitFullscreen().catch(() => undefined);
  },

  setPanel(panel) {
    set({ panel });
    try {
      localStorage.setItem(PANEL_KEY, panel);
    } catch {
      // not remembered
    }
  },
}));

// The browser leaves full screen on Esc by itself (the key never reaches the page): that ends
// the presentation too.
if (typeof document !== 'undefined') {
  document.addEventListener('fullscreenchange', () => {
    const p = usePresentation.getState();
    if (!document.fullscreenElement && p.presenting && p.fullscreen) p.exit();
  });
}
