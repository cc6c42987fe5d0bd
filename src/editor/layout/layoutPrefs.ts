// Panel sizes and collapsed states, kept in localStorage: they are a preference of the
// person at this browser, not part of a tab's session or of the graph, so every tab and
// every graph shares them. Read defensively: a value from an older build or another hand
// is clamped or ignored, never trusted.
export interface PanelPref {
  size?: number;
  collapsed?: boolean;
}

const KEY = 'latent-canvas.layout.v1';

function readAll(): Record<string, PanelPref> {
  try {
    const raw = localStorage.getItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, PanelPref>) : {};
  } catch {
    return {};
  }
}

export function readPanelPref(id: string): PanelPref {
  const p = readAll()[id];
  if (!p || typeof p !== 'object') return {};
  return {
    size: typeof p.size === 'number' && Number.isFinite(p.size) ? p.size : undefined,
    collapsed: typeof p.collapsed === 'boolean' ? p.collapsed : undefined,
  };
}

export function writePanelPref(id: string, patch: PanelPref): void {
  try {
    const all = readAll();
    all[id] = { ...all[id], ...patch };
    localStorage.setItem(KEY, JSON.stringify(all));
  } catch {
    // Storage full or blocked (private mode): the layout simply is not remembered.
  }
}

export function clampSize(size: number, min: number, max: number): number {
  return Math.round(Math.max(min, Math.min(max, size)));
}
