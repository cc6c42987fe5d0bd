// `npm run sweep`'s command line: the graph, the --set axes, the seeds, where the tables go,
// and the training flags of `npm run train` (read by the same code, src/cli/args.ts).
import { CliError, TRAIN_OPTIONS, graphPositional, numberFlag, parseArgv, trainFlags, type CliArgs } from './args';
import { SweepError, parseSetArg, splitValues, type SetSpec } from '../sweep/spec';

export const SWEEP_USAGE =
  'usage: npm run sweep -- <graph.json> --set NODE.PARAM=v1,v2,... [--set ...] [--seeds 1,2,3] [--out-dir DIR] [--force] [--data train.csv] [--test-data test.csv] [--epochs N] [--batch-size N] [--lr X] [--optimizer adam|sgd] [--eval-samples K] [--backend auto|wasm|cpu] [--memory-limit 4GB]';

const SWEEP_OPTIONS = {
  ...TRAIN_OPTIONS,
  set: { type: 'string', multiple: true },
  seeds: { type: 'string' },
  'out-dir': { type: 'string' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface SweepArgs {
  help: boolean;
  /** What a single run of `npm run train` would be given (the seed aside): runRecord and resultJson read it. */
  train: CliArgs;
  sets: SetSpec[];
  /** Undefined: the graph's own seed. */
  seeds?: number[];
  outDir?: string;
  force: boolean;
}

export function parseSeeds(text: string): number[] {
  const seeds = splitValues(text).map((v) => {
    try {
      return numberFlag('seed', v);
    } catch (e) {
      throw new CliError(`--seeds ${text}: ${(e as Error).message.replace(/^--seed /, 'seed ')}`);
    }
  });
  const twice = seeds.find((s, i) => seeds.indexOf(s) !== i);
  if (twice !== undefined) throw new CliError(`--seeds ${text}: the seed ${twice} is given twice.`);
  return seeds;
}

export function parseSweepArgs(argv: string[]): SweepArgs {
  const { values: v, positionals } = parseArgv(argv, SWEEP_OPTIONS, SWEEP_USAGE);
  const empty: CliArgs = { help: true, graphFile: '', settings: {}, backend: 'auto', memoryLimit: { bytes: 0, text: '', fromFlag: false } };
  if (v.help) return { help: true, train: empty, sets: [], force: false };
  const graphFile = graphPositional(positionals, SWEEP_USAGE);
  if (v.seed !== undefined) throw new CliError(`--seed ${v.seed}: a sweep takes --seeds (one or more, e.g. --seeds ${v.seed} or --seeds 1,2,3); without it every run uses the graph's seed.`);
  const { settings, backend, memoryLimit } = trainFlags(v);
  let sets: SetSpec[];
  try {
    sets = (v.set ?? []).map(parseSetArg);
  } catch (e) {
    if (e instanceof SweepError) throw new CliError(e.message);
    throw e;
  }
  const seeds = v.seeds !== undefined ? parseSeeds(v.seeds) : undefined;
  if (v['out-dir'] !== undefined && v['out-dir'].trim() === '') throw new CliError('--out-dir needs a folder name, not an empty string.');
  return {
    help: false,
    train: { help: false, graphFile, data: v.data, testData: v['test-data'], settings, backend, memoryLimit },
    sets,
    seeds,
    outDir: v['out-dir'],
    force: !!v.force,
  };
}
