// Reading the files a CLI command is given, each problem one line naming the file.
import { readFileSync } from 'node:fs';
import { parseCsv } from '../data/csv';
import type { Dataset } from '../data/dataset';
import { CompileError } from '../compiler/compile';
import { DataError } from '../training/runData';
import { MemoryLimitError } from '../training/memoryCheck';
import { CliError } from './args';

export function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `${file}: no such ${what} file` : code === 'EISDIR' ? `${file}: is a folder, not a ${what} file` : `${file}: cannot read (${code ?? String(e)})`);
  }
}

export function readCsv(file: string): Dataset {
  const r = parseCsv(readText(file, 'CSV'), file);
  if (!r.ok) throw new CliError(r.error);
  return r.data;
}

/** A run's error as one line a person reads, naming the graph file and the node. */
export function describeError(e: unknown, graphFile: string): string {
  if (e instanceof CompileError) return `${graphFile}: ${e.issues.map((i) => (i.nodeId ? `node "${i.nodeId}": ` : '') + i.message).join(' ')}`;
  if (e instanceof DataError && e.nodeId) return `${graphFile}: data node "${e.nodeId}": ${e.message}`;
  if (e instanceof MemoryLimitError) return `${graphFile}: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}
