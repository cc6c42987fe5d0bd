// Trained weights live beside the document, never inside it: a plain Save writes the graph
// only, undo never touches training, and an edit never carries stale numbers along. Each
// set of weights remembers the STRUCTURE of the graph it was trained for (node ids, kinds,
// params and wiring — not positions, labels or training settings); they count as the
// graph's weights only while the document still has that structure (undo back to it, and
// they count again).
//
// Where they come from: a finished run (the worker's weights()), a file saved with weights
// (its `weights` section, taken out of the document by replaceDoc), or the autosave.
import { create } from 'zustand';
import type { GraphDoc, GraphWeights } from '../graph/document';
import { decodeWeights, encodeWeights } from '../graph/weights';
import { structureKey } from '../graph/structureKey';

export { structureKey };
import type { DivergenceInfo, WeightsSnapshot } from '../training/protocol';
import { divergedWhere } from './runWords';

export type WeightsOrigin = 'run' | 'file' | 'autosave';

export interface TrainedWeights {
  snapshot: WeightsSnapshot;
  /** structureKey() of the document they were trained for. */
  structure: string;
  origin: WeightsOrigin;
  /** ISO time they were produced (the run's end, or the file's `savedAt`). */
  savedAt: string;
  backend?: string;
  /** Set when the run that produced them diverged: they are the checkpoint it restored. */
  diverged?: DivergenceInfo;
}

export interface TrainedWeightsState {
  trained: TrainedWeights | null;
  /** Why the weights of an opened file could not be used, for the status line. */
  problem?: string;
}

export const useTrainedWeights = create<TrainedWeightsState>()(() => ({ trained: null }));

/**
 * Keeps a run's (or a file's) weights as the graph's trained weights. A run that diverged
 * before any epoch finished restored the weights it started from: they are not trained
 * (fresh ones, or the ones already kept here), so they replace nothing.
 */
export function setTrainedWeights(doc: Pick<GraphDoc, 'nodes' | 'edges'>, snapshot: WeightsSnapshot, origin: WeightsOrigin, info: { savedAt?: string; backend?: string; diverged?: DivergenceInfo } = {}): void {
  if (info.diverged && info.diverged.restoredEpoch === 0) return;
  useTrainedWeights.setState({
    trained: { snapshot, structure: structureKey(doc), origin, savedAt: info.savedAt ?? new Date().toISOString(), backend: info.backend, ...(info.diverged && { diverged: info.diverged }) },
    problem: undefined,
  });
}

const ORIGIN_TEXT: Record<WeightsOrigin, string> = { run: 'trained in this session', file: 'loaded with the file', autosave: 'restored from this browser' };

/**
 * The top bar's badge for the trained weights: "Trained", or for the checkpoint a diverged
 * run restored, "Trained to epoch 3" with the divergence in its title.
 */
export function trainedBadge(t: TrainedWeights): { text: string; title: string } {
  const when = new Date(t.savedAt);
  const at = Number.isNaN(when.getTime()) ? '' : `, ${when.toLocaleString()}`;
  const next = `Save with weights keeps them in the file${t.origin === 'run' ? '' : '; the next training starts from them'}.`;
  if (t.diverged) {
    return {
      text: `Trained to epoch ${t.diverged.restoredEpoch}`,
      title: `The weights from the end of epoch ${t.diverged.restoredEpoch}, ${ORIGIN_TEXT[t.origin]}${at}: the run diverged ${divergedWhere(t.diverged)} and they were restored. ${next}`,
    };
  }
  return { text: 'Trained', title: `Trained weights ${ORIGIN_TEXT[t.origin]}${at}. ${next}` };
}

export function clearTrainedWeights(): void {
  useTrainedWeights.setState({ trained: null, problem: undefined });
}

/**
 * A document is being opened: its own weights section (if any) becomes the trained
 * weights; without one, weights of another graph are dropped.
 */
export function adoptDocWeights(doc: GraphDoc, section: GraphWeights | undefined): void {
  if (!section) {
    const t = useTrainedWeights.getState().trained;
    if (t && t.structure !== structureKey(doc)) clearTrainedWeights();
    return;
  }
  try {
    const variables = decodeWeights(section);
    setTrainedWeights(doc, { variables }, 'file', { savedAt: section.savedAt, backend: section.backend });
  } catch (e) {
    useTrainedWeights.setState({ trained: null, problem: `The graph's saved weights could not be read (${e instanceof Error ? e.message : String(e)}); it opens untrained.` });
  }
}

/** The trained weights of this document's structure, if there are any. */
export function weightsFor(doc: Pick<GraphDoc, 'nodes' | 'edges'>): TrainedWeights | undefined {
  const t = useTrainedWeights.getState().trained;
  return t && t.structure === structureKey(doc) ? t : undefined;
}

/**
 * What the next training run should start from: weights that the worker does not hold
 * already — those of a file opened trained, or restored after a reload. Weights of a run
 * of this session are in the worker; Train then starts afresh as before.
 */
export function initialWeightsFor(doc: Pick<GraphDoc, 'nodes' | 'edges'>): WeightsSnapshot | undefined {
  const t = weightsFor(doc);
  return t && t.origin !== 'run' ? t.snapshot : undefined;
}

/** The file's `weights` section for "Save with weights", or undefined if the graph is not trained. */
export function weightsSectionFor(doc: Pick<GraphDoc, 'nodes' | 'edges'>): GraphWeights | undefined {
  const t = weightsFor(doc);
  return t ? encodeWeights(t.snapshot.variables, { savedAt: t.savedAt, ...(t.backend ? { backend: t.backend } : {}) }) : undefined;
}

/** React: whether the open document has trained weights (for labels and buttons). */
export function useHasTrainedWeights(doc: Pick<GraphDoc, 'nodes' | 'edges'>): TrainedWeights | undefined {
  const t = useTrainedWeights((s) => s.trained);
  return t && t.structure === structureKey(doc) ? t : undefined;
}
