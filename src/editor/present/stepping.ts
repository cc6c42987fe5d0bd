// Previous / next step while presenting: the course's (src/store/courseStore.ts) when a
// course is open, else the lecture gallery's neighbouring graph (as the top bar's ‹ ›).
import { galleryGraphs, galleryIndexOf } from '../../files/galleryGraphs';
import { useGraphStore } from '../../store';
import { useCourse } from '../../store/courseStore';
import { openGalleryGraph } from '../gallery/openGalleryGraph';

function stepGallery(dir: 1 | -1): boolean {
  const i = galleryIndexOf(useGraphStore.getState().doc.meta.title);
  const g = i < 0 ? undefined : galleryGraphs[i + dir];
  return g ? openGalleryGraph(g) : false;
}

export function step(dir: 1 | -1): boolean {
  const c = useCourse.getState();
  if (c.course) return dir > 0 ? c.next() : c.prev();
  return stepGallery(dir);
}

/** "Step 2 of 13" of the course open, or of the gallery graph open; undefined for neither. */
export function useStepWords(): string | undefined {
  const course = useCourse((c) => c.course);
  const i = useCourse((c) => c.stepIndex);
  const title = useGraphStore((s) => s.doc.meta.title);
  if (course) return `Step ${i + 1} of ${course.steps.length}`;
  const g = galleryIndexOf(title);
  return g < 0 ? undefined : `Gallery ${g + 1} of ${galleryGraphs.length}`;
}
