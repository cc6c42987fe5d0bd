// New, Save, Open (file picker) and the Gallery of lecture graphs.
import { useState } from 'react';
import { JsonFilePicker } from '../files/JsonFilePicker';
import { useGraphStore } from '../../store';
import { Gallery } from '../gallery/Gallery';
import { useSaveGraph, useSaveWithWeights } from './useSaveGraph';
import { newGraph } from './newGraph';
import { useHasTrainedWeights } from '../../store/trainedWeights';
import { openFileText } from '../../course/openCourse';

export function FileButtons() {
  const save = useSaveGraph();
  const saveWithWeights = useSaveWithWeights();
  const doc = useGraphStore((s) => s.doc);
  const trained = useHasTrainedWeights(doc);
  const [galleryOpen, setGalleryOpen] = useState(false);

  return (
    <div className="button-group">
      <button type="button" data-testid="new-graph" title="A new, empty graph; the one open now goes to Recent (Ctrl+Alt+N)" onClick={newGraph}>
        New
      </button>
      <button type="button" data-testid="save-graph" title="Save (Ctrl+S)" onClick={save}>
        Save
      </button>
      <button
        type="button"
        data-testid="save-with-weights"
        data-trained={trained ? 'true' : 'false'}
        title={trained ? 'Save the graph with its trained weights: it opens already trained (Ctrl+Shift+S)' : 'Train the graph first: this saves the graph with its trained weights'}
        onClick={saveWithWeights}
      >
        Save with weights
      </button>
      <JsonFilePicker
        buttonTestId="open-graph"
        inputTestId="open-file-input"
        title="Open a graph or course file (or drop one on the canvas)"
        onText={(text, name) => openFileText(text, name)}
      >
        Open…
      </JsonFilePicker>
      <button type="button" data-testid="gallery-button" onClick={() => setGalleryOpen(true)}>
        Gallery
      </button>
      {galleryOpen ? <Gallery onClose={() => setGalleryOpen(false)} /> : null}
    </div>
  );
}
