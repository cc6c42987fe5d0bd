// The CLI checks before it works: arguments, limits, --out, the data and the memory are
// refused in one line naming what is wrong, before any training; what it writes records
// every setting, and a diverged run still leaves its measurements.
import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseCliArgs } from '../../src/cli/args';

const dir = mkdtempSync(path.join(tmpdir(), 'lc-cli-checks-'));
const tsx = path.resolve('node_modules/.bin/tsx');

function train(...args: string[]) {
  const r = spawnSync(tsx, ['src/cli/train.ts', ...args], { encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A refusal: exit code 1, one line on stderr, and no training done. */
function refused(...args: string[]): string {
  const r = train(...args);
  expect(r.code, r.err).toBe(1);
  expect(r.out).not.toMatch(/epoch \d+:/);
  const lines = r.err.trim().split('\n');
  expect(lines[0]).toMatch(/^error: /);
  return lines[0];
}

const file = (name: string, text: string | Uint8Array) => {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
};

let csv: string;
beforeAll(() => {
  const rows = ['a,b,c'];
  for (let i = 0; i < 60; i++) rows.push(`${Math.sin(i)},${Math.cos(i * 1.3)},${(i % 7) / 3}`);
  csv = file('train.csv', rows.join('\n') + '\n');
});

describe('flags obey the limits a graph file is held to', () => {
  it.each([
    [['--epochs', '1e9'], /^--epochs 1e9: expected a whole number from 1 to 100,000, the limit a graph file is held to\.$/],
    [['--eval-samples', '1e9'], /^--eval-samples 1e9: expected a whole number from 1 to 100,000/],
    [['--batch-size', '0'], /^--batch-size 0: expected a whole number from 1 to 65,536/],
    [['--seed', '1.5'], /^--seed 1\.5: expected a whole number from 0 to 2,147,483,647 \(no fractions\)\.$/],
    [['--lr', 'fast'], /^--lr fast: expected a number greater than 0 and at most 10; "fast" is not a number\.$/],
    [['--lr', '0'], /^--lr 0: expected a number greater than 0 and at most 10/],
    [['--epochs', '0x10'], /^--epochs 0x10: expected a whole number from 1 to 100,000; "0x10" is not a number\.$/],
    [['--optimizer', 'rmsprop'], /^--optimizer rmsprop: expected adam or sgd\.$/],
    [['--memory-limit', 'lots'], /^--memory-limit lots: expected a size of at least 1 MB such as 4GB/],
    [['--backend', 'webgpu'], /^--backend webgpu: expected auto, wasm or cpu \(webgpu runs only in the browser\)\.$/],
    [['--bogus', '3'], /^--bogus: unknown option; the options are --data, --test-data, --epochs/],
    [['--epochs'], /^--epochs needs a value/],
  ])('%j is refused in one line naming the flag', (flags, message) => {
    expect(() => parseCliArgs(['graphs/ppca.json', ...flags])).toThrow(message);
  });

  it('the process refuses them before any training, in one line, with exit code 1', () => {
    expect(refused('--epochs', '1e9', 'graphs/ppca.json')).toBe('error: --epochs 1e9: expected a whole number from 1 to 100,000, the limit a graph file is held to.');
    expect(refused('graphs/ppca.json', '--eval-samples', '100001')).toMatch(/^error: --eval-samples 100001: expected a whole number from 1 to 100,000/);
  });

  it('tells positionals from options: options before the graph, an error names the graph file, not an option', () => {
    const broken = file('no-loss.json', readFileSync('graphs/ppca.json', 'utf8').replace('"kind": "exactNll"', '"kind": "exactNlll"'));
    expect(refused('--epochs', '2', '--batch-size', '10', broken)).toMatch(new RegExp(`^error: ${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
    expect(refused('--epochs', '2', path.join(dir, 'missing.json'))).toBe(`error: ${path.join(dir, 'missing.json')}: no such graph file`);
    expect(refused('graphs/ppca.json', 'graphs/vae.json')).toMatch(/^error: one graph file at a time; also given: graphs\/vae\.json/);
    expect(refused('--epochs', '3')).toBe('error: no graph file given.');
  });
});

describe('--out is checked before any work', () => {
  it('a missing folder, a folder, the graph itself and the --data file are refused, and nothing is overwritten', () => {
    expect(refused('graphs/ppca.json', '--out', path.join(dir, 'nope', 'r.json'))).toBe(`error: --out ${path.join(dir, 'nope', 'r.json')}: the folder ${path.join(dir, 'nope')} does not exist; create it first or choose another place.`);
    expect(refused('graphs/ppca.json', '--out', dir)).toBe(`error: --out ${dir}: that is a folder; give a file name inside it, e.g. ${path.join(dir, 'result.json')}.`);
    const graphCopy = file('g.json', readFileSync('graphs/ppca.json'));
    const before = readFileSync(graphCopy, 'utf8');
    expect(refused(graphCopy, '--out', graphCopy)).toMatch(/: that is the graph file itself; writing the result there would overwrite it\./);
    expect(refused('graphs/ppca.json', '--data', csv, '--out', path.relative('.', csv))).toMatch(/: that is the --data file itself/);
    expect(readFileSync(graphCopy, 'utf8')).toBe(before);
  });

  it('a place that cannot be written is found by a write probe before training', () => {
    let target: string;
    if (process.getuid?.() === 0) {
      target = '/proc/lc-result.json'; // root ignores permission bits; /proc takes no new files
    } else {
      const ro = path.join(dir, 'ro');
      mkdirSync(ro);
      chmodSync(ro, 0o555);
      target = path.join(ro, 'r.json');
    }
    expect(refused('graphs/ppca.json', '--out', target)).toMatch(new RegExp(`^error: --out ${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: cannot write in .*; choose a folder you can write to\\.$`));
    expect(existsSync(target)).toBe(false);
  });
});

describe('the result file', () => {
  it('records the seed and every setting used, the data files, the backends asked and used, and the memory limit', () => {
    const out = path.join(dir, 'settings.json');
    const r = train('--seed', '5', 'graphs/ppca.json', '--data', csv, '--epochs', '3', '--lr', '0.05', '--batch-size', '20', '--eval-samples', '7', '--optimizer', 'sgd', '--backend', 'cpu', '--memory-limit', '1GB', '--out', out);
    expect(r.code, r.err).toBe(0);
    const res = JSON.parse(readFileSync(out, 'utf8'));
    expect(res.stopReason).toEqual({ reason: 'finished' });
    expect(res.seed).toBe(5);
    expect(res.settings).toEqual({ epochs: 3, batchSize: 20, learningRate: 0.05, optimizer: 'sgd', seed: 5, evalSamples: 7, testFraction: 0.2 });
    expect(res.backendAsked).toBe('cpu');
    expect(res.backend).toBe('cpu');
    expect(res.memoryLimitBytes).toBe(2 ** 30);
    expect(res.graph).toBe(path.resolve('graphs/ppca.json'));
    expect(res.data.train).toBe(path.resolve(csv));
    expect(res.data.test).toMatch(/seeded split of --data \(testFraction 0\.2, seed 5\)/);
    expect(res.history).toHaveLength(3);
  });

  it('a diverged run still writes its history and why it stopped, with the epoch, the step and the weights restored', () => {
    const out = path.join(dir, 'diverged.json');
    const r = train('graphs/ppca.json', '--optimizer', 'sgd', '--lr', '3', '--epochs', '30', '--backend', 'cpu', '--out', out);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: Training diverged: /);
    const res = JSON.parse(readFileSync(out, 'utf8'));
    const s = res.stopReason;
    expect(s.reason).toBe('diverged');
    expect(s.message).toMatch(/^Training diverged: .* after epoch \d+ .*restored to the end of epoch \d+/);
    expect(s.epoch).toBeGreaterThan(1);
    expect(s.restoredEpoch).toBe(s.epoch - 1);
    expect(s.restoredTo).toBe(`the end of epoch ${s.restoredEpoch}`);
    expect(typeof s.step).toBe('number');
    expect(res.history).toHaveLength(s.restoredEpoch);
    expect(res.history.every((h: { trainLoss: number }) => Number.isFinite(h.trainLoss))).toBe(true);
    expect(res.settings.learningRate).toBe(3);
  });
});

describe('memory', () => {
  it('refuses a huge batch × samples before training, naming the settings to lower, and --memory-limit in the sentence', () => {
    const g = JSON.parse(readFileSync('graphs/linear-vae.json', 'utf8'));
    g.nodes.find((n: { id: string }) => n.id === 'sampler').params.samples = 10_000;
    g.nodes.find((n: { id: string }) => n.id === 'data').params.n = 100_000;
    g.training.batchSize = 65_536;
    const huge = file('huge.json', JSON.stringify(g));
    expect(refused(huge, '--memory-limit', '2GB')).toMatch(/^error: .*huge\.json: This model would need about [\d.]+ [GT]B of memory for its training step, more than the 2\.0 GB --memory-limit 2GB allows\. Lower the batch size \(65,536\), the samples J of ".+" \(10,000\) or the layer widths of ".+"\.$/);
    expect(refused(huge)).toMatch(/this run may use by default \(half this machine's memory, at most 4 GB; raise it with --memory-limit\)/);
  });
});

describe('CSV problems are named through the CLI', () => {
  it.each([
    ['overflow.csv', 'a,b\n1,2\n3,1e39\n', /^error: .*overflow\.csv line 3, column 2: 1e39 is beyond float32's range \(±3\.4e38\)/],
    ['comma.csv', 'a;b\n1,5;2\n3;4\n', /^error: .*comma\.csv line 2, column 1: "1,5" is written with a decimal comma; write decimals with a point \(1\.5\)/],
    ['utf16.csv', new Uint8Array([0xff, 0xfe, ...[...'a,b\n1,2\n3,4\n'].flatMap((c) => [c.charCodeAt(0), 0])]), /^error: .*utf16\.csv: the file is UTF-16 text .*; save it as UTF-8/],
    ['utf16be.csv', new Uint8Array([0xfe, 0xff, ...[...'a,b\n1,2\n3,4\n'].flatMap((c) => [0, c.charCodeAt(0)])]), /^error: .*utf16be\.csv: the file is UTF-16 text/],
    ['constant.csv', 'a,b,c\n' + '1,2,3\n'.repeat(10), /^error: The training data have zero variance: all 8 rows are the same in every one of the 3 columns/],
    ['two.csv', 'a,b,c\n1,2,3\n4,5,7\n', /^error: The training data have only 1 row, which spans no direction at all; PPCA with q = 2 latent dimensions needs at least 4 rows/],
  ])('%s', (name, text, message) => {
    expect(refused('graphs/ppca.json', '--data', file(name, text), '--epochs', '1')).toMatch(message);
  });
});

describe('a likelihood that cannot fit the data', () => {
  it('is warned about before training, with the data range, and training goes on', () => {
    const g = JSON.parse(readFileSync('graphs/linear-vae.json', 'utf8'));
    const lik = g.nodes.find((n: { id: string }) => n.id === 'lik');
    lik.kind = 'bernoulli';
    lik.params = {};
    g.edges.find((e: { target: string }) => e.target === 'lik').targetPort = 'logits';
    const bern = file('bernoulli.json', JSON.stringify(g));
    const data = file('range.csv', 'a,b\n-3.2,1\n0.5,4.1\n2,0\n1,1\n0,2\n');
    const r = train(bern, '--data', data, '--epochs', '1', '--backend', 'cpu', '--eval-samples', '5');
    expect(r.code, r.err).toBe(0);
    expect(r.err.trim()).toBe(
      'warning: The data range from −3.2 to 4.1; a Bernoulli likelihood needs values in [0, 1], so its loss is not a negative log-likelihood here and can even be negative — rescale the data into [0, 1], or use a Gaussian likelihood.',
    );
    expect(r.out).toMatch(/epoch 1:/);
    // Inside [0, 1] there is nothing to say.
    const fine = train(bern, '--data', file('unit.csv', 'a,b\n0,1\n0.5,0.25\n1,0\n0.1,0.9\n0.3,0.3\n'), '--epochs', '1', '--backend', 'cpu', '--eval-samples', '5');
    expect(fine.code, fine.err).toBe(0);
    expect(fine.err).toBe('');
  });
});

describe('Ctrl-C', () => {
  it('stops the run at the next step and still writes what was measured, with exit code 130', async () => {
    const { spawn } = await import('node:child_process');
    const out = path.join(dir, 'interrupted.json');
    const child = spawn(tsx, ['src/cli/train.ts', 'graphs/ppca.json', '--epochs', '100000', '--backend', 'cpu', '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    const code = await new Promise<number | null>((resolve) => {
      child.stdout.on('data', (b: Buffer) => {
        stdout += b.toString();
        if (/epoch 3:/.test(stdout) && !child.killed) child.kill('SIGINT');
      });
      child.on('exit', (c) => resolve(c));
    });
    expect(code).toBe(130);
    const res = JSON.parse(readFileSync(out, 'utf8'));
    expect(res.stopReason.reason).toBe('stopped');
    expect(res.stopReason.message).toMatch(/^Stopped by Ctrl-C after \d+ epochs?\.$/);
    expect(res.history.length).toBeGreaterThanOrEqual(3);
    expect(res.history.length).toBeLessThan(100_000);
  }, 120_000);
});
