// One panel's size and collapsed state, starting from the remembered preference and
// remembering every change.
import { useCallback, useEffect, useState } from 'react';
import { clampSize, readPanelPref, writePanelPref } from './layoutPrefs';

export interface PanelLayoutOptions {
  defaultSize: number;
  min: number;
  max: number;
  defaultCollapsed?: boolean;
}

export function usePanelLayout(id: string, { defaultSize, min, max, defaultCollapsed = false }: PanelLayoutOptions) {
  const [state, setState] = useState(() => {
    const pref = readPanelPref(id);
    return { size: clampSize(pref.size ?? defaultSize, min, max), collapsed: pref.collapsed ?? defaultCollapsed };
  });
  useEffect(() => writePanelPref(id, state), [id, state]);
  const setSize = useCallback((size: number) => setState((s) => ({ ...s, size: clampSize(size, min, max) })), [min, max]);
  const setCollapsed = useCallback((collapsed: boolean) => setState((s) => ({ ...s, collapsed })), []);
  return { size: state.size, collapsed: state.collapsed, setSize, setCollapsed };
}
