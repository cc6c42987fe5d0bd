// npm run sweep -- <graph.json> --set NODE.PARAM=v1,v2,... [--set ...] [--seeds 1,2,3]
//   [--out-dir DIR] [--force] [the training flags of npm run train]
// Trains every cell of the grid (the cross product of the --set values) once per seed, one
// run after another in this process, and writes sweep.md, sweep.csv, runs.csv and sweep.json
// to the output folder. Everything that can be checked before training is: the arguments,
// the graph, every cell's values, the folder, the data. A failed cell is reported in the
// tables and the sweep goes on. Exit codes: 0 every run finished, 1 an error or a failed
// cell, 130 stopped by Ctrl-C (the tables hold what finished).
import path from 'node:path';
import { parseGraphText } from '../graph/parse';
import { CliError } from './args';
import { readCsv, readText } from './files';
import { SWEEP_USAGE, parseSweepArgs } from './sweepArgs';
import { defaultOutDir, prepareOutDir, writeSweepFiles } from './sweepOut';
import { SweepError } from '../sweep/spec';
import { resolveAxes } from '../sweep/resolve';
import { MAX_RUNS, gridOf } from '../sweep/grid';
import { applyAll } from '../sweep/apply';
import { summarize, type RunOutcome } from '../sweep/aggregate';
import { markdownTable, runsCsv, sweepCsv, sweepJson } from '../sweep/tables';

async function main(argv: string[]): Promise<number> {
  const args = parseSweepArgs(argv);
  if (args.help) return console.log(SWEEP_USAGE), 0;
  const { train } = args;
  const graph = parseGraphText(readText(train.graphFile, 'graph'), train.graphFile);
  if (!graph.ok) throw new CliError(graph.errors.join('; '));
  const doc = graph.doc;
  const axes = resolveAxes(doc, args.sets);
  const cells = gridOf(axes);
  const seeds = args.seeds ?? [doc.training.seed];
  if (cells.length * seeds.length > MAX_RUNS) throw new CliError(`the sweep would make ${cells.length} cells × ${seeds.length} seeds = ${cells.length * seeds.length} runs; at most ${MAX_RUNS.toLocaleString('en-US')} in one sweep.`);
  const applied = applyAll(doc, axes, cells);
  const outDir = args.outDir ?? defaultOutDir(train.graphFile);
  prepareOutDir(outDir, args.force, args.outDir ? '--out-dir' : 'the output folder');
  const data = train.data ? readCsv(train.data) : undefined;
  const testData = train.testData ? readCsv(train.testData) : undefined;

  // tfjs and the backends load only now, once every check has passed (a refusal is quick).
  const { SweepControl, runSweep } = await import('../sweep/runner');
  const control = new SweepControl();
  process.once('SIGINT', () => {
    console.error('stopping the sweep at the next step (Ctrl-C again to quit at once)…');
    control.stop();
    process.once('SIGINT', () => process.exit(130));
  });

  const flags = { ...train.settings, backend: train.backend, memoryLimitBytes: train.memoryLimit.bytes, ...(train.data ? { data: path.resolve(train.data) } : {}), ...(train.testData ? { testData: path.resolve(train.testData) } : {}) };
  const write = (runs: RunOutcome[], stopped: boolean) => {
    const summary = summarize(cells, runs, seeds.length);
    const md = markdownTable(axes, summary);
    const json = sweepJson({ graph: path.resolve(train.graphFile), title: doc.meta.title, seeds, flags, stopped }, axes, summary);
    writeSweepFiles(outDir, { 'sweep.md': `# Sweep: ${doc.meta.title}\n\n${md}\n`, 'sweep.csv': sweepCsv(axes, summary), 'runs.csv': runsCsv(axes, summary), 'sweep.json': JSON.stringify(json, null, 2) + '\n' });
    return md;
  };

  console.log(`sweep of ${train.graphFile}: ${cells.length} cell${cells.length === 1 ? '' : 's'} × ${seeds.length} seed${seeds.length === 1 ? '' : 's'} = ${cells.length * seeds.length} run${cells.length * seeds.length === 1 ? '' : 's'}; tables in ${outDir}/`);
  const result = await runSweep({ doc, axes, cells, applied, seeds, args: train, data, testData, control, log: (l) => console.log(l), warn: (l) => console.error(l), onRun: (runs) => write(runs, false) });
  const md = write(result.runs, result.stopped);
  console.log(`\n${md}\n\nwrote ${['sweep.md', 'sweep.csv', 'runs.csv', 'sweep.json'].map((n) => path.join(outDir, n)).join(', ')}`);
  if (result.stopped) return 130;
  return result.runs.some((r) => r.status !== 'ok') ? 1 : 0;
}

const argv = process.argv.slice(2);
main(argv).then(
  (code) => process.exit(code),
  (e: unknown) => {
    // A person reads this: one line, no stack trace (set LC_DEBUG=1 for one).
    if (process.env.LC_DEBUG) console.error(e);
    console.error(`error: ${e instanceof CliError || e instanceof SweepError || e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
