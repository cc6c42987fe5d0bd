// The browser's sessions on disk (IndexedDB, through idb-keyval). Every tab is its own
// session with its own keys, so two tabs never write the same key:
//   session:<id>:meta        title, times, node count — what the Recent list shows
//   session:<id>:doc         the document as graph text (big strings as dataset markers)
//   session:<id>:runs        the runs (their docJson with markers too)
//   session:<id>:weights     the trained weights
//   session:<id>:checkpoint  the weights of a run still training, taken every few seconds
//   dataset:<hash>           a big string, stored once, keyed by its content
//   dataset-info:<hash>      its size and when it was stored (read without the text)
// Values are structured-cloned, so weights stay Float32Arrays (no base64 on every save).
import { createStore, del, delMany, get, getMany, keys, setMany, set, type UseStore } from 'idb-keyval';
import type { GraphDoc } from '../graph/document';
import { serializeGraph } from '../graph/parse';
import type { WeightsSnapshot } from '../training/protocol';
import type { WeightsOrigin } from '../store/trainedWeights';
import type { RunRecord } from '../store/runsStore';
import { DatasetIndex, referencedHashes, rehydrateText } from './datasets';
import type { DivergenceInfo } from '../training/protocol';

export interface SavedDoc {
  /** The document as a graph file (serializeGraph), so loading it goes through the parser. */
  text: string;
  savedAt: number;
}

export interface SavedWeights {
  snapshot: WeightsSnapshot;
  structure: string;
  origin: WeightsOrigin;
  savedAt: string;
  backend?: string;
  /** The run that produced them diverged and these are the checkpoint it restored (so a reload still says so). */
  diverged?: DivergenceInfo;
}

export interface SavedRuns {
  runs: unknown[];
  savedAt: number;
}

/** The weights of a run taken while it trained, so a reload mid-training keeps them. */
export interface RunCheckpoint {
  runId: string;
  /** The last epoch the run had recorded when the worker answered. */
  epoch: number;
  snapshot: WeightsSnapshot;
  backend?: string;
  savedAt: number;
}

export interface SessionMeta {
  id: string;
  title: string;
  nodeCount: number;
  createdAt: number;
  savedAt: number;
}

export interface SavedSession {
  meta?: SessionMeta;
  doc?: SavedDoc;
  runs?: SavedRuns;
  weights?: SavedWeights;
  checkpoint?: RunCheckpoint;
  /** Datasets the session refers to that are not in storage any more. */
  missingDatasets?: number;
}

/** The key/value operations used here (idb-keyval's, or a Map in tests). */
export interface KeyValue {
  get<T>(key: string): Promise<T | undefined>;
  getMany(keys: string[]): Promise<unknown[]>;
  set(key: string, value: unknown): Promise<void>;
  setMany(entries: [string, unknown][]): Promise<void>;
  del(key: string): Promise<void>;
  delMany(keys: string[]): Promise<void>;
  keys(): Promise<string[]>;
}

/** The single-slot layout of earlier versions (one session for the whole browser). */
export const LEGACY_KEYS = { doc: 'doc', runs: 'runs', weights: 'weights', previous: 'previous' } as const;

const PARTS = ['meta', 'doc', 'runs', 'weights', 'checkpoint'] as const;
type Part = (typeof PARTS)[number];
const key = (id: string, part: Part) => `session:${id}:${part}`;
const META_KEY = /^session:(.+):meta$/;
const datasetKey = (hash: string) => `dataset:${hash}`;
const datasetInfoKey = (hash: string) => `dataset-info:${hash}`;

interface DatasetInfo {
  chars: number;
  storedAt: number;
}

function idbKeyValue(): KeyValue {
  let store: UseStore | undefined;
  const s = () => (store ??= createStore('latent-canvas', 'session'));
  return {
    get: (k) => get(k, s()),
    getMany: (k) => getMany(k, s()),
    set: (k, v) => set(k, v, s()),
    setMany: (e) => setMany(e, s()),
    del: (k) => del(k, s()),
    delMany: (k) => delMany(k, s()),
    keys: async () => (await keys(s())).map(String),
  };
}

export function newSessionId(): string {
  const random = globalThis.crypto?.randomUUID?.() ?? `${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
  return `s-${Date.now().toString(36)}-${random.slice(0, 8)}`;
}

export interface SessionDb {
  /** Every saved session, the most recently saved first. */
  list(): Promise<SessionMeta[]>;
  read(id: string): Promise<SavedSession>;
  writeDoc(id: string, doc: GraphDoc): Promise<void>;
  writeRuns(id: string, runs: readonly RunRecord[]): Promise<void>;
  writeWeights(id: string, w: SavedWeights | undefined): Promise<void>;
  writeCheckpoint(id: string, c: RunCheckpoint | undefined): Promise<void>;
  remove(id: string): Promise<void>;
  /** Removes all but the `keep` most recent sessions, never one in `protect`; returns the removed ids. */
  prune(keep: number, protect: ReadonlySet<string>): Promise<string[]>;
  /** Deletes datasets no saved session refers to (stored more than `graceMs` ago); returns how many. */
  collectDatasets(graceMs?: number): Promise<number>;
  /** Moves the single-slot data of earlier versions into sessions, once; returns their ids, newest first. */
  migrateLegacy(): Promise<string[]>;
}

/** A new dataset is safe from collection this long: the doc that refers to it is written right after it. */
export const DATASET_GRACE_MS = 10 * 60_000;

export function createSessionDb(kv: KeyValue = idbKeyValue()): SessionDb {
  const index = new DatasetIndex();
  const createdAt = new Map<string, number>();
  /** Each run's stored docJson, made once per run (a run's docJson never changes). */
  const storedRunDocs = new Map<string, { docJson: string; stored: string; datasets: Map<string, string> }>();

  /** Writes the datasets not yet in storage (checked through their small info keys). */
  async function ensureDatasets(datasets: Map<string, string>): Promise<void> {
    if (datasets.size === 0) return;
    const hashes = [...datasets.keys()];
    const infos = await kv.getMany(hashes.map(datasetInfoKey));
    const entries: [string, unknown][] = [];
    hashes.forEach((h, i) => {
      if (infos[i]) return;
      const text = datasets.get(h)!;
      entries.push([datasetKey(h), text], [datasetInfoKey(h), { chars: text.length, storedAt: Date.now() } satisfies DatasetInfo]);
    });
    if (entries.length) await kv.setMany(entries);
  }

  async function createdAtOf(id: string): Promise<number> {
    let at = createdAt.get(id);
    if (at === undefined) {
      at = (await kv.get<SessionMeta>(key(id, 'meta')))?.createdAt ?? Date.now();
      createdAt.set(id, at);
    }
    return at;
  }

  async function readDatasets(hashes: string[]): Promise<Map<string, string>> {
    const values = hashes.length ? await kv.getMany(hashes.map(datasetKey)) : [];
    const out = new Map<string, string>();
    hashes.forEach((h, i) => {
      const v = values[i];
      if (typeof v === 'string') {
        out.set(h, v);
        index.remember(v, h);
      }
    });
    return out;
  }

  async function referencedBy(ids: string[]): Promise<Set<string>> {
    const referenced = new Set<string>();
    const texts = await kv.getMany(ids.flatMap((id) => [key(id, 'doc'), key(id, 'runs')]));
    for (const t of texts) {
      const doc = t as SavedDoc | SavedRuns | undefined;
      if (doc && 'text' in doc && typeof doc.text === 'string') referencedHashes(doc.text).forEach((h) => referenced.add(h));
      if (doc && 'runs' in doc && Array.isArray(doc.runs))
        for (const r of doc.runs) if (typeof (r as RunRecord)?.docJson === 'string') referencedHashes((r as RunRecord).docJson).forEach((h) => referenced.add(h));
    }
    return referenced;
  }

  const db: SessionDb = {
    async list() {
      const ids = (await kv.keys()).flatMap((k) => META_KEY.exec(k)?.[1] ?? []);
      const metas = (await kv.getMany(ids.map((id) => key(id, 'meta')))) as (SessionMeta | undefined)[];
      return metas.filter((m): m is SessionMeta => !!m && typeof m.id === 'string').sort((a, b) => b.savedAt - a.savedAt);
    },

    async read(id) {
      const [meta, doc, runs, weights, checkpoint] = (await kv.getMany(PARTS.map((p) => key(id, p)))) as [SessionMeta?, SavedDoc?, SavedRuns?, SavedWeights?, RunCheckpoint?];
      if (meta) createdAt.set(id, meta.createdAt);
      const runList = Array.isArray(runs?.runs) ? runs.runs : [];
      const hashes = new Set<string>(doc ? referencedHashes(doc.text) : []);
      for (const r of runList) if (typeof (r as RunRecord)?.docJson === 'string') referencedHashes((r as RunRecord).docJson).forEach((h) => hashes.add(h));
      const datasets = await readDatasets([...hashes]);
      const missing = new Set<string>();
      const fill = (text: string) => {
        const r = rehydrateText(text, datasets);
        r.missing.forEach((h) => missing.add(h));
        return r.text;
      };
      return {
        meta: meta ?? undefined,
        doc: doc ? { ...doc, text: fill(doc.text) } : undefined,
        runs: runs ? { ...runs, runs: runList.map((r) => (typeof (r as RunRecord)?.docJson === 'string' ? { ...(r as RunRecord), docJson: fill((r as RunRecord).docJson) } : r)) } : undefined,
        weights: weights ?? undefined,
        checkpoint: checkpoint ?? undefined,
        missingDatasets: missing.size,
      };
    },

    async writeDoc(id, doc) {
      const { value: small, datasets } = await index.externalize(doc);
      await ensureDatasets(datasets);
      const now = Date.now();
      const meta: SessionMeta = { id, title: doc.meta.title, nodeCount: doc.nodes.length, createdAt: await createdAtOf(id), savedAt: now };
      await kv.setMany([
        [key(id, 'doc'), { text: serializeGraph(small), savedAt: now } satisfies SavedDoc],
        [key(id, 'meta'), meta],
      ]);
    },

    async writeRuns(id, runs) {
      const all = new Map<string, string>();
      const stored: RunRecord[] = [];
      for (const r of runs) {
        let s = storedRunDocs.get(r.id);
        if (!s || s.docJson !== r.docJson) {
          const x = await index.externalizeText(r.docJson);
          s = { docJson: r.docJson, stored: x.text, datasets: x.datasets };
          storedRunDocs.set(r.id, s);
        }
        s.datasets.forEach((v, h) => all.set(h, v));
        stored.push({ ...r, docJson: s.stored });
      }
      await ensureDatasets(all);
      await kv.set(key(id, 'runs'), { runs: stored, savedAt: Date.now() } satisfies SavedRuns);
    },

    writeWeights: (id, w) => (w ? kv.set(key(id, 'weights'), w) : kv.del(key(id, 'weights'))),
    writeCheckpoint: (id, c) => (c ? kv.set(key(id, 'checkpoint'), c) : kv.del(key(id, 'checkpoint'))),

    async remove(id) {
      createdAt.delete(id);
      await kv.delMany(PARTS.map((p) => key(id, p)));
    },

    async prune(keep, protect) {
      const metas = await db.list();
      const removed = metas.slice(keep).filter((m) => !protect.has(m.id)).map((m) => m.id);
      for (const id of removed) await db.remove(id);
      return removed;
    },

    async collectDatasets(graceMs = DATASET_GRACE_MS) {
      const all = await kv.keys();
      const hashes = all.flatMap((k) => (k.startsWith('dataset-info:') ? [k.slice('dataset-info:'.length)] : []));
      if (hashes.length === 0) return 0;
      const referenced = await referencedBy(all.flatMap((k) => META_KEY.exec(k)?.[1] ?? []));
      const infos = (await kv.getMany(hashes.map(datasetInfoKey))) as (DatasetInfo | undefined)[];
      const old = Date.now() - graceMs;
      const unused = hashes.filter((h, i) => !referenced.has(h) && (infos[i]?.storedAt ?? 0) <= old);
      if (unused.length) await kv.delMany(unused.flatMap((h) => [datasetKey(h), datasetInfoKey(h)]));
      return unused.length;
    },

    async migrateLegacy() {
      const [doc, runs, weights, previous] = (await kv.getMany([LEGACY_KEYS.doc, LEGACY_KEYS.runs, LEGACY_KEYS.weights, LEGACY_KEYS.previous])) as [
        SavedDoc?,
        SavedRuns?,
        SavedWeights?,
        ({ doc?: SavedDoc; runs?: SavedRuns; weights?: SavedWeights; backedUpAt?: number } | undefined)?,
      ];
      const ids: string[] = [];
      // The stored texts are kept as they are (no markers yet): the next autosave of the
      // session moves their big strings into datasets.
      const move = async (d: SavedDoc, r: SavedRuns | undefined, w: SavedWeights | undefined, savedAt: number) => {
        const id = newSessionId();
        let title = 'Untitled graph';
        let nodeCount = 0;
        try {
          const parsed = JSON.parse(d.text) as { meta?: { title?: unknown }; nodes?: unknown[] };
          if (typeof parsed.meta?.title === 'string') title = parsed.meta.title;
          if (Array.isArray(parsed.nodes)) nodeCount = parsed.nodes.length;
        } catch {
          // Opening it will show the parser's reasons; the Recent list still offers it.
        }
        const entries: [string, unknown][] = [
          [key(id, 'doc'), d],
          [key(id, 'meta'), { id, title, nodeCount, createdAt: savedAt, savedAt } satisfies SessionMeta],
        ];
        if (r) entries.push([key(id, 'runs'), r]);
        if (w) entries.push([key(id, 'weights'), w]);
        await kv.setMany(entries);
        ids.push(id);
      };
      if (doc?.text) await move(doc, runs, weights, doc.savedAt ?? Date.now());
      if (previous?.doc?.text) await move(previous.doc, previous.runs, previous.weights, Math.min(previous.backedUpAt ?? 0, (doc?.savedAt ?? Date.now()) - 1));
      if (doc || runs || weights || previous) await kv.delMany(Object.values(LEGACY_KEYS));
      return ids;
    },
  };
  return db;
}

/** An in-memory KeyValue (tests, and a browser where IndexedDB is unavailable). */
export function memoryKeyValue(): KeyValue {
  const m = new Map<string, unknown>();
  return {
    get: async <T,>(k: string) => structuredClone(m.get(k)) as T | undefined,
    getMany: async (ks) => ks.map((k) => structuredClone(m.get(k))),
    set: async (k, v) => void m.set(k, structuredClone(v)),
    setMany: async (es) => es.forEach(([k, v]) => m.set(k, structuredClone(v))),
    del: async (k) => void m.delete(k),
    delMany: async (ks) => ks.forEach((k) => m.delete(k)),
    keys: async () => [...m.keys()],
  };
}
