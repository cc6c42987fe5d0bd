// How Node hosts (CLI, tests, bench) load the embedded datasets: from disk.
import type { DataLoaders } from '../training/runData';
import { loadMnistNode } from '../data/mnistNode';

export const nodeLoaders: DataLoaders = { mnist: loadMnistNode };
