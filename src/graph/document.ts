// The graph document: the one thing that is saved, shared, undone and compiled.
// Node params are validated per kind by the node catalogue (src/nodes), not here, so
// that adding a node kind never touches the file format.
//
// Format history (migrations.ts holds the steps, tests/fixtures/graphs/ the old files):
//   1  format, version, meta {title, description}, nodes, edges, training, viewport.
//   2  adds the header field `source` (which app wrote the file, after excalidraw),
//      meta.notes (the instructor's notes, markdown) and an optional `weights` section
//      for graphs saved trained (weights.ts).
//   3  adds an optional `blocks` section: block definitions (a titled subgraph with its
//      boundary ports, src/graph/blocks/), whose instances are nodes of kind `block`.
import { z } from 'zod';
import { LIMITS, formatLimit } from './limits';
import { RESERVED_KEYS } from './sanitize';
import { weightsSchema } from './weights';

export const GRAPH_FORMAT = 'latent-canvas.graph';
export const GRAPH_VERSION = 3;
/** What this app writes in the header's `source`. */
export const GRAPH_SOURCE = 'latent-canvas';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

/** Ids, kinds and port names end up as keys in maps and records: no prototype names. */
const name = (what: string) =>
  z
    .string()
    .min(1, `a ${what} must not be empty`)
    .max(LIMITS.idChars)
    .refine((s) => !RESERVED_KEYS.has(s), `"__proto__", "constructor" and "prototype" cannot be used as a ${what}`);

export const positionSchema = z.object({ x: finite, y: finite });

export const nodeSchema = z.object({
  id: name('node id'),
  kind: name('node kind'),
  label: z.string().max(LIMITS.labelChars).optional(),
  params: z.record(z.string(), z.unknown()).default({}),
  position: positionSchema,
});

export const edgeSchema = z.object({
  id: z.string().min(1, 'an edge id must not be empty').max(LIMITS.edgeIdChars),
  source: name('node id'),
  sourcePort: name('port name'),
  target: name('node id'),
  targetPort: name('port name'),
});

/**
 * A port on a block instance (format version 3): it names the inner node's port it stands for.
 * `kind` is the inner port's kind, kept as data (the reference check compares the two).
 */
export const boundaryPortSchema = z.object({
  name: name('port name'),
  label: z.string().max(LIMITS.labelChars),
  kind: name('port kind'),
  node: name('node id'),
  port: name('port name'),
});

/** A block definition: a subgraph and its boundary (src/graph/blocks/). */
export const blockDefSchema = z.object({
  title: z.string().max(LIMITS.titleChars).default('Block'),
  nodes: z.array(nodeSchema).max(LIMITS.nodes, `has more than ${formatLimit('nodes')} nodes, the limit for a graph`),
  edges: z.array(edgeSchema).max(LIMITS.edges, `has more than ${formatLimit('edges')} edges, the limit for a graph`),
  inputs: z.array(boundaryPortSchema).max(LIMITS.edges).default([]),
  outputs: z.array(boundaryPortSchema).max(LIMITS.edges).default([]),
});

export const blocksSchema = z.record(name('block id'), blockDefSchema);

export const trainingSchema = z.object({
  optimizer: z.enum(['adam', 'sgd']).default('adam'),
  learningRate: z.number().positive('must be greater than 0').max(10).default(0.01),
  batchSize: z.number().int().min(1).max(LIMITS.batchSize).default(128),
  epochs: z.number().int().min(1).max(LIMITS.epochs).default(50),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
  /** Fraction of the data held out for the test loss (ignored when test data is given). */
  testFraction: z.number().min(0).max(0.9).default(0.2),
  /** Importance samples K per example for the held-out NLL of non-linear models. */
  evalSamples: z.number().int().min(1).max(LIMITS.evalSamples).default(1000),
});

export const viewportSchema = z.object({
  x: finite,
  y: finite,
  zoom: finite.refine((v) => v > 0 && v <= LIMITS.zoom, `must be greater than 0 and at most ${LIMITS.zoom}`),
});

export const metaSchema = z.object({
  title: z.string().max(LIMITS.titleChars).default('Untitled graph'),
  description: z.string().max(LIMITS.descriptionChars).default(''),
  /** The instructor's notes, markdown (rendered by the editor, never run as code). */
  notes: z.string().max(LIMITS.notesChars, `is longer than ${formatLimit('notesChars')} characters, the limit for notes`).default(''),
});

export const graphDocSchema = z.object({
  format: z.literal(GRAPH_FORMAT, { error: `is not "${GRAPH_FORMAT}" — this is not a Latent Canvas graph` }),
  version: z.literal(GRAPH_VERSION),
  source: z.string().max(LIMITS.shortChars).default(GRAPH_SOURCE),
  meta: metaSchema.default({ title: 'Untitled graph', description: '', notes: '' }),
  nodes: z.array(nodeSchema).max(LIMITS.nodes, `has more than ${formatLimit('nodes')} nodes, the limit for a graph`),
  edges: z.array(edgeSchema).max(LIMITS.edges, `has more than ${formatLimit('edges')} edges, the limit for a graph`),
  training: trainingSchema.default(trainingSchema.parse({})),
  viewport: viewportSchema.default({ x: 0, y: 0, zoom: 1 }),
  /** Trained variables, when the graph was saved trained (weights.ts). */
  weights: weightsSchema.optional(),
  /** Block definitions by id (format version 3); instances are nodes of kind `block`. */
  blocks: blocksSchema.optional(),
});

export type GraphDoc = z.infer<typeof graphDocSchema>;
export type GraphNode = z.infer<typeof nodeSchema>;
export type GraphEdge = z.infer<typeof edgeSchema>;
export type TrainingSettings = z.infer<typeof trainingSchema>;
export type Viewport = z.infer<typeof viewportSchema>;
export type BlockDef = z.infer<typeof blockDefSchema>;
export type BoundaryPort = z.infer<typeof boundaryPortSchema>;
export type GraphWeights = NonNullable<GraphDoc['weights']>;

export const defaultTraining = (): TrainingSettings => trainingSchema.parse({});

export function emptyDoc(title = 'Untitled graph'): GraphDoc {
  return {
    format: GRAPH_FORMAT,
    version: GRAPH_VERSION,
    source: GRAPH_SOURCE,
    meta: { title, description: '', notes: '' },
    nodes: [],
    edges: [],
    training: defaultTraining(),
    viewport: { x: 0, y: 0, zoom: 1 },
  };
}
