// --out is checked before any data is loaded or any step is trained: a run whose result
// cannot be written is lost at its end, and a result written over the graph destroys it.
import { accessSync, constants, existsSync, realpathSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CliError } from './args';

function sameFile(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  return real(a) === real(b);
}

/** Throws a one-line CliError when `out` cannot take the result; `inputs` are files the run reads. */
export function checkOutPath(out: string, inputs: { flag: string; file: string }[]): void {
  for (const { flag, file } of inputs) {
    if (sameFile(out, file)) throw new CliError(`--out ${out}: that is the ${flag} file itself; writing the result there would overwrite it. Choose another file name, e.g. result.json.`);
  }
  if (existsSync(out) && statSync(out).isDirectory()) throw new CliError(`--out ${out}: that is a folder; give a file name inside it, e.g. ${path.join(out, 'result.json')}.`);
  const dir = path.dirname(path.resolve(out));
  if (!existsSync(dir)) throw new CliError(`--out ${out}: the folder ${dir} does not exist; create it first or choose another place.`);
  if (!statSync(dir).isDirectory()) throw new CliError(`--out ${out}: ${dir} is not a folder.`);
  if (existsSync(out)) {
    try {
      accessSync(out, constants.W_OK);
    } catch {
      throw new CliError(`--out ${out}: the file exists and cannot be written (read-only); choose another file or make it writable.`);
    }
    return;
  }
  // Permissions alone do not tell (read-only mounts, ACLs): write a probe file and remove it.
  const probe = path.join(dir, `.${path.basename(out)}.${process.pid}.probe`);
  try {
    writeFileSync(probe, '');
    unlinkSync(probe);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`--out ${out}: cannot write in ${dir} (${code === 'EACCES' || code === 'EPERM' ? 'no permission' : code === 'EROFS' ? 'read-only file system' : (code ?? String(e))}); choose a folder you can write to.`);
  }
}
