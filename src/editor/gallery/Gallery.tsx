// The lecture graphs from the repository's graphs/ folder, in the course's order: Part I,
// Part II, then the variants, each with its step number and a picture; picking one opens it.
// Above them, the courses (courses/*.course.json): picking one opens it at the step reached.
import { gallerySections } from '../../files/galleryGraphs';
import { Modal } from '../Modal';
import { GraphThumbnail } from './GraphThumbnail';
import { openGalleryGraph } from './openGalleryGraph';
import { bundledCourses } from '../../course/bundled';
import { openBundledCourse } from '../../course/openCourse';
import './gallery.css';

export function Gallery({ onClose }: { onClose: () => void }) {
  const sections = gallerySections();
  return (
    <Modal title="Gallery" className="gallery" testId="gallery" onClose={onClose}>
      {bundledCourses.length ? (
        <section className="gallery-courses" data-testid="gallery-section-courses" aria-labelledby="gallery-h-courses">
          <h3 id="gallery-h-courses">Courses</h3>
          <p className="gallery-blurb">The lecture step by step, with notes and tasks that check themselves; it goes on from the step you reached.</p>
          <ul>
            {bundledCourses.map((c) => (
              <li key={c.name}>
                <button type="button" className="gallery-course" data-testid={`gallery-course-${c.name}`} onClick={() => openBundledCourse(c.name) && onClose()}>
                  <span className="gallery-text">
                    <strong>{c.title}</strong>
                    <span className="gallery-file">
                      {c.fileName} · {c.steps} steps
                    </span>
                    {c.description ? <span className="gallery-description">{c.description}</span> : null}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
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
