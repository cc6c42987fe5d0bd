// npm run train -- <graph.json> [--data train.csv] [--test-data test.csv] [--epochs N]
//   [--batch-size N] [--lr X] [--seed N] [--eval-samples K] [--backend auto|wasm|cpu] [--out result.json]
// Trains a graph headless with the same core the app's worker runs.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseGraphText } from '../graph/parse';
import { parseCsv } from '../data/csv';
import type { Dataset } from '../data/dataset';
import { CompileError } from '../compiler/compile';
import { DataError } from '../training/runData';
import { runTraining } from '../training/run';
import type { TrainingSettings } from '../graph/document';
import type { BackendName, TrainEvent } from '../training/protocol';
import { nodeBackendChooser, useNodeBackend } from './nodeBackend';
import { nodeLoaders } from './nodeLoaders';

class CliError extends Error {}

const USAGE = 'usage: npm run train -- <graph.json> [--data train.csv] [--test-data test.csv] [--epochs N] [--batch-size N] [--lr X] [--seed N] [--eval-samples K] [--backend auto|wasm|cpu] [--out result.json]';

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `${file}: no such ${what} file` : `${file}: cannot read (${code ?? String(e)})`);
  }
}

function readCsv(file: string): Dataset {
  const r = parseCsv(readText(file, 'CSV'), file);
  if (!r.ok) throw new CliError(r.error);
  return r.data;
}

function numberFlag(name: string, v: string | undefined, integer: boolean, min: number): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!Number.isFinite(x) || x < min || (integer && !Number.isInteger(x))) {
    throw new CliError(`--${name} ${v}: expected ${integer ? 'a whole number' : 'a number'} ≥ ${min}`);
  }
  return x;
}

function printEvent(e: TrainEvent) {
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : String(x));
  if (e.type === 'started') {
    console.log(`backend ${e.backend.name} (${e.backend.reason}); ${e.nTrain} train / ${e.nTest} test examples, ${e.dataDim} columns`);
    if (e.closedForm) console.log(`closed form (eigendecomposition): train NLL ${f(e.closedForm.trainNll)}, test NLL ${f(e.closedForm.testNll)} nats/example`);
  } else if (e.type === 'epoch') {
    console.log(`epoch ${e.record.epoch}: train ${f(e.record.trainLoss)}  test ${f(e.record.testLoss)} nats/example`);
  } else if (e.type === 'done') {
    console.log(`done: test NLL ${f(e.final.testNll)} nats/example (${e.final.testNllMethod}); ${Math.round(e.samplesPerSec)} samples/s`);
  }
}

async function main(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        data: { type: 'string' },
        'test-data': { type: 'string' },
        epochs: { type: 'string' },
        'batch-size': { type: 'string' },
        lr: { type: 'string' },
        seed: { type: 'string' },
        'eval-samples': { type: 'string' },
        backend: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new CliError(`${(e as Error).message}\n${USAGE}`);
  }
  const { values: v, positionals } = parsed;
  if (v.help) return void console.log(USAGE);
  if (positionals.length !== 1) throw new CliError(USAGE);
  const graphFile = positionals[0];
  const graph = parseGraphText(readText(graphFile, 'graph'), graphFile);
  if (!graph.ok) throw new CliError(graph.errors.join('; '));

  const settings: Partial<TrainingSettings> = {};
  const set = <K extends keyof TrainingSettings>(k: K, x: TrainingSettings[K] | undefined) => x !== undefined && (settings[k] = x);
  set('epochs', numberFlag('epochs', v.epochs, true, 1));
  set('batchSize', numberFlag('batch-size', v['batch-size'], true, 1));
  set('learningRate', numberFlag('lr', v.lr, false, Number.MIN_VALUE));
  set('seed', numberFlag('seed', v.seed, true, 0));
  set('evalSamples', numberFlag('eval-samples', v['eval-samples'], true, 1));
  const backendFlag = v.backend ?? 'auto';
  if (!['auto', 'wasm', 'cpu'].includes(backendFlag)) {
    throw new CliError(`--backend ${backendFlag}: expected auto, wasm or cpu${['webgl', 'webgpu'].includes(backendFlag) ? ` (${backendFlag} runs only in the browser)` : ''}`);
  }

  const data = v.data ? readCsv(v.data) : undefined;
  const testData = v['test-data'] ? readCsv(v['test-data']) : undefined;
  // Node needs some backend before any tensor exists; calibration then picks the real one.
  await useNodeBackend('cpu');
  const backend = nodeBackendChooser(backendFlag as BackendName | 'auto');
  const result = await runTraining({ doc: graph.doc, backend, loaders: nodeLoaders, data, testData, settings, onEvent: printEvent, progressEveryMs: 1e9 });
  const out = {
    title: result.title,
    backend: result.backend,
    epochs: result.epochs,
    history: result.history,
    final: result.final,
    samplesPerSec: result.samplesPerSec,
    ...(result.closedForm ? { closedForm: { trainNll: result.closedForm.trainNll, testNll: result.closedForm.testNll } } : {}),
  };
  if (v.out) {
    writeFileSync(v.out, JSON.stringify(out, null, 2) + '\n');
    console.log(`wrote ${v.out}`);
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (e: unknown) => {
    // A person reads this: one line, no stack trace (set LC_DEBUG=1 for one).
    if (process.env.LC_DEBUG) console.error(e);
    const msg = e instanceof CompileError ? `${process.argv[2]}: ${e.issues.map((i) => (i.nodeId ? `node "${i.nodeId}": ` : '') + i.message).join(' ')}` : e instanceof Error ? e.message : String(e);
    console.error(`error: ${e instanceof DataError && e.nodeId ? `data node "${e.nodeId}": ` : ''}${msg}`);
    process.exit(1);
  },
);
