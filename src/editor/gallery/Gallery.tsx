// The lecture graphs from the repository's graphs/ folder; picking one opens it.
import { galleryGraphs } from '../../files/galleryGraphs';
import { useGraphStore } from '../../store';
import { Modal } from '../Modal';

export function Gallery({ onClose }: { onClose: () => void }) {
  return (
    <Modal title="Gallery" className="gallery" testId="gallery" onClose={onClose}>
      {galleryGraphs.length === 0 ? <p>No graphs in graphs/ yet.</p> : null}
      <ul>
        {galleryGraphs.map((g) => (
          <li key={g.name}>
            <button
              type="button"
              className="gallery-item"
              data-testid={`gallery-item-${g.name}`}
              onClick={() => {
                if (useGraphStore.getState().openGraphText(g.text, g.fileName)) onClose();
              }}
            >
              <strong>{g.title}</strong>
              <span className="gallery-file">{g.fileName}</span>
              {g.description ? <span className="gallery-description">{g.description}</span> : null}
            </button>
          </li>
        ))}
      </ul>
    </Modal>
  );
}
