// The CLI as a researcher runs it: a real process, real files, real training.
import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeSynthetic } from '../../src/data/synthetic';
import type { Dataset } from '../../src/data/dataset';

const dir = mkdtempSync(path.join(tmpdir(), 'lc-cli-'));
const tsx = path.resolve('node_modules/.bin/tsx');

function train(...args: string[]) {
  const r = spawnSync(tsx, ['src/cli/train.ts', ...args], { encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function writeCsv(name: string, ds: Dataset, header: boolean): string {
  const lines: string[] = header ? [Array.from({ length: ds.d }, (_, j) => `x${j + 1}`).join(',')] : [];
  for (let i = 0; i < ds.n; i++) lines.push(Array.from(ds.x.subarray(i * ds.d, (i + 1) * ds.d)).join(','));
  const file = path.join(dir, name);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

let trainCsv: string;
let testCsv: string;
beforeAll(() => {
  // A width the graph never declared (its data node says d = 10): sizes follow the data.
  trainCsv = writeCsv('train.csv', makeSynthetic({ d: 6, q: 2, noise: 0.2, n: 600, seed: 11 }), true);
  testCsv = writeCsv('test.csv', makeSynthetic({ d: 6, q: 2, noise: 0.2, n: 200, seed: 11 }), false);
});

describe('npm run train', () => {
  it('trains the PPCA graph on a CSV and writes the result JSON', () => {
    const out = path.join(dir, 'result.json');
    const r = train('graphs/ppca.json', '--data', trainCsv, '--test-data', testCsv, '--epochs', '250', '--batch-size', '1000', '--lr', '0.1', '--seed', '3', '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/epoch 250: train/);
    const res = JSON.parse(readFileSync(out, 'utf8'));
    expect(res).toMatchObject({ title: 'Probabilistic PCA', epochs: 250 });
    // Measured on the model: on a model this small wasm and cpu (both on the kernels) run close.
    expect(['wasm', 'cpu']).toContain(res.backend);
    expect(res.history).toHaveLength(250);
    expect(Object.keys(res.history[0])).toEqual(expect.arrayContaining(['epoch', 'trainLoss', 'testLoss']));
    expect(res.final.testNllMethod).toMatch(/exact/);
    expect(res.samplesPerSec).toBeGreaterThan(0);
    // The gradient-trained model lands on the eigendecomposition optimum of this CSV.
    expect(Math.abs(res.final.trainLoss - res.closedForm.trainNll) / Math.abs(res.closedForm.trainNll)).toBeLessThan(5e-3);
    expect(res.history[0].trainLoss).toBeGreaterThan(res.history[249].trainLoss);
  });

  it('ends a ragged CSV with one line naming the file and line', () => {
    const bad = path.join(dir, 'ragged.csv');
    writeFileSync(bad, 'a,b,c\n1,2,3\n4,5\n');
    const r = train('graphs/ppca.json', '--data', bad);
    expect(r.code).not.toBe(0);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/ragged\.csv line 3: expected 3 columns, found 2/);
    expect(r.err).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('names a non-numeric cell, a missing file and an invalid graph', () => {
    const text = path.join(dir, 'words.csv');
    writeFileSync(text, '1,2\n3,four\n');
    expect(train('graphs/ppca.json', '--data', text).err).toMatch(/words\.csv line 2, column 2: "four" is not a number/);
    const missing = train('graphs/ppca.json', '--data', path.join(dir, 'nope.csv'));
    expect(missing.code).not.toBe(0);
    expect(missing.err).toMatch(/nope\.csv: no such CSV file/);
    const graph = path.join(dir, 'broken.json');
    writeFileSync(graph, '{"format": "latent-canvas.graph", "version": 1, "nodes": [}');
    const g = train(graph);
    expect(g.code).not.toBe(0);
    expect(g.err).toMatch(/broken\.json is not valid JSON \(line 1/);
    expect(train('graphs/ppca.json', '--epochs', 'many').err).toMatch(/--epochs many: expected a whole number/);
  });
});
