// Which rows a run trains and tests on: the data node's own source, or data the caller
// brings (the CLI's --data / --test-data), split with the run's seed when needed.
import type { GraphDoc, TrainingSettings } from '../graph/document';
import { getSpec, isDataSource } from '../nodes/registry';
import type { DataParams } from '../nodes/data/spec';
import type { Dataset } from '../data/dataset';
import { datasetFromParams } from '../data/fromNode';
import { splitTrainTest } from '../data/split';
import { mnistSplit } from '../data/mnist';

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
  train: Dataset;
  test: Dataset;
}

export async function loadRunData(doc: GraphDoc, settings: TrainingSettings, loaders: DataLoaders, data?: Dataset, testData?: Dataset): Promise<RunData> {
  const node = doc.nodes.find((n) => isDataSource(n.kind));
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
