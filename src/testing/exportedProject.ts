// Test helpers for the PyTorch export: open a gallery graph, write a project to a folder.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseGraphText } from '../graph/parse';
import type { GraphDoc } from '../graph/document';
import type { ProjectFile } from '../export/pytorch/project';

export function openGraph(file: string): GraphDoc {
  const r = parseGraphText(readFileSync(file, 'utf8'), file);
  if (!r.ok) throw new Error(r.errors.join(' '));
  return r.doc;
}

export function writeProject(files: ProjectFile[], dir: string): string {
  for (const f of files) {
    const to = path.join(dir, ...f.path.split('/'));
    mkdirSync(path.dirname(to), { recursive: true });
    writeFileSync(to, f.data);
  }
  return dir;
}
