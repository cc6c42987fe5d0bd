// Blocks in the editor: navigation (open, close, the breadcrumb's levels) and the block
// edits. Navigation is not undoable (it changes no document); every edit goes through the
// same path as the others — made on the view, written back, checked against the limits,
// one `set` and so one undo step.
import type { GraphDoc } from '../graph/document';
import { documentProblems } from '../graph/docLimits';
import { makeBlock } from '../graph/blocks/make';
import { ungroupBlock } from '../graph/blocks/ungroup';
import { blockDefOf, isBlockNode } from '../graph/blocks/ports';
import { parseBlockFile, withBlockImported } from '../graph/blocks/blockFile';
import { freeNodeId } from '../graph/blocks/make';
import { unscope } from '../graph/blocks/scope';
import { BLOCK_KIND, instanceParams } from '../nodes/block/spec';
import { LIMITS } from '../graph/limits';
import { openLevels, viewOf } from './blockView';
import type { BlockSlice, GraphState, Slice } from './types';

function refused(next: GraphDoc, get: () => GraphState, notDone: string): string | undefined {
  const problems = documentProblems(next);
  if (problems.length === 0) return undefined;
  const why = `${problems[0]} ${notDone}`;
  get().showStatus(why, 'error');
  return why;
}

export const createBlockSlice: Slice<BlockSlice> = (set, get) => {
  /** Moves to another level: nothing selected there yet, and its nodes measured afresh. */
  const goTo = (blockPath: string[]) => set({ blockPath, selectedNodeIds: [], selectedEdgeIds: [], selectedNodeId: null, measured: {} });

  return {
    blockPath: [],

    openBlock(instanceId) {
      const s = get();
      const v = viewOf(s);
      const inst = v.doc.nodes.find((n) => n.id === instanceId);
      if (!inst || !isBlockNode(inst)) return;
      if (!blockDefOf(v.doc.blocks, inst)) return void s.showStatus('This block’s definition is missing, so it cannot be opened.', 'error');
      goTo([...openLevels(s).map((l) => l.instanceId), instanceId]);
    },

    closeBlock() {
      const levels = openLevels(get());
      if (levels.length) goTo(levels.slice(0, -1).map((l) => l.instanceId));
    },

    goToLevel(depth) {
      const levels = openLevels(get());
      if (depth < levels.length) goTo(levels.slice(0, Math.max(0, depth)).map((l) => l.instanceId));
    },

    makeBlock(nodeIds) {
      const s = get();
      const v = viewOf(s);
      const r = makeBlock(v.doc, nodeIds ?? s.selectedNodeIds);
      if (!r.ok) return void s.showStatus(r.reason, 'error');
      const doc = unscope(v.root, v.defId, r.doc);
      if (refused(doc, get, 'The block was not made.')) return undefined;
      set({ doc, selectedNodeIds: [r.instanceId], selectedEdgeIds: [], selectedNodeId: r.instanceId });
      return r.instanceId;
    },

    ungroupBlock(instanceId) {
      const s = get();
      const v = viewOf(s);
      const id = instanceId ?? s.selectedNodeIds.find((n) => { const node = v.doc.nodes.find((m) => m.id === n); return node && isBlockNode(node); });
      if (!id) return void s.showStatus('Select a block to ungroup.', 'error');
      const r = ungroupBlock(v.doc, id);
      if (!r.ok) return void s.showStatus(r.reason, 'error');
      const doc = unscope(v.root, v.defId, r.doc);
      if (refused(doc, get, 'The block was not ungrouped.')) return;
      set({ doc, selectedNodeIds: r.ids, selectedEdgeIds: [], selectedNodeId: r.ids[r.ids.length - 1] ?? null });
    },

    addBlockInstance(defId, position) {
      const s = get();
      const v = viewOf(s);
      if (!v.root.blocks?.[defId]) return undefined;
      // An instance of a block inside itself is refused by the limits check ("contains itself").
      const id = freeNodeId(v.doc.nodes, BLOCK_KIND);
      const edited: GraphDoc = { ...v.doc, nodes: [...v.doc.nodes, { id, kind: BLOCK_KIND, params: instanceParams(defId), position: { x: position.x, y: position.y } }] };
      const doc = unscope(v.root, v.defId, edited);
      if (refused(doc, get, 'The block was not added.')) return undefined;
      set({ doc, selectedNodeIds: [id], selectedEdgeIds: [], selectedNodeId: id });
      return id;
    },

    renameBlock(defId, title) {
      const s = get();
      const def = s.doc.blocks?.[defId];
      if (!def) return 'That block no longer exists.';
      if (def.title === title) return null;
      if (title.length > LIMITS.titleChars) {
        const why = `A block’s name may be at most ${LIMITS.titleChars} characters.`;
        s.showStatus(why, 'error');
        return why;
      }
      const doc = { ...s.doc, blocks: { ...s.doc.blocks, [defId]: { ...def, title } } };
      const why = refused(doc, get, 'The block was not renamed.');
      if (!why) set({ doc });
      return why ?? null;
    },

    importBlockText(text, fileName) {
      const s = get();
      const r = parseBlockFile(text, fileName);
      if (!r.ok) {
        set({ fileProblem: { fileName, errors: r.errors } });
        s.showStatus(`Could not import ${fileName}.`, 'error');
        return undefined;
      }
      const { doc, defId } = withBlockImported(s.doc, r.file);
      if (refused(doc, get, 'The block was not imported.')) return undefined;
      set({ doc, fileProblem: null });
      s.showStatus(`Imported the block “${r.file.block.title}” from ${fileName}: it is in the palette under Blocks.`);
      return defId;
    },
  };
};

