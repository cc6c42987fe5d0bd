// The node catalogue: click an entry to add it at the centre of the view (in the nearest
// free spot), or drag it onto the canvas to place it where it is released.
import { useCallback } from 'react';
import { useStoreApi } from '@xyflow/react';
import { useGraphStore } from '../../store';
import { freeSpot, viewCenter } from './placement';
import { NODE_KIND_MIME, paletteGroups } from './paletteGroups';
import { BlocksSection } from './BlocksSection';
import { viewDoc } from '../../store/blockView';

const groups = paletteGroups();

export function Palette() {
  const flow = useStoreApi();
  const add = useCallback(
    (kind: string) => {
      const { width, height, transform } = flow.getState();
      const s = useGraphStore.getState();
      s.addNode(kind, freeSpot(viewDoc(s), viewCenter(width, height, transform), s.measured, kind));
    },
    [flow],
  );

  return (
    <nav className="palette" aria-label="Node palette">
      {groups.map((g) => (
        <section key={g.family} className={`palette-group family-${g.family}`}>
          <h3>{g.title}</h3>
          {g.specs.map((spec) => (
            <button
              key={spec.kind}
              type="button"
              className="palette-entry"
              data-testid={`palette-${spec.kind}`}
              title={spec.doc}
              draggable
              onDragStart={(e) => {
                e.dataTransfer.setData(NODE_KIND_MIME, spec.kind);
                e.dataTransfer.effectAllowed = 'copy';
              }}
              onClick={() => add(spec.kind)}
            >
              {spec.title}
            </button>
          ))}
        </section>
      ))}
      <BlocksSection view={() => flow.getState()} />
    </nav>
  );
}
