// The command line, read before any work: positionals and options told apart by
// node:util's parser, every numeric flag held to the limits a graph file is held to, and
// each problem a one-line sentence naming the flag.
import { parseArgs } from 'node:util';
import os from 'node:os';
import { LIMITS } from '../graph/limits';
import type { TrainingSettings } from '../graph/document';
import type { BackendName } from '../training/protocol';
import { formatBytes, parseByteSize } from '../compiler/memoryEstimate';

export class CliError extends Error {}

export const USAGE =
  'usage: npm run train -- <graph.json> [--data train.csv] [--test-data test.csv] [--epochs N] [--batch-size N] [--lr X] [--optimizer adam|sgd] [--seed N] [--eval-samples K] [--backend auto|wasm|cpu] [--memory-limit 4GB] [--out result.json]';

/** The flags every training command shares (`npm run train`, `npm run sweep`). */
export const TRAIN_OPTIONS = {
  data: { type: 'string' },
  'test-data': { type: 'string' },
  epochs: { type: 'string' },
  'batch-size': { type: 'string' },
  lr: { type: 'string' },
  optimizer: { type: 'string' },
  seed: { type: 'string' },
  'eval-samples': { type: 'string' },
  backend: { type: 'string' },
  'memory-limit': { type: 'string' },
} as const;

const OPTIONS = {
  ...TRAIN_OPTIONS,
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Options = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

export interface CliArgs {
  help: boolean;
  graphFile: string;
  data?: string;
  testData?: string;
  out?: string;
  settings: Partial<TrainingSettings>;
  backend: BackendName | 'auto';
  memoryLimit: { bytes: number; text: string; fromFlag: boolean };
}

/** Plain decimals only: Number() would also take "", "0x10" and " ". */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

interface NumberRule {
  flag: string;
  key: 'epochs' | 'batchSize' | 'learningRate' | 'seed' | 'evalSamples';
  integer: boolean;
  min: number;
  /** Greater than min, not equal (a learning rate of 0 learns nothing). */
  exclusiveMin?: boolean;
  max: number;
}

// The same bounds as the file's training schema (src/graph/document.ts) and LIMITS.
const NUMBER_RULES: NumberRule[] = [
  { flag: 'epochs', key: 'epochs', integer: true, min: 1, max: LIMITS.epochs },
  { flag: 'batch-size', key: 'batchSize', integer: true, min: 1, max: LIMITS.batchSize },
  { flag: 'lr', key: 'learningRate', integer: false, min: 0, exclusiveMin: true, max: 10 },
  { flag: 'seed', key: 'seed', integer: true, min: 0, max: 2 ** 31 - 1 },
  { flag: 'eval-samples', key: 'evalSamples', integer: true, min: 1, max: LIMITS.evalSamples },
];

const fmt = (x: number) => x.toLocaleString('en-US');

/** A numeric training flag (`epochs`, `batch-size`, `lr`, `seed`, `eval-samples`) read from its text, held to the file's limits. */
export function numberFlag(flag: NumberRule['flag'] | string, text: string): number {
  const rule = NUMBER_RULES.find((r) => r.flag === flag);
  if (!rule) throw new Error(`no numeric flag --${flag}`);
  return ruleFlag(rule, text);
}

function ruleFlag(rule: NumberRule, text: string): number {
  const x = DECIMAL.test(text.trim()) ? Number(text) : NaN;
  const range = rule.exclusiveMin ? `greater than ${fmt(rule.min)} and at most ${fmt(rule.max)}` : `from ${fmt(rule.min)} to ${fmt(rule.max)}`;
  const what = `${rule.integer ? 'a whole number' : 'a number'} ${range}`;
  if (!Number.isFinite(x)) throw new CliError(`--${rule.flag} ${text}: expected ${what}; "${text}" is not a number.`);
  if (rule.integer && !Number.isInteger(x)) throw new CliError(`--${rule.flag} ${text}: expected ${what} (no fractions).`);
  if (x < rule.min || (rule.exclusiveMin && x === rule.min) || x > rule.max) {
    throw new CliError(`--${rule.flag} ${text}: expected ${what}, the limit a graph file is held to.`);
  }
  return x;
}

/** Half the machine's memory, and never more than 4 GB (what the wasm heap can address). */
export function defaultMemoryLimit(totalBytes = os.totalmem()): number {
  return Math.min(4 * 2 ** 30, Math.max(2 ** 29, totalBytes / 2));
}

/** node:util's messages are long and name options oddly; one sentence per problem instead. */
function argvProblem(e: unknown, options: Options): string {
  const err = e as { code?: string; message?: string };
  const name = /'(-{1,2}[^' ]+)/.exec(err.message ?? '')?.[1];
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `${name ?? 'an option'}: unknown option; the options are ${Object.keys(options).map((o) => `--${o}`).join(', ')}.`;
  if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (options[(name ?? '').replace(/^-+/, '')]?.type === 'boolean') return `${name} takes no value.`;
    return `${name ?? 'an option'} needs a value (one that starts with "-" is written ${name ?? '--option'}=-1).`;
  }
  return err.message ?? String(e);
}

/**
 * Reads argv against `options` with node:util's parser, each problem one sentence (with the
 * usage line); "--epochs --out x", where the parser takes "--out" as a value, is refused.
 */
export function parseArgv<O extends Options>(argv: string[], options: O, usage: string) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options });
  } catch (e) {
    throw new CliError(`${argvProblem(e, options)}\n${usage}`);
  }
  for (const [key, value] of Object.entries(parsed.values)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (typeof one === 'string' && one.startsWith('--') && key in options) throw new CliError(`--${key} needs a value (got the option ${one}).`);
    }
  }
  return parsed;
}

/** The training flags' values (TRAIN_OPTIONS), checked: the settings they override, the backend and the memory limit. */
export function trainFlags(v: Partial<Record<keyof typeof TRAIN_OPTIONS, string | undefined>>): Pick<CliArgs, 'settings' | 'backend' | 'memoryLimit'> {
  const settings: Partial<TrainingSettings> = {};
  for (const rule of NUMBER_RULES) {
    const text = v[rule.flag as keyof typeof v];
    if (typeof text === 'string') Object.assign(settings, { [rule.key]: ruleFlag(rule, text) });
  }

  if (v.optimizer !== undefined) {
    if (v.optimizer !== 'adam' && v.optimizer !== 'sgd') throw new CliError(`--optimizer ${v.optimizer}: expected adam or sgd.`);
    settings.optimizer = v.optimizer;
  }

  const backend = v.backend ?? 'auto';
  if (!['auto', 'wasm', 'cpu'].includes(backend)) {
    throw new CliError(`--backend ${backend}: expected auto, wasm or cpu${['webgl', 'webgpu'].includes(backend) ? ` (${backend} runs only in the browser)` : ''}.`);
  }

  let memoryLimit = { bytes: defaultMemoryLimit(), text: '', fromFlag: false };
  if (v['memory-limit'] !== undefined) {
    const bytes = parseByteSize(v['memory-limit']);
    if (bytes === undefined || bytes < 2 ** 20) throw new CliError(`--memory-limit ${v['memory-limit']}: expected a size of at least 1 MB such as 4GB, 512MB or 2.5G (binary units: 1 GB = 2^30 bytes).`);
    memoryLimit = { bytes, text: v['memory-limit'], fromFlag: true };
  }
  memoryLimit.text ||= formatBytes(memoryLimit.bytes);

  for (const flag of ['data', 'test-data'] as const) {
    if (v[flag] !== undefined && v[flag]!.trim() === '') throw new CliError(`--${flag} needs a file name, not an empty string.`);
  }
  return { settings, backend: backend as BackendName | 'auto', memoryLimit };
}

/** The one graph file among the positionals. */
export function graphPositional(positionals: string[], usage: string): string {
  if (positionals.length === 0) throw new CliError(`no graph file given.\n${usage}`);
  if (positionals.length > 1) throw new CliError(`one graph file at a time; also given: ${positionals.slice(1).join(' ')} (an option's value needs its flag, e.g. --data ${positionals[1]}).\n${usage}`);
  return positionals[0];
}

export function parseCliArgs(argv: string[]): CliArgs {
  const { values: v, positionals } = parseArgv(argv, OPTIONS, USAGE);
  const help = !!v.help;
  if (help) return { help, graphFile: '', settings: {}, backend: 'auto', memoryLimit: { bytes: 0, text: '', fromFlag: false } };
  const graphFile = graphPositional(positionals, USAGE);
  const { settings, backend, memoryLimit } = trainFlags(v);
  if (v.out !== undefined && v.out.trim() === '') throw new CliError(`--out needs a file name, not an empty string.`);
  return { help, graphFile, data: v.data, testData: v['test-data'], out: v.out, settings, backend, memoryLimit };
}
