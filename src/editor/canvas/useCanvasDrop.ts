// Drops on the canvas: a palette entry adds that node where it lands; a .json file opens.
import { useCallback, type DragEvent } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useGraphStore } from '../../store';
import { droppedFile, readFileText } from '../../files/browserFiles';
import { openFileText } from '../../course/openCourse';
import { BLOCK_DEF_MIME, NODE_KIND_MIME } from '../palette/paletteGroups';

/** Screen pixels between the pointer and the dropped node's top-left corner. */
const DROP_INSET = 12;

export function useCanvasDrop() {
  const { screenToFlowPosition } = useReactFlow();

  const onDragOver = useCallback((e: DragEvent) => {
    const types = Array.from(e.dataTransfer.types);
    if (!types.includes(NODE_KIND_MIME) && !types.includes(BLOCK_DEF_MIME) && !types.includes('Files')) return;
    e.preventDefault();
    // The palette allows 'copy' only: any other drop effect makes the browser refuse the drop.
    e.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    async (e: DragEvent) => {
      e.preventDefault();
      const s = useGraphStore.getState();
      // The node's corner lands just above-left of the pointer, at any zoom.
      const at = () => {
        const p = screenToFlowPosition({ x: e.clientX - DROP_INSET, y: e.clientY - DROP_INSET });
        return { x: Math.round(p.x), y: Math.round(p.y) };
      };
      const kind = e.dataTransfer.getData(NODE_KIND_MIME);
      if (kind) {
        s.addNode(kind, at());
        return;
      }
      const defId = e.dataTransfer.getData(BLOCK_DEF_MIME);
      if (defId) {
        s.addBlockInstance(defId, at());
        return;
      }
      if (e.dataTransfer.files.length === 0) return;
      const file = droppedFile(e.dataTransfer, ['.json']);
      if (!file) return s.showStatus('Drop a .json graph file to open it.', 'error');
      // A course file (its "format" says so) opens as a course, anything else as a graph.
      openFileText(await readFileText(file), file.name);
    },
    [screenToFlowPosition],
  );

  return { onDragOver, onDrop };
}
