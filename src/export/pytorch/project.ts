// The PyTorch project for a graph: train.py (the runtime), model.py (the graph, written by
// each node kind's export hook), the initial weights this app would use for the graph and
// seed, the trained weights if any, the data, and the first-step check that proves the
// export right (python train.py --check).
import type { GraphDoc, TrainingSettings } from '../../graph/document';
import { serializeGraph } from '../../graph/parse';
import { decodeWeights } from '../../graph/weights';
import { flattenBlocks } from '../../graph/blocks/flatten';
import { CompileError, compileGraph, savedName, type CompiledModel } from '../../compiler/compile';
import { DataError, loadRunData, type DataLoaders } from '../../training/runData';
import type { WeightsSnapshot } from '../../training/protocol';
import type { Dataset } from '../../data/dataset';
import { getSpec, isDataSource } from '../../nodes/registry';
import { emitModelPy, type ModelPlan } from './emit';
import { npy, npz, type FloatArray } from './npz';
import { firstStepCheck } from './check';
import { TRAIN_PY } from './python/trainPy';
import { projectReadme } from './readme';
import { ExportError } from './errors';
import { binarizationMethodNote, binarizationOf } from '../../data/binarize';

export { ExportError };

export interface ProjectFile {
  /** Relative, with '/' separators: "train.py", "data/train.npy". */
  path: string;
  data: string | Uint8Array;
}

export interface PyTorchProjectOptions {
  loaders: DataLoaders;
  /** Trained weights to ship as weights.npz (train.py --weights loads them); else the file's own, if any. */
  weights?: WeightsSnapshot;
  /** The CLI's --data / --test-data, replacing the data node's own source. */
  data?: Dataset;
  testData?: Dataset;
}

/** How the data node binarises grey levels, and what the held-out NLL's method says of it. */
function binarisation(doc: GraphDoc): { mode: string; seed: number; note: string } {
  const node = doc.nodes.find((n) => isDataSource(n.kind));
  const b = node ? binarizationOf(getSpec(node.kind)!.params.parse(node.params) as Record<string, unknown>) : undefined;
  return b ? { mode: b.mode, seed: b.seed, note: binarizationMethodNote(b) } : { mode: 'none', seed: 0, note: '' };
}

/** The same graph with binarisation off: the project ships grey levels and binarises them itself. */
function greyLevels(doc: GraphDoc): GraphDoc {
  return { ...doc, nodes: doc.nodes.map((n) => (isDataSource(n.kind) && 'binarize' in n.params ? { ...n, params: { ...n.params, binarize: 'none' } } : n)) };
}

async function load(doc: GraphDoc, settings: TrainingSettings, opts: PyTorchProjectOptions) {
  try {
    return await loadRunData(doc, settings, opts.loaders, opts.data, opts.testData);
  } catch (e) {
    if (e instanceof DataError) throw new ExportError(e.message, e.nodeId);
    throw e;
  }
}

const asArray = (ds: Dataset): FloatArray => ({ data: ds.x, shape: [ds.n, ds.d] });

export async function pytorchProject(doc: GraphDoc, opts: PyTorchProjectOptions): Promise<ProjectFile[]> {
  const settings = doc.training;
  const grey = await load(greyLevels(doc), settings, opts);
  const asTrained = binarisation(doc).mode === 'none' ? grey : await load(doc, settings, opts);
  let model: CompiledModel;
  try {
    model = compileGraph(doc, { dataDim: grey.train.d, seed: settings.seed });
  } catch (e) {
    if (e instanceof CompileError) throw new ExportError(`The graph does not compile: ${e.issues[0]?.message ?? e.message}`, e.issues[0]?.nodeId);
    throw e;
  }
  try {
    const values = await Promise.all(model.variables.map((v) => v.data() as Promise<Float32Array>));
    const parameters = model.variables.map((v) => ({ name: savedName(v), shape: [...v.shape] }));
    const plan: ModelPlan = {
      doc: flattenBlocks(doc).doc,
      analysis: model.analysis,
      parameters,
      objectives: model.objectives.map((o) => ({ nodeId: o.nodeId, scope: o.scope, reported: o.reported, trains: o.variables.map(savedName) })),
      latent: model.latent,
      chain: model.linearGaussianChain,
    };
    const modelPy = emitModelPy(plan);
    const check = await firstStepCheck(model, asTrained.train, settings);
    const init = Object.fromEntries(parameters.map((p, i) => [p.name, { data: values[i], shape: p.shape }]));
    const trained = trainedWeights(doc, opts.weights, parameters);
    const bin = binarisation(doc);
    const header = [
      '#!/usr/bin/env python3',
      `"""Train "${doc.meta.title.replace(/"/g, "'").replace(/\s+/g, ' ')}" as Latent Canvas does: see README.md."""`,
      '',
      '# The graph\'s own settings (flags override them) and what its data node asks of the data.',
      `TITLE = ${JSON.stringify(doc.meta.title)}`,
      `DATA_DIM = ${grey.train.d}`,
      `SETTINGS = ${JSON.stringify({ epochs: settings.epochs, batchSize: settings.batchSize, learningRate: settings.learningRate, optimizer: settings.optimizer, seed: settings.seed, evalSamples: settings.evalSamples, testFraction: settings.testFraction })}`,
      `BINARIZE = ${JSON.stringify(bin.mode)}`,
      `BINARIZE_SEED = ${bin.seed}`,
      `BINARIZE_NOTE = ${JSON.stringify(bin.note)}`,
    ].join('\n');
    const files: ProjectFile[] = [
      { path: 'train.py', data: header + '\n' + TRAIN_PY },
      { path: 'model.py', data: modelPy },
      { path: 'README.md', data: projectReadme(doc, { hasTrained: !!trained, binarize: bin.mode, dataDim: grey.train.d, nTrain: grey.train.n, nTest: grey.test.n }) },
      { path: 'graph.json', data: serializeGraph(doc) },
      { path: 'init_weights.npz', data: npz(init) },
      { path: 'check.npz', data: check },
      { path: 'data/train.npy', data: npy(asArray(grey.train)) },
      { path: 'data/test.npy', data: npy(asArray(grey.test)) },
    ];
    if (trained) files.push({ path: 'weights.npz', data: npz(trained) });
    return files;
  } finally {
    model.dispose();
  }
}

/** The trained weights to ship, by saved name: the caller's, else the file's own; they must fit the model. */
function trainedWeights(doc: GraphDoc, given: WeightsSnapshot | undefined, parameters: { name: string; shape: number[] }[]): Record<string, FloatArray> | undefined {
  const variables = given?.variables ?? (doc.weights ? decodeWeights(doc.weights) : undefined);
  if (!variables) return undefined;
  const byName = new Map(variables.map((v) => [v.name, v]));
  const misfits = parameters.filter((p) => byName.get(p.name)?.shape.join('×') !== p.shape.join('×')).map((p) => p.name);
  if (misfits.length) throw new ExportError(`The trained weights do not fit this graph (${misfits.slice(0, 3).join(', ')}${misfits.length > 3 ? ', …' : ''}): train it again, or remove the weights, before exporting.`);
  return Object.fromEntries(parameters.map((p) => [p.name, { data: byName.get(p.name)!.data, shape: p.shape }]));
}
