// The sweep's output folder, checked before anything trains (a sweep's tables must not be
// lost at its end, nor written over an earlier sweep's), and the four files written into it.
import { existsSync, mkdirSync, readdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CliError } from './args';

export const SWEEP_FILES = ['sweep.md', 'sweep.csv', 'runs.csv', 'sweep.json'] as const;

/** `sweep-<graph name>` in the working folder. */
export function defaultOutDir(graphFile: string): string {
  return `sweep-${path.basename(graphFile).replace(/\.json$/i, '')}`;
}

/** Creates the folder (or takes an empty one, or any with --force) and proves it can be written; throws a one-line CliError otherwise. */
export function prepareOutDir(dir: string, force: boolean, flag: string): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new CliError(`${flag} ${dir}: that is a file, not a folder; choose another name.`);
    const entries = readdirSync(dir);
    if (entries.length && !force) throw new CliError(`${flag} ${dir}: the folder is not empty (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''}); choose another with --out-dir, or add --force to write over its sweep files.`);
  } else {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (e) {
      throw new CliError(`${flag} ${dir}: cannot create the folder (${(e as NodeJS.ErrnoException).code ?? String(e)}).`);
    }
  }
  const probe = path.join(dir, `.sweep.${process.pid}.probe`);
  try {
    writeFileSync(probe, '');
    unlinkSync(probe);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`${flag} ${dir}: cannot write in the folder (${code === 'EACCES' || code === 'EPERM' ? 'no permission' : code === 'EROFS' ? 'read-only file system' : (code ?? String(e))}); choose a folder you can write to.`);
  }
}

export function writeSweepFiles(dir: string, files: Record<(typeof SWEEP_FILES)[number], string>): void {
  for (const name of SWEEP_FILES) writeFileSync(path.join(dir, name), files[name]);
}
