// Which rows a run trains and tests on: the data node's own source, or data the caller
// brings (the CLI's --data / --test-data), split with the run's seed when needed.
import type { GraphDoc, TrainingSettings } from '../graph/document';
import { getSpec, isDataSource } from '../nodes/registry';
import type { DataParams } from '../nodes/data/spec';
import type { Dataset } from '../data/dataset';
import { datasetFromParams } from '../data/fromNode';
import { splitTrainTest } from '../data/split';
import { mnistSplit } from '../data/mnist';
import { binarizationOf, binarizeTestSet, binarizeTrainingSet, outOfRangeSentence, unitRangeProblem, type Binarization } from '../data/binarize';

/** Host-specific loading of the embedded datasets (fetch in the worker, fs in Node). */
export interface DataLoaders {
  mnist(): Promise<Dataset>;
}

export class DataError extends Error {
  constructor(
    message: string,
    readonly nodeId?: string,
  ) {
    super(message);
    this.name = 'DataError';
  }
}

export interface RunData {
  /** The training set; with dynamic binarisation, the current epoch's draw (replaced every epoch). */
  train: Dataset;
  test: Dataset;
  /** Set when the data node binarises its grey levels (src/data/binarize.ts). */
  binarization?: {
    mode: Binarization['mode'];
    seed: number;
    /** The grey-level training set each epoch's draw is made from ('dynamic'). */
    greyTrain: Dataset;
    /** The run's seed: with the epoch it seeds a dynamic draw. */
    runSeed: number;
  };
}

/**
 * The training set an epoch trains on: with dynamic binarisation a fresh draw from the grey
 * levels (seeded by the run's seed and the epoch), otherwise the one the run loaded.
 */
export function trainingSetForEpoch(data: RunData, epoch: number): Dataset {
  const b = data.binarization;
  if (!b || b.mode !== 'dynamic') return data.train;
  return binarizeTrainingSet(b.greyTrain, b, b.runSeed, epoch);
}

export async function loadRunData(doc: GraphDoc, settings: TrainingSettings, loaders: DataLoaders, data?: Dataset, testData?: Dataset): Promise<RunData> {
  const node = doc.nodes.find((n) => isDataSource(n.kind));
  const grey = await loadGreyRunData(settings, loaders, data, testData, node);
  const parsed = node && getSpec(node.kind)!.params.safeParse(node.params);
  const b = parsed?.success ? binarizationOf(parsed.data as DataParams) : undefined;
  if (!b) return grey;
  // Binarising reads each value as the probability of a 1: it needs them in [0, 1].
  const bad = unitRangeProblem([grey.train, grey.test]);
  if (bad) throw new DataError(outOfRangeSentence(bad), node?.id);
  return {
    train: binarizeTrainingSet(grey.train, b, settings.seed, 1),
    test: binarizeTestSet(grey.test, b),
    binarization: { ...b, greyTrain: grey.train, runSeed: settings.seed },
  };
}

async function loadGreyRunData(settings: TrainingSettings, loaders: DataLoaders, data: Dataset | undefined, testData: Dataset | undefined, node: GraphDoc['nodes'][number] | undefined): Promise<RunData> {
  let all = data;
  if (!all) {
    if (!node) throw new DataError('Add a Data node: the model needs observed data x.');
    const params = getSpec(node.kind)!.params.parse(node.params) as DataParams;
    if (params.source === 'mnist') {
      const mnist = await loaders.mnist();
      // MNIST keeps one fixed split so every run and every tool reports on the same 1,000 digits.
      if (!testData) return mnistSplit(mnist);
      all = mnist;
    } else {
      const r = datasetFromParams(params);
      if (!r.ok) throw new DataError(r.error, node.id);
      all = r.data;
    }
  }
  if (testData) {
    if (testData.d !== all.d) throw new DataError(`The test data has ${testData.d} columns but the training data has ${all.d}.`, node?.id);
    return { train: all, test: testData };
  }
  if (all.n < 2) throw new DataError(`The data has ${all.n} row; training needs at least 2.`, node?.id);
  return splitTrainTest(all, settings.testFraction, settings.seed);
}
