// `npm run sweep` as a researcher runs it: a real process training a small synthetic graph
// (the linear VAE on its 1,000 generated rows), a 2 × 2 grid over two seeds, and the tables.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';

const dir = mkdtempSync(path.join(tmpdir(), 'lc-cli-sweep-'));
const tsx = path.resolve('node_modules/.bin/tsx');

function sweep(...args: string[]) {
  const r = spawnSync(tsx, ['src/cli/sweep.ts', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const csv = (file: string) => Papa.parse<Record<string, string>>(readFileSync(file, 'utf8').trim(), { header: true }).data;
const finite = (s: string) => s !== '' && Number.isFinite(Number(s));

describe('npm run sweep', () => {
  it('trains a 2 × 2 grid over 2 seeds and writes sweep.md, sweep.csv, runs.csv and sweep.json', () => {
    const out = path.join(dir, 'grid');
    const r = sweep('graphs/linear-vae.json', '--set', 'sampler.samples=1,2', '--set', 'loss.kind=elboLoss,iwaeLoss', '--seeds', '1,2', '--epochs', '1', '--backend', 'cpu', '--out-dir', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^sweep of graphs\/linear-vae\.json: 4 cells × 2 seeds = 8 runs/);
    expect(r.out).toContain('cell 1/4: sampler.samples=1, loss.kind=elboLoss, seed 1 (run 1/8)');
    expect(r.out).toContain('cell 4/4: sampler.samples=2, loss.kind=iwaeLoss, seed 2 (run 8/8)');
    expect(r.out).toMatch(/epoch 1: train \d/);
    expect(r.out).toMatch(/7 runs left, ETA \d+ s/);
    expect(readdirSync(out).sort()).toEqual(['runs.csv', 'sweep.csv', 'sweep.json', 'sweep.md']);

    // The Markdown table, in the file and printed at the end.
    const md = readFileSync(path.join(out, 'sweep.md'), 'utf8');
    const rows = md.split('\n').filter((l) => /^\| [12] \|/.test(l));
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row).toMatch(/^\| [12] \| (elboLoss|iwaeLoss) \| -?\d+\.\d{4} ± \d+\.\d{4} \(2 seeds\) \| .* \| \d+\.\d \| ok \|$/);
    expect(r.out).toContain(rows[3]);

    const cells = csv(path.join(out, 'sweep.csv'));
    expect(cells.map((c) => [c['sampler.samples'], c['loss.kind']])).toEqual([
      ['1', 'elboLoss'],
      ['1', 'iwaeLoss'],
      ['2', 'elboLoss'],
      ['2', 'iwaeLoss'],
    ]);
    for (const c of cells) {
      for (const m of ['trainLoss', 'testLoss', 'testNll']) {
        expect(finite(c[`${m}_mean`]) && finite(c[`${m}_sd`]), `${m} of cell ${c.cell}`).toBe(true);
        expect(c[`${m}_n`]).toBe('2');
      }
      expect(c.status).toBe('ok');
      expect(c.testNllMethod).toMatch(/exact/);
    }

    const runs = csv(path.join(out, 'runs.csv'));
    expect(runs.map((x) => `${x.cell}/${x.seed}`)).toEqual(['1/1', '1/2', '2/1', '2/2', '3/1', '3/2', '4/1', '4/2']);
    for (const x of runs) expect(x.status === 'ok' && finite(x.trainLoss) && finite(x.testNll) && finite(x.seconds)).toBe(true);

    const json = JSON.parse(readFileSync(path.join(out, 'sweep.json'), 'utf8'));
    expect(json.grid).toMatchObject({ seeds: [1, 2], cells: 4, runs: 8 });
    expect(json.cells).toHaveLength(4);
    for (const c of json.cells) {
      expect(c.runs.map((x: { seed: number }) => x.seed)).toEqual([1, 2]);
      for (const x of c.runs) {
        // Each run's result, as `npm run train --out` writes it.
        expect(x.result).toMatchObject({ stopReason: { reason: 'finished' }, seed: x.seed, settings: { epochs: 1, seed: x.seed }, epochs: 1, backend: 'cpu' });
        expect(x.result.history).toHaveLength(1);
        expect(Number.isFinite(x.result.final.testNll)).toBe(true);
      }
      // The mean over seeds is the mean of the runs' own results.
      const mean = (c.runs[0].result.final.trainLoss + c.runs[1].result.final.trainLoss) / 2;
      expect(c.aggregates.trainLoss.mean).toBeCloseTo(mean, 9);
      expect(c.aggregates.trainLoss.n).toBe(2);
    }
    // The estimator swap reached the runs: at J = 2 IWAE trains another objective than the ELBO.
    expect(json.cells[3].values).toEqual({ 'sampler.samples': '2', 'loss.kind': 'iwaeLoss' });
    expect(json.cells[3].aggregates.trainLoss.mean).not.toBeCloseTo(json.cells[2].aggregates.trainLoss.mean, 1);
  });

  it('reports a cell that fails to compile in the table and goes on; exit code 1', () => {
    const out = path.join(dir, 'failing');
    const r = sweep('graphs/linear-vae.json', '--set', 'Encoder mean.units=3,2', '--epochs', '1', '--backend', 'cpu', '--out-dir', out);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/cell 1\/2: Encoder mean\.units=3, seed 1\n {2}failed: graphs\/linear-vae\.json: node "q": The log-variance has 2 dimensions but the mean has 3\./);
    // The next cell still trains.
    expect(r.out).toMatch(/cell 2\/2: Encoder mean\.units=2, seed 1\n {2}epoch 1: train/);
    const cells = csv(path.join(out, 'sweep.csv'));
    expect(cells[0]).toMatchObject({ 'Encoder mean.units': '3', trainLoss_mean: '', trainLoss_n: '0', status: expect.stringMatching(/^failed: .*log-variance has 2 dimensions/) });
    expect(cells[1]).toMatchObject({ 'Encoder mean.units': '2', status: 'ok', trainLoss_sd: '', trainLoss_n: '1' });
    expect(finite(cells[1].trainLoss_mean)).toBe(true);
    expect(readFileSync(path.join(out, 'sweep.md'), 'utf8')).toMatch(/\| 2 \| -?\d+\.\d{4} ± — \(1 seed\) \|/);
  });

  it('refuses before training: a value the schema refuses, and a folder with an earlier sweep in it', () => {
    const bad = sweep('graphs/linear-vae.json', '--set', 'sampler.samples=1,many', '--out-dir', path.join(dir, 'never'));
    expect(bad.code).toBe(1);
    expect(bad.out).toBe('');
    expect(bad.err.trim()).toBe('error: --set sampler.samples=1,many: the value "many" is refused by the samples param of node sampler ("z ~ q(z|x)"): Invalid input: expected number, received string.');
    expect(existsSync(path.join(dir, 'never'))).toBe(false);

    const used = path.join(dir, 'used');
    mkdirSync(used);
    writeFileSync(path.join(used, 'sweep.md'), 'earlier\n');
    const taken = sweep('graphs/linear-vae.json', '--set', 'sampler.samples=1,2', '--epochs', '1', '--out-dir', used);
    expect(taken.code).toBe(1);
    expect(taken.out).not.toMatch(/epoch/);
    expect(taken.err).toMatch(/^error: --out-dir .*used: the folder is not empty \(sweep\.md\); choose another with --out-dir, or add --force/);
    expect(readFileSync(path.join(used, 'sweep.md'), 'utf8')).toBe('earlier\n');
  });
});
