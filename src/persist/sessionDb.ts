// The browser session on disk (IndexedDB, through idb-keyval): the open document as graph
// text, the runs, the trained weights, and one backup slot — the session a link opened
// over, so opening a shared graph never silently destroys the work that was there.
// Values are structured-cloned, so weights stay Float32Arrays (no base64 on every save).
import { createStore, del, get, getMany, setMany, set, type UseStore } from 'idb-keyval';
import type { WeightsSnapshot } from '../training/protocol';
import type { WeightsOrigin } from '../store/trainedWeights';

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
}

export interface SavedRuns {
  runs: unknown[];
  savedAt: number;
}

export interface SavedSession {
  doc?: SavedDoc;
  runs?: SavedRuns;
  weights?: SavedWeights;
}

/** The key/value operations used here (idb-keyval's, or a Map in tests). */
export interface KeyValue {
  get<T>(key: string): Promise<T | undefined>;
  getMany(keys: string[]): Promise<unknown[]>;
  set(key: string, value: unknown): Promise<void>;
  setMany(entries: [string, unknown][]): Promise<void>;
  del(key: string): Promise<void>;
}

const KEYS = { doc: 'doc', runs: 'runs', weights: 'weights', previous: 'previous' } as const;

function idbKeyValue(): KeyValue {
  let store: UseStore | undefined;
  const s = () => (store ??= createStore('latent-canvas', 'session'));
  return {
    get: (k) => get(k, s()),
    getMany: (k) => getMany(k, s()),
    set: (k, v) => set(k, v, s()),
    setMany: (e) => setMany(e, s()),
    del: (k) => del(k, s()),
  };
}

export interface SessionDb {
  read(): Promise<SavedSession>;
  writeDoc(doc: SavedDoc): Promise<void>;
  writeRuns(runs: SavedRuns): Promise<void>;
  writeWeights(w: SavedWeights | undefined): Promise<void>;
  /** Copies the saved session into the backup slot (replacing an older backup). */
  backup(session: SavedSession): Promise<void>;
  readBackup(): Promise<(SavedSession & { backedUpAt: number }) | undefined>;
  clearBackup(): Promise<void>;
}

export function createSessionDb(kv: KeyValue = idbKeyValue()): SessionDb {
  return {
    async read() {
      const [doc, runs, weights] = (await kv.getMany([KEYS.doc, KEYS.runs, KEYS.weights])) as [SavedDoc?, SavedRuns?, SavedWeights?];
      return { doc: doc ?? undefined, runs: runs ?? undefined, weights: weights ?? undefined };
    },
    writeDoc: (doc) => kv.set(KEYS.doc, doc),
    writeRuns: (runs) => kv.set(KEYS.runs, runs),
    writeWeights: (w) => (w ? kv.set(KEYS.weights, w) : kv.del(KEYS.weights)),
    backup: (session) => kv.set(KEYS.previous, { ...session, backedUpAt: Date.now() }),
    readBackup: () => kv.get(KEYS.previous),
    clearBackup: () => kv.del(KEYS.previous),
  };
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
  };
}
