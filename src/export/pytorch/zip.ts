// The PyTorch project as one download: every file under one folder ("vae-pytorch/train.py"),
// deflated, in a zip built by fflate. Synchronous (zipSync): it runs in the training worker,
// where blocking is harmless, and the page never holds the project's bytes until the end.
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { ProjectFile } from './project';

/** Deflate level for text and small files, and for large binaries (the data: tens of MB). */
const TEXT_LEVEL = 6;
const LARGE_LEVEL = 1;
const LARGE_BYTES = 1 << 20;

/** A relative path of plain segments: no leading '/', no '.', '..' or empty segment, no '\'. */
function checkPath(path: string, what: string): void {
  const segments = path.split('/');
  if (path === '' || path.includes('\\') || segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw new Error(`The ${what} "${path}" is not a relative path of plain names separated by '/'.`);
  }
}

/**
 * A zip of `files`, each under `folder/` (one folder, so unzipping makes one directory).
 * Strings are written as UTF-8. Throws on an unsafe or duplicate path.
 */
export function zipProject(files: readonly ProjectFile[], folder: string): Uint8Array {
  checkPath(folder, 'folder');
  const entries: Zippable = Object.create(null) as Zippable;
  for (const f of files) {
    checkPath(f.path, 'file path');
    const path = `${folder}/${f.path}`;
    if (path in entries) throw new Error(`The project has two files named "${f.path}".`);
    const bytes = typeof f.data === 'string' ? strToU8(f.data) : f.data;
    entries[path] = [bytes, { level: bytes.length > LARGE_BYTES ? LARGE_LEVEL : TEXT_LEVEL }];
  }
  return zipSync(entries);
}
