// The graph document: the one thing that is saved, shared, undone and compiled.
// Node params are validated per kind by the node catalogue (src/nodes), not here, so
// that adding a node kind never touches the file format.
import { z } from 'zod';

export const GRAPH_FORMAT = 'latent-canvas.graph';
export const GRAPH_VERSION = 1;

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

export const positionSchema = z.object({ x: finite, y: finite });

export const nodeSchema = z.object({
  id: z.string().min(1, 'a node needs an id').max(64),
  kind: z.string().min(1, 'a node needs a kind'),
  label: z.string().max(200).optional(),
  params: z.record(z.string(), z.unknown()).default({}),
  position: positionSchema,
});

export const edgeSchema = z.object({
  id: z.string().min(1).max(200),
  source: z.string().min(1),
  sourcePort: z.string().min(1),
  target: z.string().min(1),
  targetPort: z.string().min(1),
});

export const trainingSchema = z.object({
  optimizer: z.enum(['adam', 'sgd']).default('adam'),
  learningRate: z.number().positive('must be greater than 0').max(10).default(0.01),
  batchSize: z.number().int().min(1).max(65536).default(128),
  epochs: z.number().int().min(1).max(100000).default(50),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
  /** Fraction of the data held out for the test loss (ignored when test data is given). */
  testFraction: z.number().min(0).max(0.9).default(0.2),
  /** Importance samples K per example for the held-out NLL of non-linear models. */
  evalSamples: z.number().int().min(1).max(100000).default(1000),
});

export const viewportSchema = z.object({ x: finite, y: finite, zoom: finite.refine((v) => v > 0, 'must be positive') });

export const metaSchema = z.object({
  title: z.string().max(200).default('Untitled graph'),
  description: z.string().max(20000).default(''),
});

export const graphDocSchema = z.object({
  format: z.literal(GRAPH_FORMAT, { error: `is not "${GRAPH_FORMAT}" — this is not a Latent Canvas graph` }),
  version: z.literal(GRAPH_VERSION),
  meta: metaSchema.default({ title: 'Untitled graph', description: '' }),
  nodes: z.array(nodeSchema).max(2000, 'has more than 2000 nodes'),
  edges: z.array(edgeSchema).max(10000, 'has more than 10000 edges'),
  training: trainingSchema.default(trainingSchema.parse({})),
  viewport: viewportSchema.default({ x: 0, y: 0, zoom: 1 }),
});

export type GraphDoc = z.infer<typeof graphDocSchema>;
export type GraphNode = z.infer<typeof nodeSchema>;
export type GraphEdge = z.infer<typeof edgeSchema>;
export type TrainingSettings = z.infer<typeof trainingSchema>;
export type Viewport = z.infer<typeof viewportSchema>;

export const defaultTraining = (): TrainingSettings => trainingSchema.parse({});

export function emptyDoc(title = 'Untitled graph'): GraphDoc {
  return {
    format: GRAPH_FORMAT,
    version: GRAPH_VERSION,
    meta: { title, description: '' },
    nodes: [],
    edges: [],
    training: defaultTraining(),
    viewport: { x: 0, y: 0, zoom: 1 },
  };
}
