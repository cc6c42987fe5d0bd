// Previous/Next through the course: shown while the open graph is a gallery graph, it opens
// the neighbouring step through the gallery's own open path, so the work open goes to Recent.
import { galleryGraphs, galleryIndexOf } from '../../files/galleryGraphs';
import { useGraphStore } from '../../store';
import { openGalleryGraph } from './openGalleryGraph';
import { useCourse } from '../../store/courseStore';
import './gallery.css';

export function GalleryStepper() {
  const title = useGraphStore((s) => s.doc.meta.title);
  const i = galleryIndexOf(title);
  // While a course is open its own bar steps through it (src/editor/course/StepBar.tsx).
  const inCourse = useCourse((s) => s.course !== null);
  if (i < 0 || inCourse) return null;
  const prev = galleryGraphs[i - 1];
  const next = galleryGraphs[i + 1];
  return (
    <nav className="gallery-stepper" aria-label="Lecture steps" data-testid="gallery-stepper" data-step={i + 1}>
      <button type="button" data-testid="gallery-prev" disabled={!prev} onClick={() => prev && openGalleryGraph(prev)} title={prev ? `Previous step: ${prev.title}` : 'This is the first step'} aria-label={prev ? `Previous step: ${prev.title}` : 'Previous step'}>
        ‹
      </button>
      <span className="gallery-stepper-label">
        Step {i + 1}/{galleryGraphs.length}
      </span>
      <button type="button" data-testid="gallery-next" disabled={!next} onClick={() => next && openGalleryGraph(next)} title={next ? `Next step: ${next.title}` : 'This is the last step'} aria-label={next ? `Next step: ${next.title}` : 'Next step'}>
        ›
      </button>
    </nav>
  );
}
