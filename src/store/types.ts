// The combined state of the editor store: one interface per slice, merged here so every
// slice can read the others through `get()` while declaring only its own part.
import type { StateCreator, StoreApi } from 'zustand';
import type { TemporalState } from 'zundo';
import type { GraphDoc, GraphEdge, GraphNode, TrainingSettings } from '../graph/document';
import type { ConnectionVerdict, Connection } from '../compiler/connection';
import type { EditResult, FieldErrors, XY } from './docEdits';

export interface DocSlice {
  /** The single source of truth: what is saved, undone and trained. */
  doc: GraphDoc;
  /** Bumped by replaceDoc, so views can refit the canvas to a newly opened graph. */
  docEpoch: number;
  replaceDoc(doc: GraphDoc): void;
  /**
   * Each edit below is refused, with a sentence on the status line, when the document it
   * would make breaks a limit the parser holds files to (src/graph/docLimits.ts).
   * Adds a node and selects it; undefined if it was refused.
   */
  addNode(kind: string, position: XY): string | undefined;
  connect(c: Connection): ConnectionVerdict;
  /** Like connect, but an input that already has an edge gets the new one instead (one undo step). */
  rewire(c: Connection): ConnectionVerdict;
  /** Adds copies of nodes and the edges among them (new ids, shifted), selected; one undo step. [] if refused. */
  pasteNodes(fragment: { nodes: GraphNode[]; edges: GraphEdge[] }): string[];
  /** Replaces a built-in estimator by its parts (src/nodes/expand.ts), one undo step; says what it did. */
  expandEstimator(nodeId: string): void;
  deleteElements(nodeIds: string[], edgeIds: string[]): void;
  moveNodes(moves: ReadonlyMap<string, XY>): void;
  /** Lays out the nodes (default: all of the open view) with ELK, left to right; one undo step. Whether anything moved. */
  autoLayout(nodeIds?: readonly string[]): Promise<boolean>;
  /** Applies the patch only if the node kind's schema accepts it; returns the field errors otherwise. */
  updateParams(nodeId: string, patch: Record<string, unknown>): EditResult;
  updateTraining(patch: Partial<TrainingSettings>): EditResult;
  /** Returns why the label was refused, or null when it was applied. */
  setNodeLabel(nodeId: string, label: string): string | null;
  /** Returns why the title was refused, or null when it was applied. */
  setTitle(title: string): string | null;
  /** Merges a patch into the document's meta (title, description, notes); one undo step. Returns why it was refused, or null. */
  updateMeta(patch: Partial<GraphDoc['meta']>): string | null;
}

export interface SelectionSlice {
  selectedNodeIds: string[];
  selectedEdgeIds: string[];
  /** The node the inspector shows: the one selected last, or null. */
  selectedNodeId: string | null;
  setSelection(nodeIds: string[], edgeIds: string[]): void;
  selectNode(nodeId: string | null): void;
}

export interface Size {
  width: number;
  height: number;
}

export interface StatusMessage {
  text: string;
  tone: 'info' | 'error';
  /** Distinguishes two equal messages in a row (so the second one restarts its timer). */
  seq: number;
}

export interface FileProblem {
  fileName: string;
  errors: string[];
}

export interface ViewSlice {
  /** Node sizes React Flow measured; kept so derived nodes are not re-measured on every edit. */
  measured: Record<string, Size>;
  setMeasured(sizes: Record<string, Size>): void;
  status: StatusMessage | null;
  showStatus(text: string, tone?: StatusMessage['tone']): void;
  clearStatus(): void;
  fileProblem: FileProblem | null;
  clearFileProblem(): void;
  /** Parses a graph file and opens it, or reports why not and leaves the open graph as it was. */
  openGraphText(text: string, fileName: string): boolean;
}

export interface HistorySlice {
  /**
   * Groups every doc change until endGesture into one undo step (a text edit). A node drag
   * needs none: its moves stay in the drag preview (dragPreview.ts) until it ends.
   */
  beginGesture(): void;
  endGesture(): void;
  /** Forgets all history and any gesture in progress (a new document was opened). */
  resetHistory(): void;
  undo(): void;
  redo(): void;
}

export interface BlockSlice {
  /**
   * The blocks opened, from the top graph down: instance ids, each in the definition of the
   * one before. The canvas shows (and every edit above applies to) the last one's
   * definition; [] is the top graph. Navigation, not an edit: it is never undone.
   */
  blockPath: string[];
  openBlock(instanceId: string): void;
  /** Closes the innermost open block (Escape). */
  closeBlock(): void;
  /** Goes up to a level of the breadcrumb: 0 is the top graph. */
  goToLevel(depth: number): void;
  /** Puts the nodes (default: the selection) into a new block; returns the instance's id. */
  makeBlock(nodeIds?: string[]): string | undefined;
  /** Replaces a block instance (default: the selected one) by its inner nodes. */
  ungroupBlock(instanceId?: string): void;
  /** Adds an instance of a definition (the palette's Blocks section); returns its id. */
  addBlockInstance(defId: string, position: XY): string | undefined;
  /** Returns why the name was refused, or null when it was applied. */
  renameBlock(defId: string, title: string): string | null;
  /** Reads a .block.json file and adds its definition(s); the new definition's id, or undefined (and why, on the status line). */
  importBlockText(text: string, fileName: string): string | undefined;
}

export interface LockSlice {
  /**
   * View only (src/store/lockSlice.ts): every edit action is refused while it is on; the
   * canvas, the inspector and the top bar read it too. Set by `?view`, the embed view and
   * presentation mode; the top bar's Unlock clears it.
   */
  viewOnly: boolean;
  setViewOnly(on: boolean): void;
}

export type GraphState = DocSlice & SelectionSlice & ViewSlice & HistorySlice & BlockSlice & LockSlice;
export type { FieldErrors };

/** The undo store zundo attaches to the editor store; its snapshots hold the doc only. */
export type DocHistory = StoreApi<TemporalState<Pick<GraphState, 'doc'>>>;

export type Slice<T> = StateCreator<GraphState, [['temporal', unknown]], [], T>;

/** zundo types its store as `unknown` inside the creator; this names what it really is. */
export function historyOf(api: { temporal: unknown }): DocHistory {
  return api.temporal as DocHistory;
}
