import { describe, expect, it } from 'vitest';
import { nodeSpecs } from '../../nodes/registry';
import { filterEntries, searchEntries } from './searchFilter';
import type { GraphDoc } from '../../graph/document';

const all = searchEntries(nodeSpecs.values(), undefined);
const titles = (xs: { title: string }[]) => xs.map((x) => x.title);

describe('node search filter', () => {
  it('lists every kind but the block instance, in the catalogue order, for an empty query', () => {
    const kinds = [...nodeSpecs.values()].filter((s) => !s.block);
    expect(titles(filterEntries(all, ''))).toEqual(kinds.map((s) => s.title));
    expect(all.every((e) => e.port === undefined)).toBe(true);
  });

  it('puts a title that starts with the text first, and matches docs and families too', () => {
    const first = filterEntries(all, 'gauss')[0];
    expect(first.title.toLowerCase().startsWith('gauss')).toBe(true);
    const byFamily = filterEntries(all, 'neural networks');
    expect(byFamily.length).toBeGreaterThan(0);
    expect(byFamily.every((e) => e.family === 'Neural networks' || e.doc.toLowerCase().includes('neural'))).toBe(true);
    expect(filterEntries(all, 'zzzz-nothing')).toEqual([]);
  });

  it('needs every word typed', () => {
    const r = filterEntries(all, 'log density');
    expect(r.length).toBeGreaterThan(0);
    for (const e of r) expect(`${e.title} ${e.family} ${e.doc}`.toLowerCase()).toMatch(/log/);
  });

  it('after a drag from a tensor output, offers only kinds with a tensor input, and names that input', () => {
    const fit = searchEntries(nodeSpecs.values(), undefined, { side: 'output', kind: 'tensor' });
    expect(fit.length).toBeGreaterThan(0);
    expect(fit.length).toBeLessThan(all.length);
    for (const e of fit) {
      const spec = nodeSpecs.get((e.add as { kind: string }).kind)!;
      const port = spec.inputs.find((p) => p.name === e.port);
      expect(port?.kind).toBe('tensor');
    }
    const noTensorInput = [...nodeSpecs.values()].filter((s) => !s.block && !s.inputs.some((p) => p.kind === 'tensor'));
    expect(noTensorInput.length).toBeGreaterThan(0);
    for (const s of noTensorInput) expect(titles(fit)).not.toContain(s.title);
  });

  it('after a drag from a distribution input, offers kinds with a distribution output', () => {
    const fit = searchEntries(nodeSpecs.values(), undefined, { side: 'input', kind: 'dist' });
    expect(fit.length).toBeGreaterThan(0);
    for (const e of fit) {
      const spec = nodeSpecs.get((e.add as { kind: string }).kind)!;
      expect(spec.outputs.find((p) => p.name === e.port)?.kind).toBe('dist');
    }
  });

  it("lists the document's blocks, filtered by their boundary ports", () => {
    const blocks = {
      enc: { title: 'Encoder', nodes: [], edges: [], inputs: [{ name: 'x', label: 'x', kind: 'tensor', node: 'a', port: 'in' }], outputs: [{ name: 'q', label: 'q', kind: 'dist', node: 'b', port: 'dist' }] },
    } as unknown as GraphDoc['blocks'];
    const withBlocks = searchEntries(nodeSpecs.values(), blocks);
    expect(filterEntries(withBlocks, 'enco')[0]).toMatchObject({ title: 'Encoder', add: { blockDef: 'enc' } });
    expect(titles(searchEntries(nodeSpecs.values(), blocks, { side: 'output', kind: 'tensor' }))).toContain('Encoder');
    expect(searchEntries(nodeSpecs.values(), blocks, { side: 'output', kind: 'tensor' }).find((e) => e.title === 'Encoder')?.port).toBe('x');
    expect(titles(searchEntries(nodeSpecs.values(), blocks, { side: 'output', kind: 'term' }))).not.toContain('Encoder');
  });
});
