// The lecture graphs from the repository's graphs/ folder; picking one opens it.
import { useEffect } from 'react';
import { galleryGraphs } from '../../files/galleryGraphs';
import { useGraphStore } from '../../store';

export function Gallery({ onClose }: { onClose: () => void }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className="modal gallery" role="dialog" aria-label="Gallery" data-testid="gallery" onClick={(e) => e.stopPropagation()}>
        <header>
          <h2>Gallery</h2>
          <button type="button" className="close" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
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
      </div>
    </div>
  );
}
