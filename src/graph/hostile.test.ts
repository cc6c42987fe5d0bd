// Any file, no crash: each category of bad input gives clear errors (or a repair with a
// visible warning), pinned here by its exact message.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseGraphText, parseGraphValue, type ParseResult } from './parse';
import { LIMITS } from './limits';
import { deepFreeze } from './testUtils';
import { nodeSpecs } from '../nodes/registry';

const ppcaText = readFileSync('graphs/ppca.json', 'utf8');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const ppca = (): any => JSON.parse(ppcaText);

function errors(r: ParseResult): string[] {
  if (r.ok) throw new Error(`expected the file to be refused, it opened with warnings ${JSON.stringify(r.warnings)}`);
  expect('doc' in r).toBe(false); // a refused file never hands over a document
  return r.errors;
}
const textErrors = (v: unknown) => errors(parseGraphText(typeof v === 'string' ? v : JSON.stringify(v), 'g.json'));
const valueErrors = (v: unknown) => errors(parseGraphValue(v, 'g.json'));
function opened(r: ParseResult) {
  if (!r.ok) throw new Error(`expected the file to open: ${r.errors.join('\n')}`);
  return r;
}

describe('malformed JSON', () => {
  it('says where a truncated file breaks', () => {
    expect(textErrors('{ "format": "latent-canvas.graph", "nodes": [ ')).toEqual(['g.json is not valid JSON (line 1, column 47): close bracket expected']);
  });
  it('refuses empty text and text that is not JSON at all', () => {
    expect(textErrors('')[0]).toMatch(/^g\.json is not valid JSON/);
    expect(textErrors('<html>')).toEqual(['g.json is not valid JSON (line 1, column 1): invalid symbol']);
  });
  it('refuses JSON that is not an object', () => {
    for (const v of ['[]', '"graph"', '42', 'null', 'true']) expect(textErrors(v)).toEqual(['g.json does not hold a graph (expected a JSON object with "format": "latent-canvas.graph").']);
  });
  it('opens a file that starts with a byte-order mark', () => {
    expect(parseGraphText('\ufeff' + ppcaText).ok).toBe(true);
  });
});

describe('wrong types', () => {
  it('names the path and what was found', () => {
    const g = ppca();
    g.meta.title = 7;
    g.nodes[0].kind = 5;
    g.nodes[1].id = '';
    g.edges[0] = 'x';
    g.training = [];
    g.nodes[2].position = { x: 'left', y: null };
    expect(textErrors(g)).toEqual([
      'g.json: meta.title: must be a string, not the number 7.',
      'g.json: nodes[0].kind: must be a string, not the number 5.',
      'g.json: nodes[1].id: a node id must not be empty.',
      'g.json: nodes[2].position.x: must be a number, not the text "left".',
      'g.json: nodes[2].position.y: must be a number, not null.',
      'g.json: edges[0]: must be an object, not the text "x".',
      'g.json: training: must be an object, not a list.',
    ]);
  });
  it('names a missing field and a wrong params type', () => {
    const g = ppca();
    delete g.nodes;
    g.edges[0].params = 3;
    delete g.edges[1].target;
    expect(textErrors(g)).toEqual(['g.json: nodes: is missing (it must be a list).', 'g.json: edges[1].target: is missing (it must be a string).']);
  });
  it('explains bad params with the node they belong to', () => {
    const g = ppca();
    g.nodes[0].params.d = 'lots';
    g.nodes[3].params.units = 'x';
    g.nodes[2].params.mode = 'guess';
    expect(textErrors(g)).toEqual([
      'g.json: nodes[0] ("data") params.d: must be a number, not the text "lots".',
      'g.json: nodes[2] ("sampler") params.mode: must be one of "reparam", "mean".',
      'g.json: nodes[3] ("decoder") params.units: must be a number or "data" — not the text "x".',
    ]);
  });
});

describe('unknown node kinds', () => {
  it('are errors, never silently accepted', () => {
    const g = ppca();
    g.nodes[1].kind = 'teleporter';
    g.nodes[2].kind = 'toString';
    const errs = textErrors(g);
    expect(errs[0]).toBe(
      `g.json: nodes[1] ("prior"): unknown node kind "teleporter" (the kinds are ${[...nodeSpecs.keys()].join(', ')}).`,
    );
    expect(errs[1]).toMatch(/^g\.json: nodes\[2\] \("sampler"\): unknown node kind "toString"/);
  });
});

describe('edges to missing nodes or ports', () => {
  it('are dropped, one warning per edge', () => {
    const g = ppca();
    g.edges.push({ id: 'ghost', source: 'nowhere', sourcePort: 'x', target: 'loss', targetPort: 'x' });
    g.edges.push({ id: 'ghost2', source: 'data', sourcePort: 'x', target: 'gone', targetPort: 'in' });
    g.edges.push({ id: 'noport', source: 'data', sourcePort: 'y', target: 'decoder', targetPort: 'in' });
    g.edges.push({ id: 'noport2', source: 'sampler', sourcePort: 'z', target: 'decoder', targetPort: 'toString' });
    const r = opened(parseGraphText(JSON.stringify(g), 'g.json'));
    expect(r.warnings).toEqual([
      'edges[6] ("ghost") was dropped: its source node "nowhere" does not exist.',
      'edges[7] ("ghost2") was dropped: its target node "gone" does not exist.',
      'edges[8] ("noport") was dropped: node "data" (data) has no output "y".',
      'edges[9] ("noport2") was dropped: node "decoder" (linear) has no input "toString".',
    ]);
    expect(r.doc.edges).toEqual(ppca().edges);
  });
  it('drops a second edge into an input that already has one', () => {
    const g = ppca();
    g.edges.push({ id: 'twice', source: 'data', sourcePort: 'x', target: 'loss', targetPort: 'x' });
    const r = opened(parseGraphText(JSON.stringify(g), 'g.json'));
    expect(r.warnings).toEqual(['edges[6] ("twice") was dropped: input "x" of node "loss" already has an edge.']);
    expect(r.doc.edges.map((e) => e.id)).not.toContain('twice');
  });
  it('refuses an edge between ports of different kinds', () => {
    const g = ppca();
    g.edges[1].target = 'decoder';
    g.edges[1].targetPort = 'in';
    expect(textErrors(g)).toEqual(['g.json: edges[1] ("e-prior-sampler"): connects a dist output to a tensor input ("prior".dist → "decoder".in).']);
  });
});

describe('duplicate ids', () => {
  it('refuses two nodes with one id', () => {
    const g = ppca();
    g.nodes[4].id = 'prior';
    expect(textErrors(g)[0]).toBe('g.json: nodes[4] ("prior"): the id "prior" is used by two nodes.');
  });
  it('renames a repeated edge id, with a warning', () => {
    const g = ppca();
    g.edges[1].id = g.edges[0].id;
    const r = opened(parseGraphText(JSON.stringify(g), 'g.json'));
    expect(r.warnings).toEqual(['edges[1] ("e-data-loss") has the same id as an earlier edge; it was renamed "e-data-loss~2".']);
    expect(r.doc.edges[1].id).toBe('e-data-loss~2');
  });
});

describe('NaN and Infinity', () => {
  it('refuses them in values handed over from code, with the path', () => {
    const g = ppca();
    g.nodes[1].params.scale = NaN;
    g.training.learningRate = -Infinity;
    expect(valueErrors(g)).toEqual(['g.json: nodes[1].params.scale: is NaN (not a number).', 'g.json: training.learningRate: is -Infinity, not a finite number (numbers this large overflow).']);
  });
  it('refuses a number in the text too large for a double (1e999 parses to Infinity)', () => {
    expect(textErrors(ppcaText.replace('"noise": 0.3', '"noise": 1e999'))).toEqual(['g.json: nodes[0].params.noise: is Infinity, not a finite number (numbers this large overflow).']);
  });
  it('repairs non-finite or absurd positions and viewports, with warnings', () => {
    const g = ppca();
    // The coordinate that was fine is kept: read it from the file, whose layout may change.
    const [keptY0, keptX1, keptY2] = [g.nodes[0].position.y, g.nodes[1].position.x, g.nodes[2].position.y];
    g.nodes[0].position.x = Infinity;
    g.nodes[1].position.y = NaN;
    g.nodes[2].position.x = -5e12;
    delete g.nodes[3].position;
    g.viewport.zoom = 0;
    const r = opened(parseGraphValue(g, 'g.json'));
    expect(r.warnings).toEqual([
      `nodes[0] ("data") had a position off the canvas; it was moved to (0, ${keptY0}).`,
      `nodes[1] ("prior") had a position off the canvas; it was moved to (${keptX1}, 0).`,
      `nodes[2] ("sampler") had a position off the canvas; it was moved to (-1000000, ${keptY2}).`,
      'nodes[3] ("decoder") had no position; it was placed at (0, 0).',
      'viewport had an unusable position or zoom; the default view is used instead.',
    ]);
    expect(r.doc.nodes[2].position).toEqual({ x: -LIMITS.coordinate, y: keptY2 });
    expect(r.doc.viewport).toEqual({ x: 0, y: 0, zoom: 1 });
  });
});

describe('__proto__, constructor and prototype keys', () => {
  const withKey = (key: string, where: 'top' | 'params' | 'meta' | 'deep') => {
    const text = JSON.stringify(ppca());
    const junk = `"${key}": {"polluted": true, "isAdmin": true}`;
    if (where === 'top') return text.replace('{', `{${junk},`);
    if (where === 'params') return text.replace('"params":{"source"', `"params":{${junk},"source"`);
    if (where === 'meta') return text.replace('"meta":{', `"meta":{${junk},`);
    return text.replace('"viewport":{', `"viewport":{"extra":[{"a":{${junk}}}],`);
  };
  it.each([
    ['__proto__', 'top', 'g.json: has a key named "__proto__", which is not allowed in a graph file (it could change how objects behave).'],
    ['__proto__', 'params', 'g.json: nodes[0].params: has a key named "__proto__", which is not allowed in a graph file (it could change how objects behave).'],
    ['constructor', 'meta', 'g.json: meta: has a key named "constructor", which is not allowed in a graph file (it could change how objects behave).'],
    ['prototype', 'deep', 'g.json: viewport.extra[0].a: has a key named "prototype", which is not allowed in a graph file (it could change how objects behave).'],
  ] as const)('refuses a "%s" key (%s)', (key, where, message) => {
    expect(textErrors(withKey(key, where))).toEqual([message]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
  it('refuses them as node ids and port names, which become keys elsewhere', () => {
    const g = ppca();
    g.nodes[0].id = '__proto__';
    g.edges[1].sourcePort = 'constructor';
    expect(textErrors(g)).toEqual([
      'g.json: nodes[0].id: "__proto__", "constructor" and "prototype" cannot be used as a node id.',
      'g.json: edges[1].sourcePort: "__proto__", "constructor" and "prototype" cannot be used as a port name.',
    ]);
  });
  it('leaves Object.prototype untouched after a hostile object from code', () => {
    const hostile = JSON.parse('{"format":"latent-canvas.graph","version":2,"nodes":[],"edges":[],"__proto__":{"polluted":1}}');
    expect(valueErrors(hostile)[0]).toMatch(/"__proto__"/);
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe('absurd sizes', () => {
  it(`refuses a file over ${LIMITS.fileChars} characters without parsing it`, () => {
    expect(textErrors(' '.repeat(LIMITS.fileChars + 1))).toEqual(['g.json is larger than 25 MB (25,000,000 characters), the limit for a graph file.']);
  });
  it(`refuses more than ${LIMITS.nodes} nodes and ${LIMITS.edges} edges`, () => {
    const g = ppca();
    g.nodes = Array.from({ length: LIMITS.nodes + 1 }, (_, i) => ({ ...g.nodes[1], id: `n${i}` }));
    g.edges = Array.from({ length: LIMITS.edges + 1 }, (_, i) => ({ ...g.edges[1], id: `e${i}` }));
    expect(textErrors(g)).toEqual(['g.json: nodes: has more than 2,000 nodes, the limit for a graph.', 'g.json: edges: has more than 10,000 edges, the limit for a graph.']);
  });
  it('refuses layer widths, dimensions and sample counts over their limits, naming the limit', () => {
    const g = ppca();
    g.nodes[3].params.units = 9000;
    g.nodes[1].params.dim = 1e9;
    g.nodes[2].params.samples = 10001;
    expect(textErrors(g)).toEqual([
      'g.json: nodes[1] ("prior") params.dim: is over the limit for the dimension of a distribution (4,096).',
      'g.json: nodes[2] ("sampler") params.samples: is over the limit for the samples per example (10,000).',
      'g.json: nodes[3] ("decoder") params.units: is over the limit for a layer width (8,192).',
    ]);
  });
  it('refuses an MLP with too many or too wide layers', () => {
    const g = ppca();
    g.nodes[3] = { ...g.nodes[3], kind: 'mlp', params: { hidden: [8, 8193], outputs: 'data' } };
    expect(textErrors(g)).toEqual(['g.json: nodes[3] ("decoder") params.hidden[1]: is over the limit for a layer width (8,192).']);
    g.nodes[3].params.hidden = Array(17).fill(8);
    expect(textErrors(g)).toEqual(['g.json: nodes[3] ("decoder") params.hidden: is over the limit for the number of hidden layers (16).']);
  });
  it('refuses over-long strings', () => {
    const g = ppca();
    g.nodes[0].label = 'x'.repeat(LIMITS.labelChars + 1);
    g.meta.notes = 'n'.repeat(LIMITS.notesChars + 1);
    g.nodes[1].id = 'i'.repeat(LIMITS.idChars + 1);
    expect(textErrors(g)).toEqual([
      'g.json: meta.notes: is longer than 100,000 characters, the limit for notes.',
      'g.json: nodes[0].label: is longer than 200 characters.',
      'g.json: nodes[1].id: is longer than 64 characters.',
    ]);
  });
  it('cuts a long list of problems short with "… and N more"', () => {
    const g = ppca();
    g.nodes = Array.from({ length: 120 }, (_, i) => ({ id: `n${i}`, kind: `junk${i}`, position: { x: 0, y: 0 } }));
    const errs = textErrors(g);
    expect(errs).toHaveLength(LIMITS.problemsListed + 1);
    expect(errs[errs.length - 1]).toBe('… and 70 more.');
  });
  it('quotes strings from the file short, never whole', () => {
    const g = ppca();
    g.nodes[1].kind = 'k'.repeat(64);
    const [e] = textErrors(g);
    expect(e).toContain(`"${'k'.repeat(60)}…"`);
  });
});

describe('deeply nested junk', () => {
  it('refuses text nested deeper than the limit before parsing it', () => {
    const deep = '{"format":"latent-canvas.graph","x":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}';
    expect(textErrors(deep)).toEqual(['g.json nests lists and objects deeper than 64 levels (line 1, column 100), the limit for a graph file.']);
  });
  it('does not overflow the stack on deeply nested malformed text (the JSON error locator is recursive)', () => {
    expect(textErrors('['.repeat(1_000_000) + 'x')[0]).toMatch(/nests lists and objects deeper than 64 levels/);
  });
  it('counts brackets inside strings as text', () => {
    const g = ppca();
    g.meta.description = '['.repeat(10_000);
    expect(parseGraphText(JSON.stringify(g)).ok).toBe(true);
  });
  it('refuses deep values from code, and cycles', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = { d: deep };
    const g = ppca();
    g.meta.extra = deep;
    expect(valueErrors(g)[0]).toMatch(/^g\.json: meta\.extra(\.d)+: nests deeper than 64 levels, the limit for a graph file\.$/);
    const c = ppca();
    c.nodes[0].params.self = c.nodes[0];
    expect(valueErrors(c)).toEqual(['g.json: nodes[0].params.self: refers back to one of its own parents (a cycle), which JSON cannot hold.']);
  });
});

describe('values that are not JSON data (from code)', () => {
  it('refuses functions, symbols, bigints, Dates and Maps', () => {
    const g = ppca();
    g.meta.title = () => 'pwned';
    g.meta.a = Symbol('s');
    g.meta.b = 10n;
    g.meta.c = new Date(0);
    g.meta.d = new Map();
    g.nodes.push(undefined);
    expect(valueErrors(g)).toEqual([
      'g.json: meta.title: is a function; a graph file holds data only, never code.',
      'g.json: meta.a: is a symbol; a graph file holds data only, never code.',
      'g.json: meta.b: is a bigint; a graph file holds data only, never code.',
      'g.json: meta.c: is a Date object, not plain JSON data.',
      'g.json: meta.d: is a Map object, not plain JSON data.',
      'g.json: nodes[6]: is undefined, which JSON cannot hold.',
    ]);
  });
  it('never calls anything in the value: functions, getters and toJSON are refused, not run', () => {
    let called = false;
    const trap = () => {
      called = true;
      return 1;
    };
    const g = ppca();
    g.nodes[0].params.d = { valueOf: trap, toJSON: trap };
    Object.defineProperty(g.nodes[1].params, 'dim', { get: trap, enumerable: true });
    expect(valueErrors(g)).toEqual([
      'g.json: nodes[0].params.d.valueOf: is a function; a graph file holds data only, never code.',
      'g.json: nodes[0].params.d.toJSON: is a function; a graph file holds data only, never code.',
      'g.json: nodes[1].params.dim: is computed by a getter, not stored data; a graph file holds data only, never code.',
    ]);
    expect(called).toBe(false);
  });
  it('treats a look-alike of code in a file as plain text', () => {
    const g = ppca();
    g.meta.title = '${process.exit(1)}';
    g.meta.notes = '<script>alert(1)</script> [x](javascript:alert(1))';
    g.nodes[0].label = 'constructor';
    const r = opened(parseGraphText(JSON.stringify(g)));
    expect(r.doc.meta.title).toBe('${process.exit(1)}');
    expect(r.doc.meta.notes).toBe(g.meta.notes); // stored as text; the editor renders it sanitised
  });
});

describe('the caller\'s value', () => {
  it('is never modified, even when repaired; deep-frozen input works', () => {
    const g = ppca();
    g.edges[1].id = g.edges[0].id;
    g.nodes[0].position.x = Infinity;
    g.extraField = 1;
    const before = structuredClone(g);
    const r = opened(parseGraphValue(deepFreeze(g)));
    expect(r.warnings).toHaveLength(3);
    expect(g).toEqual(before);
  });
});

describe('unknown fields', () => {
  it('are ignored with a warning naming where they were', () => {
    const g = ppca();
    g.colour = 'red';
    g.nodes[0].colour = 'blue';
    g.nodes[0].params.bogus = 2;
    g.training.momentum = 0.9;
    const r = opened(parseGraphText(JSON.stringify(g), 'g.json'));
    expect(r.warnings).toEqual([
      'the file: ignored the unknown field "colour".',
      'training: ignored the unknown field "momentum".',
      'nodes[0] ("data"): ignored the unknown field "colour".',
      'nodes[0] ("data") params: ignored the unknown field "bogus".',
    ]);
    expect(r.doc.nodes[0].params).not.toHaveProperty('bogus');
  });
});
