import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { parseGraphText, serializeGraph } from './parse';
import { GRAPH_VERSION, emptyDoc } from './document';

const ppcaText = readFileSync('graphs/ppca.json', 'utf8');
const ppca = () => JSON.parse(ppcaText);

function errorsOf(value: unknown): string[] {
  const r = parseGraphText(typeof value === 'string' ? value : JSON.stringify(value), 'g.json');
  if (r.ok) throw new Error('expected the file to be refused');
  return r.errors;
}

describe('parseGraphText', () => {
  it('opens every lecture graph and round-trips it losslessly', () => {
    for (const f of readdirSync('graphs').filter((f) => f.endsWith('.json'))) {
      const first = parseGraphText(readFileSync(`graphs/${f}`, 'utf8'), f);
      expect(first.ok, f).toBe(true);
      if (!first.ok) continue;
      const again = parseGraphText(serializeGraph(first.doc), f);
      expect(again.ok && again.doc).toEqual(first.doc);
    }
  });

  it('writes the current version with the {format, version, source} header first', () => {
    const text = serializeGraph({ ...emptyDoc('Notes'), source: 'some-other-tool', meta: { title: 'Notes', description: '', notes: '# Week 1\n*PPCA*' } });
    expect(text.startsWith(`{\n  "format": "latent-canvas.graph",\n  "version": ${GRAPH_VERSION},\n  "source": "latent-canvas",\n`)).toBe(true);
    const r = parseGraphText(text);
    expect(r.ok && r.doc.meta.notes).toBe('# Week 1\n*PPCA*');
    expect(r.ok && r.warnings).toEqual([]);
  });

  it('opens an empty document', () => {
    const r = parseGraphText(serializeGraph(emptyDoc()));
    expect(r.ok && r.doc).toEqual(emptyDoc());
  });

  it('fills defaults for omitted params and sections', () => {
    const g = ppca();
    delete g.training;
    g.nodes[1].params = {};
    const r = parseGraphText(JSON.stringify(g));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.doc.training.optimizer).toBe('adam');
    expect(r.doc.nodes[1].params).toEqual({ dim: 2, scaleMode: 'fixed', scale: 1 });
  });

  it('says where invalid JSON breaks', () => {
    const [e] = errorsOf('{\n  "format": "latent-canvas.graph",\n  oops\n}');
    expect(e).toMatch(/^g\.json is not valid JSON \(line 3, column \d+\)/);
  });

  it('refuses a file that is not a graph, or from a newer version, in words', () => {
    expect(errorsOf([1, 2])[0]).toMatch(/does not hold a graph/);
    expect(errorsOf({ ...ppca(), format: 'excalidraw' })[0]).toMatch(/is not a Latent Canvas graph/);
    expect(errorsOf({ ...ppca(), version: 99 })[0]).toMatch(/newer Latent Canvas \(format version 99/);
  });

  it('names the path of each schema error', () => {
    const g = ppca();
    g.nodes[0].position.x = 'left';
    g.training.learningRate = -1;
    const errs = errorsOf(g);
    expect(errs.some((e) => e.includes('nodes[0].position.x'))).toBe(true);
    expect(errs.some((e) => e.includes('training.learningRate') && e.includes('greater than 0'))).toBe(true);
  });

  it('checks kinds, params, ids and edges', () => {
    const g = ppca();
    g.nodes.push({ id: 'x1', kind: 'teleporter', position: { x: 0, y: 0 }, params: {} });
    g.nodes.push({ ...g.nodes[0] });
    g.nodes[3].params.units = -4;
    g.edges.push({ id: 'bad3', source: 'data', sourcePort: 'x', target: 'loss', targetPort: 'prior' });
    const errs = errorsOf(g).join('\n');
    expect(errs).toMatch(/unknown node kind "teleporter"/);
    expect(errs).toMatch(/the id "data" is used by two nodes/);
    expect(errs).toMatch(/nodes\[3\] \("decoder"\) params\.units/);
    expect(errs).toMatch(/connects a tensor output to a dist input/);
  });

  // Version 2 repairs dangling edges instead of refusing the file (repair.ts, R5).
  it('drops edges to missing nodes or ports, with a warning each', () => {
    const g = ppca();
    g.edges.push({ id: 'bad1', source: 'nowhere', sourcePort: 'x', target: 'loss', targetPort: 'x' });
    g.edges.push({ id: 'bad2', source: 'data', sourcePort: 'y', target: 'loss', targetPort: 'x' });
    const r = parseGraphText(JSON.stringify(g), 'g.json');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings.join('\n')).toMatch(/source node "nowhere" does not exist/);
    expect(r.warnings.join('\n')).toMatch(/has no output "y"/);
    expect(r.doc.edges.map((e) => e.id)).not.toContain('bad1');
  });
});
