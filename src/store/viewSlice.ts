// View state around the document: measured node sizes, the status line, file problems.
import { parseGraphText } from '../graph/parse';
import type { GraphDoc } from '../graph/document';
import type { Slice, ViewSlice } from './types';

/** Opens a parsed document over the current work and says so in the status line. */
export type OpenHandler = (doc: GraphDoc, fileName: string, warnings: readonly string[]) => void;
let openHandler: OpenHandler | undefined;

/**
 * Every open (a file, a drop, the Gallery, a link) ends in openGraphText; the session
 * layer (src/persist) sets this so the work that was open is kept, not replaced for good.
 */
export function setOpenHandler(h: OpenHandler | undefined): void {
  openHandler = h;
}

let statusSeq = 0;

export const createViewSlice: Slice<ViewSlice> = (set, get) => ({
  measured: {},
  setMeasured(sizes) {
    set((s) => ({ measured: { ...s.measured, ...sizes } }));
  },

  status: null,
  showStatus(text, tone = 'info') {
    set({ status: { text, tone, seq: ++statusSeq } });
  },
  clearStatus() {
    set({ status: null });
  },

  fileProblem: null,
  clearFileProblem() {
    set({ fileProblem: null });
  },

  openGraphText(text, fileName) {
    const r = parseGraphText(text, fileName);
    if (!r.ok) {
      // The open graph stays exactly as it was: nothing but the messages changes.
      set({ fileProblem: { fileName, errors: r.errors } });
      get().showStatus(`Could not open ${fileName}.`, 'error');
      return false;
    }
    if (openHandler) {
      openHandler(r.doc, fileName, r.warnings);
      return true;
    }
    get().replaceDoc(r.doc);
    set({ fileProblem: null });
    const warned = r.warnings.length ? ` (${r.warnings.join(' ')})` : '';
    get().showStatus(`Opened ${fileName}${warned}.`);
    return true;
  },
});
