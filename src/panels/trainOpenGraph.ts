// Train the graph on the canvas: the training panel's Train, also the embed view's and the
// presentation's. Returns why the graph could not be sent, or undefined when it was.
import { useGraphStore } from '../store';
import { serializeGraph } from '../graph/parse';
import { uniqueRunName, useRunsStore } from '../store/runsStore';
import { startTraining } from './session/runActions';
import { useSession } from './session/sessionStore';
import { estimatorName } from './runs/estimatorName';

export function trainOpenGraph(): string | undefined {
  const doc = useGraphStore.getState().doc;
  let docJson: string;
  try {
    docJson = serializeGraph(doc);
  } catch (err) {
    return `The graph could not be prepared for training: ${err instanceof Error ? err.message : String(err)}`;
  }
  const name = uniqueRunName(`${estimatorName(doc)} · lr ${doc.training.learningRate}`, useRunsStore.getState().runs);
  startTraining({ docJson, settings: doc.training, name, startPaused: useSession.getState().startPaused });
  return undefined;
}
