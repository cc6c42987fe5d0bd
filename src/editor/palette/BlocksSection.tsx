// The palette's "Blocks" section: the document's block definitions. Click one to add an
// instance at the centre of the view, or drag it onto the canvas; ⤓ downloads it as a
// .block.json file; Import… adds the definition(s) of such a file to the document.
import { useShallow } from 'zustand/react/shallow';
import { useGraphStore } from '../../store';
import { viewDoc } from '../../store/blockView';
import { downloadText } from '../../files/browserFiles';
import { JsonFilePicker } from '../files/JsonFilePicker';
import { blockFileName, serializeBlockFile } from '../../graph/blocks/blockFile';
import { freeSpot, viewCenter } from './placement';
import { BLOCK_DEF_MIME } from './paletteGroups';

export function BlocksSection({ view }: { view: () => { width: number; height: number; transform: readonly [number, number, number] } }) {
  const defs = useGraphStore(useShallow((s) => Object.entries(s.doc.blocks ?? {}).map(([id, d]) => `${id}\u0000${d.title}`)));

  const add = (defId: string) => {
    const { width, height, transform } = view();
    const s = useGraphStore.getState();
    s.addBlockInstance(defId, freeSpot(viewDoc(s), viewCenter(width, height, transform)));
  };
  const exportBlock = (defId: string) => {
    const s = useGraphStore.getState();
    const def = s.doc.blocks?.[defId];
    if (!def) return;
    const name = blockFileName(def);
    downloadText(name, serializeBlockFile(s.doc, defId));
    s.showStatus(`Saved the block “${def.title}” as ${name}.`);
  };

  return (
    <section className="palette-group family-block" data-testid="palette-blocks">
      <h3>Blocks</h3>
      {defs.length === 0 ? <p className="palette-hint">Select nodes and press Make block (Ctrl+G) to make one.</p> : null}
      {defs.map((entry) => {
        const [id, title] = entry.split('\u0000');
        return (
          <div key={id} className="palette-block-row">
            <button
              type="button"
              className="palette-entry"
              data-testid={`palette-block-${id}`}
              title={`Add another instance of “${title}” (its definition is shared: an edit inside changes every instance)`}
              draggable
              onDragStart={(e) => {
                e.dataTransfer.setData(BLOCK_DEF_MIME, id);
                e.dataTransfer.effectAllowed = 'copy';
              }}
              onClick={() => add(id)}
            >
              {title || 'Block'}
            </button>
            <button type="button" className="palette-block-export" data-testid={`export-block-${id}`} title={`Download “${title}” as a .block.json file`} aria-label={`Export ${title}`} onClick={() => exportBlock(id)}>
              ⤓
            </button>
          </div>
        );
      })}
      <JsonFilePicker
        className="palette-block-import"
        buttonTestId="import-block"
        inputTestId="import-block-input"
        title="Add a block from a .block.json file"
        onText={(text, name) => useGraphStore.getState().importBlockText(text, name)}
      >
        Import block…
      </JsonFilePicker>
    </section>
  );
}
