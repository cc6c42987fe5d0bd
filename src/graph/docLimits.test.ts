// The editor's limit check against the parser itself: for documents at and just past each
// limit, documentProblems finds nothing exactly when the saved file opens again unchanged
// (no errors, no repairs). And serializedLength is the saved file's length, to the character.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { emptyDoc, type GraphDoc, type GraphEdge, type GraphNode } from './document';
import { documentProblems, jsonStringLength, serializedLength } from './docLimits';
import { LIMITS } from './limits';
import { parseGraphText, serializeGraph } from './parse';
import { getSpec } from '../nodes/registry';

const lecture = readdirSync('graphs')
  .filter((f) => f.endsWith('.json'))
  .map((f) => {
    const r = parseGraphText(readFileSync(`graphs/${f}`, 'utf8'), f);
    if (!r.ok) throw new Error(r.errors.join(' '));
    return r.doc;
  });

function node(kind: string, id: string, extra: Partial<GraphNode> = {}, params: Record<string, unknown> = {}): GraphNode {
  return { id, kind, params: { ...(structuredClone(getSpec(kind)!.defaults) as object), ...params }, position: { x: 0, y: 0 }, ...extra };
}

const gaussians = (n: number) => Array.from({ length: n }, (_, i) => node('gaussian', `g-${i}`, { position: { x: i, y: 2 * i } }));

/** The two verdicts on one document, and the check's first sentence. */
function verdicts(doc: GraphDoc) {
  const problems = documentProblems(doc);
  const parsed = parseGraphText(serializeGraph(doc), 'g.json');
  return { check: problems.length === 0, parser: parsed.ok && parsed.warnings.length === 0, first: problems[0] };
}

describe('serializedLength', () => {
  it('is the length of the saved file, for every lecture graph and edge cases', () => {
    const docs: GraphDoc[] = [
      ...lecture,
      emptyDoc(),
      { ...emptyDoc('ünïcödé ∑ 🙂'), nodes: [node('gaussian', 'a', { label: 'line\nbreak "quoted" \u2028 \ud800' })] },
      { ...lecture[0], nodes: lecture[0].nodes.slice(0, 1), edges: [] },
    ];
    for (const doc of docs) expect(serializedLength(doc)).toBe(serializeGraph(doc).length);
  });

  it('measures long strings (a CSV in the graph) without stringifying them, to the character', () => {
    const tricky = 'a,b\n1.5,"x"\r\n\t\\ \u0001 \u2028 🙂 \ud800 \udc00x \ud83d';
    const csv = tricky.repeat(Math.ceil(70_000 / tricky.length));
    const data = lecture[0].nodes.find((n) => 'csvText' in ((getSpec(n.kind)?.defaults ?? {}) as object));
    expect(data, 'a lecture node that keeps a CSV').toBeDefined();
    const doc = { ...lecture[0], nodes: lecture[0].nodes.map((n) => (n === data ? { ...n, params: { ...n.params, csvText: csv } } : n)) };
    expect(serializedLength(doc)).toBe(serializeGraph(doc).length);
    for (const s of [csv, '', 'plain', '\ud800\ud800', '\udfff', '🙂🙂', '\u0000\u001f\u007f']) expect(jsonStringLength(s)).toBe(JSON.stringify(s).length);
  });
});

describe('documentProblems agrees with the parser', () => {
  it('accepts every lecture graph', () => {
    for (const doc of lecture) expect(documentProblems(doc)).toEqual([]);
  });

  it.each([
    ['nodes', LIMITS.nodes],
    ['title', LIMITS.titleChars],
    ['label', LIMITS.labelChars],
    ['notes', LIMITS.notesChars],
    ['description', LIMITS.descriptionChars],
  ] as const)('at and just past the %s limit (%i)', (what, limit) => {
    const at = (n: number): GraphDoc => {
      const d = emptyDoc();
      if (what === 'nodes') return { ...d, nodes: gaussians(n) };
      if (what === 'label') return { ...d, nodes: [node('gaussian', 'g', { label: 'l'.repeat(n) })] };
      return { ...d, meta: { ...d.meta, [what]: 'x'.repeat(n) } };
    };
    expect(verdicts(at(limit))).toMatchObject({ check: true, parser: true });
    const over = verdicts(at(limit + 1));
    expect(over).toMatchObject({ check: false, parser: false });
    expect(over.first).toContain(limit.toLocaleString('en-US'));
  });

  it('refuses more connections than a graph may hold, by count', () => {
    const edges: GraphEdge[] = Array.from({ length: LIMITS.edges + 1 }, (_, i) => ({ id: `e${i}`, source: 'a', sourcePort: 'dist', target: 'b', targetPort: 'in' }));
    const v = verdicts({ ...emptyDoc(), nodes: [node('gaussian', 'a'), node('sampler', 'b')], edges });
    expect(v).toMatchObject({ check: false, parser: false });
    expect(v.first).toBe('The graph would have 10,001 connections; a graph holds at most 10,000.');
  });

  it('refuses a graph whose file would pass the size limit, though every CSV is within its own', () => {
    const csv = (id: string, chars: number) => node('data', id, {}, { source: 'csv', csvText: 'x'.repeat(chars), columns: 1 });
    const half = Math.floor(LIMITS.fileChars / 2);
    const fits = { ...emptyDoc(), nodes: [csv('a', half - 5000), csv('b', half - 5000)] };
    expect(verdicts(fits)).toMatchObject({ check: true, parser: true });
    const v = verdicts({ ...fits, nodes: [csv('a', half), csv('b', half)] });
    expect(v).toMatchObject({ check: false, parser: false });
    expect(v.first).toMatch(/^The graph file would be 25,00\d,\d{3} characters, larger than 25 MB \(25,000,000 characters\), the limit for a graph file\.$/);
  });

  it('refuses edges the parser would refuse or drop: wrong kinds, missing ends, a doubly fed input', () => {
    const nodes = [node('gaussian', 'a'), node('sampler', 's'), node('linear', 'l')];
    const doc = (edges: GraphEdge[]) => ({ ...emptyDoc(), nodes, edges });
    const e = (id: string, source: string, sourcePort: string, target: string, targetPort: string): GraphEdge => ({ id, source, sourcePort, target, targetPort });
    expect(verdicts(doc([e('ok', 'a', 'dist', 's', 'dist')]))).toMatchObject({ check: true, parser: true });
    for (const bad of [
      [e('kind', 'a', 'dist', 'l', 'in')],
      [e('gone', 'a', 'dist', 'nobody', 'in')],
      [e('port', 'a', 'nope', 's', 'dist')],
      [e('one', 'a', 'dist', 's', 'dist'), e('two', 'a', 'dist', 's', 'dist')],
    ]) {
      expect(verdicts(doc(bad)), bad.map((x) => x.id).join()).toMatchObject({ check: false, parser: false });
    }
  });

  it('refuses a setting over its kind’s cap, in the parser’s words', () => {
    const v = verdicts({ ...emptyDoc(), nodes: [node('linear', 'l', {}, { units: LIMITS.layerWidth + 1 })] });
    expect(v).toMatchObject({ check: false, parser: false });
    expect(v.first).toBe('A setting of node "l" (units) is over the limit for a layer width (8,192).');
  });
});
