// Export problems pinned on nodes: on the node itself, on the closed block holding it, and
// only while the graph keeps the structure that was exported.
import { beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseGraphText } from '../graph/parse';
import { flattenBlocks } from '../graph/blocks/flatten';
import { useGraphStore } from './index';
import { clearExportProblem, setExportProblem, shownNodeOf, useExportProblem } from './exportProblem';
import { fileStemOf } from '../export/fileStem';

const s = () => useGraphStore.getState();

beforeEach(() => {
  const r = parseGraphText(readFileSync('graphs/vae.json', 'utf8'), 'vae.json');
  if (!r.ok) throw new Error(r.errors.join(' '));
  s().replaceDoc(r.doc);
  clearExportProblem();
});

describe('export problems on nodes', () => {
  it('shows on the node, or on the closed block that holds it, and on the inner node once it is open', () => {
    expect(shownNodeOf(s().doc, [], 'enc')).toBe('enc');
    expect(shownNodeOf(s().doc, [], 'nowhere')).toBeUndefined();
    s().setSelection(['enc', 'encMean', 'encLogvar', 'q'], []);
    const inst = s().makeBlock()!;
    const flatEnc = [...flattenBlocks(s().doc).nodePath].find(([, p]) => p[p.length - 1] === 'enc')![0];
    expect(shownNodeOf(s().doc, [], flatEnc)).toBe(inst);
    expect(shownNodeOf(s().doc, [inst], flatEnc)).toBe('enc');
    // A node outside the open block is not on the canvas.
    expect(shownNodeOf(s().doc, [inst], 'dec')).toBeUndefined();
  });

  it('is kept with the structure it was found in, and cleared', () => {
    setExportProblem(s().doc, 'dec', 'PyTorch export: no.');
    const p = useExportProblem.getState().problem!;
    expect(p).toMatchObject({ nodeId: 'dec', message: 'PyTorch export: no.' });
    clearExportProblem();
    expect(useExportProblem.getState().problem).toBeNull();
  });
});

describe('fileStemOf', () => {
  it('makes a file stem of the title', () => {
    expect(fileStemOf('Linear VAE on the PPCA data')).toBe('linear-vae-on-the-ppca-data');
    expect(fileStemOf('  σ² — β-VAE!  ')).toBe('vae');
    expect(fileStemOf('***')).toBe('model');
    expect(fileStemOf('a'.repeat(59) + ' b')).toBe('a'.repeat(59));
  });
});
