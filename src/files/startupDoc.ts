// The document the app opens with.
import { emptyDoc, type GraphDoc } from '../graph/document';
import { parseGraphText } from '../graph/parse';
import { galleryGraph } from './galleryGraphs';

/** The one-line switch: a base name in graphs/, or null to start on an empty graph. */
export const STARTUP_GRAPH: string | null = 'ppca';

export function startupDoc(): GraphDoc {
  const g = STARTUP_GRAPH ? galleryGraph(STARTUP_GRAPH) : undefined;
  if (!g) return emptyDoc();
  const r = parseGraphText(g.text, g.fileName);
  if (!r.ok) console.error(`The startup graph ${g.fileName} does not open:`, r.errors);
  return r.ok ? r.doc : emptyDoc();
}
