// npm run train -- <graph.json> [--data train.csv] [--test-data test.csv] [--epochs N]
//   [--batch-size N] [--lr X] [--optimizer adam|sgd] [--seed N] [--eval-samples K] [--backend auto|wasm|cpu]
//   [--memory-limit 4GB] [--out result.json]
// Trains a graph headless with the same core the app's worker runs. Everything that can be
// checked before training is (arguments, the graph, --out, the data, the memory), so a run
// is never lost at its end; a run that diverges still writes what it measured.
import { writeFileSync } from 'node:fs';
import { parseGraphText } from '../graph/parse';
import { DivergedError, runTraining } from '../training/run';
import { RunControl } from '../training/control';
import type { TrainEvent } from '../training/protocol';
import { nodeBackendChooser, useNodeBackend } from './nodeBackend';
import { nodeLoaders } from './nodeLoaders';
import { CliError, USAGE, parseCliArgs, type CliArgs } from './args';
import { checkOutPath } from './outPath';
import { describeError, readCsv, readText } from './files';
import { resultJson, runRecord, type StopReason } from './result';

function printEvent(e: TrainEvent) {
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : String(x));
  if (e.type === 'started') {
    console.log(`backend ${e.backend.name} (${e.backend.reason}); ${e.nTrain} train / ${e.nTest} test examples, ${e.dataDim} columns`);
    for (const w of e.warnings ?? []) console.error(`warning: ${w}`);
    if (e.closedForm) console.log(`closed form (eigendecomposition): train NLL ${f(e.closedForm.trainNll)}, test NLL ${f(e.closedForm.testNll)} nats/example`);
  } else if (e.type === 'epoch') {
    console.log(`epoch ${e.record.epoch}: train ${f(e.record.trainLoss)}  test ${f(e.record.testLoss)} nats/example`);
  } else if (e.type === 'done') {
    console.log(`${e.reason === 'stopped' ? 'stopped' : 'done'}: test NLL ${f(e.final.testNll)} nats/example (${e.final.testNllMethod}); ${Math.round(e.samplesPerSec)} samples/s`);
  }
}

function writeOut(args: CliArgs, json: unknown) {
  if (!args.out) return;
  writeFileSync(args.out, JSON.stringify(json, null, 2) + '\n');
  console.log(`wrote ${args.out}`);
}

/** Exit codes: 0 finished, 1 an error or a diverged run (its --out is still written), 130 stopped by Ctrl-C. */
async function main(argv: string[]): Promise<number> {
  const args = parseCliArgs(argv);
  if (args.help) return console.log(USAGE), 0;
  const graph = parseGraphText(readText(args.graphFile, 'graph'), args.graphFile);
  if (!graph.ok) throw new CliError(graph.errors.join('; '));
  if (args.out) {
    const inputs = [{ flag: 'graph', file: args.graphFile }, ...(args.data ? [{ flag: '--data', file: args.data }] : []), ...(args.testData ? [{ flag: '--test-data', file: args.testData }] : [])];
    checkOutPath(args.out, inputs);
  }
  const data = args.data ? readCsv(args.data) : undefined;
  const testData = args.testData ? readCsv(args.testData) : undefined;

  // Ctrl-C ends the run at the next step and still writes what was measured; a second one quits.
  const control = new RunControl();
  process.once('SIGINT', () => {
    console.error('stopping (Ctrl-C again to quit at once)…');
    control.stop();
    process.once('SIGINT', () => process.exit(130));
  });

  // Node needs some backend before any tensor exists; calibration then picks the real one.
  await useNodeBackend('cpu');
  const record = runRecord(args, { ...graph.doc.training, ...args.settings });
  const memoryBudget = { bytes: args.memoryLimit.bytes, where: args.memoryLimit.fromFlag ? `--memory-limit ${args.memoryLimit.text} allows` : 'this run may use by default (half this machine\'s memory, at most 4 GB; raise it with --memory-limit)' };
  try {
    const result = await runTraining({ doc: graph.doc, backend: nodeBackendChooser(args.backend), loaders: nodeLoaders, data, testData, settings: args.settings, onEvent: printEvent, progressEveryMs: 1e9, control, memoryBudget });
    const stop: StopReason = result.stopped ? { reason: 'stopped', message: `Stopped by Ctrl-C after ${result.history.length} epoch${result.history.length === 1 ? '' : 's'}.` } : { reason: 'finished' };
    writeOut(args, resultJson(record, result, stop));
    return result.stopped ? 130 : 0;
  } catch (e) {
    if (e instanceof DivergedError) {
      writeOut(args, resultJson(record, { title: graph.doc.meta.title, epochs: e.history.length, history: e.history }, { reason: 'diverged', message: e.message, ...e.info }));
    }
    throw e;
  }
}

function errorLine(e: unknown, argv: string[]): string {
  const graphFile = (() => {
    try {
      return parseCliArgs(argv).graphFile;
    } catch {
      return 'the graph';
    }
  })();
  return describeError(e, graphFile);
}

const argv = process.argv.slice(2);
main(argv).then(
  (code) => process.exit(code),
  (e: unknown) => {
    // A person reads this: one line, no stack trace (set LC_DEBUG=1 for one).
    if (process.env.LC_DEBUG) console.error(e);
    console.error(`error: ${errorLine(e, argv)}`);
    process.exit(1);
  },
);
