// The Python that runs exported PyTorch projects in the tests: PYTHON, else Debian's
// /usr/bin/python3 (a pyenv `python3` first on PATH may lack torch), else `python3`.
// `npm test` installs python3-torch when missing (scripts/ensure-python-torch.mjs).
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import path from 'node:path';

let found: string | undefined;

export function torchPython(): string {
  if (found) return found;
  const candidates = process.env.PYTHON ? [process.env.PYTHON] : ['/usr/bin/python3', 'python3'];
  for (const py of candidates) {
    if (spawnSync(py, ['-c', 'import torch, numpy'], { stdio: 'ignore' }).status === 0) return (found = py);
  }
  throw new Error(`No Python here imports torch and numpy (tried ${candidates.join(', ')}). Run "node scripts/ensure-python-torch.mjs" (npm test does) or set PYTHON.`);
}

/** Runs a script of an exported project in its folder, with nothing of this project on the path. */
export function runPython(dir: string, args: string[], opts: { timeoutMs?: number; command?: string[] } = {}): SpawnSyncReturns<string> {
  const command = opts.command ?? [torchPython()];
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', OMP_NUM_THREADS: '1', LANG: 'C.UTF-8' };
  return spawnSync(command[0], [...command.slice(1), ...args], { cwd: path.resolve(dir), encoding: 'utf8', env, timeout: opts.timeoutMs ?? 300_000 });
}
