// The lecture graphs from the repository's graphs/ folder, in the course's order: Part I,
// Part II, then the variants, each with its step number and a picture; picking one opens it.
import { gallerySections } from '../../files/galleryGraphs';
import { Modal } from '../Modal';
import { GraphThumbnail } from './GraphThumbnail';
import { openGalleryGraph } from './openGalleryGraph';
import './gallery.css';

export function Gallery({ onClose }: { onClose: () => void }) {
  const sections = gallerySections();
  return (
    <Modal title="Gallery" className="gallery" testId="gallery" onClose={onClose}>
      {sections.length === 0 ? <p>No graphs in graphs/ yet.</p> : null}
      {sections.map(({ section, steps }) => (
        <section key={section.id} className="gallery-section" data-testid={`gallery-section-${section.id}`} aria-labelledby={`gallery-h-${section.id}`}>
          <h3 id={`gallery-h-${section.id}`}>{section.title}</h3>
          <p className="gallery-blurb">{section.blurb}</p>
          <ul>
            {steps.map(({ graph: g, step }) => (
              <li key={g.name}>
                <button type="button" className="gallery-item" data-testid={`gallery-item-${g.name}`} data-step={step} onClick={() => openGalleryGraph(g) && onClose()}>
                  <GraphThumbnail text={g.text} label={`The graph of ${g.title}`} />
                  <span className="gallery-text">
                    <strong>
                      <span className="gallery-step">{step}</span> {g.title}
                    </strong>
                    <span className="gallery-file">{g.fileName}</span>
                    {g.description ? <span className="gallery-description">{g.description}</span> : null}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Modal>
  );
}
