// Drops on the canvas: a palette entry adds that node where it lands; a .json file opens.
import { useCallback, type DragEvent } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useGraphStore } from '../../store';
import { droppedFile, readFileText } from '../../files/browserFiles';
import { BLOCK_DEF_MIME, NODE_KIND_MIME } from '../palette/paletteGroups';

export function useCanvasDrop() {
  const { screenToFlowPosition } = useReactFlow();

  const onDragOver = useCallback((e: DragEvent) => {
    const types = Array.from(e.dataTransfer.types);
    if (!types.includes(NODE_KIND_MIME) && !types.includes(BLOCK_DEF_MIME) && !types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = types.includes('Files') ? 'copy' : 'move';
  }, []);

  const onDrop = useCallback(
    async (e: DragEvent) => {
      e.preventDefault();
      const s = useGraphStore.getState();
      const kind = e.dataTransfer.getData(NODE_KIND_MIME);
      if (kind) {
        const p = screenToFlowPosition({ x: e.clientX, y: e.clientY });
        s.addNode(kind, { x: Math.round(p.x - 20), y: Math.round(p.y - 20) });
        return;
      }
      const defId = e.dataTransfer.getData(BLOCK_DEF_MIME);
      if (defId) {
        const p = screenToFlowPosition({ x: e.clientX, y: e.clientY });
        s.addBlockInstance(defId, { x: Math.round(p.x - 20), y: Math.round(p.y - 20) });
        return;
      }
      if (e.dataTransfer.files.length === 0) return;
      const file = droppedFile(e.dataTransfer, ['.json']);
      if (!file) return s.showStatus('Drop a .json graph file to open it.', 'error');
      s.openGraphText(await readFileText(file), file.name);
    },
    [screenToFlowPosition],
  );

  return { onDragOver, onDrop };
}
