import { beforeEach, describe, expect, it } from 'vitest';
import { clampSize, readPanelPref, writePanelPref } from './layoutPrefs';

class MemoryStorage {
  items = new Map<string, string>();
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, v);
  }
}

const storage = new MemoryStorage();
(globalThis as { localStorage?: unknown }).localStorage = storage;

describe('panel layout preferences', () => {
  beforeEach(() => storage.items.clear());

  it('remembers a size and a collapsed state per panel, merged', () => {
    writePanelPref('palette', { size: 200 });
    writePanelPref('palette', { collapsed: true });
    writePanelPref('dock', { size: 150 });
    expect(readPanelPref('palette')).toEqual({ size: 200, collapsed: true });
    expect(readPanelPref('dock')).toEqual({ size: 150, collapsed: undefined });
    expect(readPanelPref('notes')).toEqual({});
  });

  it('ignores what it did not write: bad JSON, wrong types, non-finite sizes', () => {
    storage.setItem('latent-canvas.layout.v1', '{not json');
    expect(readPanelPref('palette')).toEqual({});
    storage.setItem('latent-canvas.layout.v1', JSON.stringify({ palette: { size: 'wide', collapsed: 'yes' }, dock: 3 }));
    expect(readPanelPref('palette')).toEqual({ size: undefined, collapsed: undefined });
    expect(readPanelPref('dock')).toEqual({});
    storage.setItem('latent-canvas.layout.v1', '[1,2]');
    writePanelPref('notes', { size: 300 });
    expect(readPanelPref('notes')).toEqual({ size: 300, collapsed: undefined });
  });

  it('clamps sizes into the panel range', () => {
    expect(clampSize(50, 100, 300)).toBe(100);
    expect(clampSize(1e9, 100, 300)).toBe(300);
    expect(clampSize(150.6, 100, 300)).toBe(151);
  });
});
