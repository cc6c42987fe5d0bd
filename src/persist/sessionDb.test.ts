import { describe, expect, it } from 'vitest';
import { parseGraphText, serializeGraph } from '../graph/parse';
import { galleryGraph } from '../files/galleryGraphs';
import type { GraphDoc } from '../graph/document';
import type { RunRecord } from '../store/runsStore';
import { BIG_STRING_CHARS, DatasetIndex, contentHash, markerFor, referencedHashes, rehydrateText } from './datasets';
import { LEGACY_KEYS, createSessionDb, memoryKeyValue, type KeyValue } from './sessionDb';

function ppca(): GraphDoc {
  const r = parseGraphText(galleryGraph('ppca')!.text, 'ppca.json');
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.doc;
}

/** The PPCA graph with a big CSV in its data node (any node would do: nothing looks at kinds). */
function withCsv(doc: GraphDoc, csv: string): GraphDoc {
  return { ...doc, nodes: doc.nodes.map((n, i) => (i === 0 ? { ...n, params: { ...n.params, csvText: csv } } : n)) };
}

const bigCsv = (seed: number) => Array.from({ length: 12_000 }, (_, i) => `${i},${(i * seed) % 97},${seed}`).join('\n');

/** Counts writes of each key, to see what a save really writes. */
function countingKv(): KeyValue & { writes: Map<string, number>; sizes: Map<string, number> } {
  const kv = memoryKeyValue();
  const writes = new Map<string, number>();
  const sizes = new Map<string, number>();
  const note = (k: string, v: unknown) => {
    writes.set(k, (writes.get(k) ?? 0) + 1);
    sizes.set(k, JSON.stringify(v)?.length ?? 0);
  };
  return {
    ...kv,
    writes,
    sizes,
    set: async (k, v) => (note(k, v), kv.set(k, v)),
    setMany: async (es) => (es.forEach(([k, v]) => note(k, v)), kv.setMany(es)),
  };
}

describe('datasets', () => {
  it('hashes by content and puts the text back exactly', async () => {
    const a = bigCsv(3);
    expect(await contentHash(a)).toBe(await contentHash(String(a)));
    expect(await contentHash(a)).not.toBe(await contentHash(bigCsv(4)));
    const index = new DatasetIndex();
    const { value, datasets } = await index.externalize({ nodes: [{ params: { csvText: a, small: 'x' } }] });
    const hash = [...datasets.keys()][0];
    expect(value).toEqual({ nodes: [{ params: { csvText: markerFor(hash), small: 'x' } }] });
    const text = JSON.stringify(value);
    expect(referencedHashes(text)).toEqual([hash]);
    const back = rehydrateText(text, new Map([[hash, a]]));
    expect(back.missing).toEqual([]);
    expect(JSON.parse(back.text)).toEqual({ nodes: [{ params: { csvText: a, small: 'x' } }] });
    expect(rehydrateText(text, new Map()).missing).toEqual([hash]);
  });

  it('finds a known big string inside JSON text without parsing it, and an unknown one by parsing', async () => {
    const index = new DatasetIndex();
    const a = bigCsv(5);
    await index.externalize({ a });
    const docJson = serializeGraph(withCsv(ppca(), a));
    const known = await index.externalizeText(docJson);
    expect(known.text.length).toBeLessThan(BIG_STRING_CHARS);
    expect(rehydrateText(known.text, known.datasets).text).toBe(docJson);

    const other = serializeGraph(withCsv(ppca(), bigCsv(7)));
    const unknown = await new DatasetIndex().externalizeText(other);
    expect(unknown.text.length).toBeLessThan(BIG_STRING_CHARS);
    expect(JSON.parse(rehydrateText(unknown.text, unknown.datasets).text)).toEqual(JSON.parse(other));
  });
});

describe('session storage', () => {
  it('stores a big CSV once across many saves and reads the graph back whole', async () => {
    const kv = countingKv();
    const db = createSessionDb(kv);
    const csv = bigCsv(11);
    let doc = withCsv(ppca(), csv);
    for (let i = 0; i < 5; i++) {
      doc = { ...doc, meta: { ...doc.meta, title: `Edit ${i}` } };
      await db.writeDoc('s1', doc);
    }
    const datasetWrites = [...kv.writes].filter(([k]) => k.startsWith('dataset:'));
    expect(datasetWrites).toHaveLength(1);
    expect(datasetWrites[0][1]).toBe(1);
    expect(kv.writes.get('session:s1:doc')).toBe(5);
    expect(kv.sizes.get('session:s1:doc')!).toBeLessThan(csv.length / 4);

    const read = await db.read('s1');
    expect(read.missingDatasets).toBe(0);
    const back = parseGraphText(read.doc!.text);
    expect(back.ok && back.doc.nodes[0].params.csvText).toBe(csv);
    expect(read.meta).toMatchObject({ id: 's1', title: 'Edit 4', nodeCount: doc.nodes.length });
  });

  it('stores a run’s docJson by reference too', async () => {
    const kv = countingKv();
    const db = createSessionDb(kv);
    const csv = bigCsv(13);
    const docJson = serializeGraph(withCsv(ppca(), csv));
    const run = { id: 'r1', name: 'PPCA', createdAt: 1, docJson, settings: ppca().training, history: [{ epoch: 1, trainLoss: 2, testLoss: 3 }], status: 'finished' } as RunRecord;
    await db.writeRuns('s1', [run]);
    await db.writeRuns('s1', [run, { ...run, id: 'r2' }]);
    expect(kv.sizes.get('session:s1:runs')!).toBeLessThan(csv.length / 4);
    const read = await db.read('s1');
    expect((read.runs!.runs as RunRecord[]).map((r) => r.docJson === docJson)).toEqual([true, true]);
  });

  it('lists sessions newest first, prunes beyond the limit but never a protected one, and collects unused datasets', async () => {
    const kv = memoryKeyValue();
    const db = createSessionDb(kv);
    const doc = ppca();
    for (let i = 0; i < 5; i++) {
      await db.writeDoc(`s${i}`, { ...doc, meta: { ...doc.meta, title: `T${i}` } });
      await new Promise((r) => setTimeout(r, 2));
    }
    await db.writeDoc('csv', withCsv(doc, bigCsv(17)));
    expect((await db.list()).map((m) => m.id)).toEqual(['csv', 's4', 's3', 's2', 's1', 's0']);
    const removed = await db.prune(2, new Set(['s0']));
    expect(removed.sort()).toEqual(['s1', 's2', 's3']);
    expect((await db.list()).map((m) => m.id)).toEqual(['csv', 's4', 's0']);
    expect(await kv.get('session:s2:doc')).toBeUndefined();

    // The dataset is referenced by 'csv': kept, even past the grace period.
    expect(await db.collectDatasets(0)).toBe(0);
    await db.remove('csv');
    // Unreferenced but new: kept a while (another tab may be about to write the doc that refers to it).
    expect(await db.collectDatasets()).toBe(0);
    expect(await db.collectDatasets(-1)).toBe(1);
    expect((await kv.keys()).filter((k) => k.startsWith('dataset'))).toEqual([]);
  });

  it('moves the single-slot autosave of earlier versions into sessions, once', async () => {
    const kv = memoryKeyValue();
    const text = serializeGraph({ ...ppca(), meta: { ...ppca().meta, title: 'Old work' } });
    const backup = serializeGraph({ ...ppca(), meta: { ...ppca().meta, title: 'Older work' } });
    const weights = { snapshot: { variables: [{ name: 'w', shape: [1], data: new Float32Array([1.5]) }] }, structure: 'k', origin: 'run', savedAt: '2026-01-01T00:00:00Z' };
    await kv.setMany([
      [LEGACY_KEYS.doc, { text, savedAt: 2000 }],
      [LEGACY_KEYS.runs, { runs: [{ id: 'r' }], savedAt: 2000 }],
      [LEGACY_KEYS.weights, weights],
      [LEGACY_KEYS.previous, { doc: { text: backup, savedAt: 1000 }, backedUpAt: 1500 }],
    ]);
    const db = createSessionDb(kv);
    const ids = await db.migrateLegacy();
    expect(ids).toHaveLength(2);
    expect((await db.list()).map((m) => m.title)).toEqual(['Old work', 'Older work']);
    const current = await db.read(ids[0]);
    expect(current.doc!.text).toBe(text);
    expect(current.runs!.runs).toEqual([{ id: 'r' }]);
    expect(current.weights!.snapshot.variables[0].data).toEqual(new Float32Array([1.5]));
    expect((await db.read(ids[1])).doc!.text).toBe(backup);
    for (const k of Object.values(LEGACY_KEYS)) expect(await kv.get(k)).toBeUndefined();
    expect(await db.migrateLegacy()).toEqual([]);
    expect(await db.list()).toHaveLength(2);
  });
});
