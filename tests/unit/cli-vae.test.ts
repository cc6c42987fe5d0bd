// The reference VAE, trained headless on the embedded MNIST set for a couple hundred steps.
import { expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

it('trains graphs/vae.json on MNIST from the CLI: the loss falls well below its start', () => {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'lc-vae-')), 'vae.json');
  const r = spawnSync(path.resolve('node_modules/.bin/tsx'), ['src/cli/train.ts', 'graphs/vae.json', '--epochs', '2', '--eval-samples', '20', '--out', out], {
    encoding: 'utf8',
    timeout: 600_000,
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const res = JSON.parse(readFileSync(out, 'utf8'));
  expect(res.history).toHaveLength(2); // 2 × 71 steps of 128 digits
  const [first, second] = res.history;
  // A fresh decoder starts near 784·log 2 ≈ 543 nats; two epochs take it far below.
  expect(second.testLoss).toBeLessThan(0.75 * first.trainLoss);
  expect(second.testLoss).toBeLessThan(200);
  expect(res.final.testNllMethod).toMatch(/importance sampling, K = 20, proposal q\(z\|x\)/);
  // IWAE_K with K = 20 is a tighter bound than the ELBO on the same model.
  expect(res.final.testNll).toBeLessThan(second.testLoss + 1);
}, 600_000);
