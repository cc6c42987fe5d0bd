// npm run export: the arguments are checked in one line before anything is written, and a
// real export writes the whole project, which real PyTorch checks against the app.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runPython } from '../../src/testing/torchPython';

const dir = mkdtempSync(path.join(tmpdir(), 'lc-cli-export-'));
const tsx = path.resolve('node_modules/.bin/tsx');

function exportCli(...args: string[]) {
  const r = spawnSync(tsx, ['src/cli/export.ts', ...args], { encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function refused(...args: string[]): string {
  const r = exportCli(...args);
  expect(r.code, r.err).toBe(1);
  expect(r.err).toMatch(/^error: /);
  return r.err.split('\n')[0];
}

describe('npm run export', () => {
  it('refuses bad arguments in a sentence, writing nothing', () => {
    expect(refused()).toContain('needs the graph file');
    expect(refused('graphs/ppca.json', '--out', path.join(dir, 'a'))).toContain('--to is missing');
    expect(refused('graphs/ppca.json', '--to', 'onnx', '--out', path.join(dir, 'a'))).toContain('--to onnx: unknown target');
    expect(refused('graphs/ppca.json', '--to', 'pytorch')).toContain('--out is missing');
    expect(refused('graphs/nope.json', '--to', 'pytorch', '--out', path.join(dir, 'a'))).toContain('graphs/nope.json: no such graph file');
    expect(refused('graphs/ppca.json', '--to', 'pytorch', '--out', path.join(dir, 'a'), '--data', path.join(dir, 'missing.csv'))).toContain('missing.csv: no such CSV file');
    const full = path.join(dir, 'full');
    mkdirSync(full);
    writeFileSync(path.join(full, 'mine.txt'), 'keep me');
    expect(refused('graphs/ppca.json', '--to', 'pytorch', '--out', full)).toContain('the folder is not empty');
    expect(readdirSync(full)).toEqual(['mine.txt']);
    expect(existsSync(path.join(dir, 'a'))).toBe(false);
  }, 120_000);

  it('writes the project, which checks out in PyTorch; --data replaces the graph\'s data', () => {
    const out = path.join(dir, 'ppca');
    const r = exportCli('graphs/ppca.json', '--to', 'pytorch', '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('python3 train.py --check');
    expect(readdirSync(out).sort()).toEqual(['README.md', 'check.npz', 'data', 'graph.json', 'init_weights.npz', 'model.py', 'train.py']);
    expect(runPython(out, ['train.py', '--check']).status).toBe(0);

    const csv = path.join(dir, 'ten.csv');
    writeFileSync(csv, ['a,b,c,d,e,f,g,h,i,j', ...Array.from({ length: 40 }, (_, i) => Array.from({ length: 10 }, (_, j) => Math.sin(i * 10 + j).toFixed(4)).join(','))].join('\n'));
    const withData = path.join(dir, 'ppca-csv');
    expect(exportCli('graphs/ppca.json', '--to', 'pytorch', '--out', withData, '--data', csv).code).toBe(0);
    expect(runPython(withData, ['train.py', '--check']).status).toBe(0);
  }, 240_000);
});
