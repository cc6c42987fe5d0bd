// View state around the document: measured node sizes, the status line, file problems.
import { parseGraphText } from '../graph/parse';
import type { Slice, ViewSlice } from './types';

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
    get().replaceDoc(r.doc);
    set({ fileProblem: null });
    const warned = r.warnings.length ? ` (${r.warnings.join(' ')})` : '';
    get().showStatus(`Opened ${fileName}${warned}.`);
    return true;
  },
});
