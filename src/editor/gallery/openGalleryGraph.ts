// The one way the gallery and Previous/Next open a lecture graph: the store's open path,
// which keeps the work that was open (it goes to Recent) and reports a file that fails.
import type { GalleryGraph } from '../../files/galleryGraphs';
import { useGraphStore } from '../../store';

export function openGalleryGraph(g: GalleryGraph): boolean {
  return useGraphStore.getState().openGraphText(g.text, g.fileName);
}
