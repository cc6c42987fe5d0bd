// npm run export -- <graph.json> --to pytorch --out DIR [--data train.csv] [--test-data test.csv] [--force]
// Writes the graph as a self-contained PyTorch project (src/export/pytorch/): train.py,
// model.py, the app's initial weights, the trained weights if the file has them, the data,
// and the first-step check. Everything is checked before anything is written.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseGraphText } from '../graph/parse';
import { parseCsv } from '../data/csv';
import type { Dataset } from '../data/dataset';
import { ExportError, pytorchProject } from '../export/pytorch/project';
import { nodeLoaders } from './nodeLoaders';
import { useNodeBackend } from './nodeBackend';
import { CliError } from './args';

export const EXPORT_USAGE = 'usage: npm run export -- <graph.json> --to pytorch --out DIR [--data train.csv] [--test-data test.csv] [--force]';

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `${file}: no such ${what} file` : code === 'EISDIR' ? `${file}: is a folder, not a ${what} file` : `${file}: cannot read (${code ?? String(e)})`);
  }
}

function readCsv(file: string, flag: string): Dataset {
  const r = parseCsv(readText(file, 'CSV'), file);
  if (!r.ok) throw new CliError(`${flag} ${r.error}`);
  return r.data;
}

/** The folder to write: new, or empty, or --force. */
function checkOutDir(dir: string, force: boolean) {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) throw new CliError(`--out ${dir}: is a file, not a folder`);
  if (readdirSync(dir).length > 0 && !force) throw new CliError(`--out ${dir}: the folder is not empty; choose a new one or add --force to write over it`);
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { to: { type: 'string' }, out: { type: 'string' }, data: { type: 'string' }, 'test-data': { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    throw new CliError(`${(e as Error).message.split('\n')[0]}\n${EXPORT_USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return console.log(EXPORT_USAGE), 0;
  const [graphFile, ...extra] = positionals;
  if (!graphFile) throw new CliError(`export needs the graph file to read.\n${EXPORT_USAGE}`);
  if (extra.length) throw new CliError(`export takes one graph file; also given: ${extra.join(' ')}.\n${EXPORT_USAGE}`);
  if (values.to !== 'pytorch') throw new CliError(`${values.to === undefined ? '--to is missing' : `--to ${values.to}: unknown target`}; the export writes --to pytorch.\n${EXPORT_USAGE}`);
  if (!values.out) throw new CliError(`--out is missing: the folder to write the project to.\n${EXPORT_USAGE}`);
  const graph = parseGraphText(readText(graphFile, 'graph'), graphFile);
  if (!graph.ok) throw new CliError(graph.errors.join('; '));
  checkOutDir(values.out, !!values.force);
  const data = values.data ? readCsv(values.data, '--data') : undefined;
  const testData = values['test-data'] ? readCsv(values['test-data'], '--test-data') : undefined;

  await useNodeBackend('cpu');
  let files;
  try {
    files = await pytorchProject(graph.doc, { loaders: nodeLoaders, data, testData });
  } catch (e) {
    if (e instanceof ExportError) throw new CliError(`${graphFile}: ${e.nodeId ? `node "${e.nodeId}": ` : ''}${e.message}`);
    throw e;
  }
  for (const f of files) {
    const to = path.join(values.out, ...f.path.split('/'));
    mkdirSync(path.dirname(to), { recursive: true });
    writeFileSync(to, f.data);
  }
  console.log(`wrote ${files.length} files to ${values.out}: ${files.map((f) => f.path).join(', ')}`);
  console.log(`next: cd ${values.out} && python3 train.py --check && python3 train.py --out result.json`);
  return 0;
}

const argv = process.argv.slice(2);
main(argv).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (process.env.LC_DEBUG) console.error(e);
    console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
