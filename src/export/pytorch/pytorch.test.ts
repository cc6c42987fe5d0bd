// The PyTorch export, run by real PyTorch (Debian's python3-torch; npm test installs it).
// Every gallery graph, every estimator built from parts and graphs with blocks export and
// reproduce the app's first step — loss and gradients to 1e-5 relative — from the app's
// initial weights, batch and noise; a tampered export is caught.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { useNodeBackend } from '../../cli/nodeBackend';
import { nodeLoaders } from '../../cli/nodeLoaders';
import type { GraphDoc } from '../../graph/document';
import { makeBlock } from '../../graph/blocks/make';
import { partsGraph, type PartsEstimator } from '../../testing/partsGraphs';
import { fixtureGraph } from '../../testing/linearGaussianFixture';
import { runPython } from '../../testing/torchPython';
import { openGraph, writeProject } from '../../testing/exportedProject';
import { pytorchProject } from './project';

const root = mkdtempSync(path.join(tmpdir(), 'lc-pytorch-'));

async function exported(name: string, doc: GraphDoc): Promise<string> {
  return writeProject(await pytorchProject(doc, { loaders: nodeLoaders }), path.join(root, name));
}

interface CheckReport {
  ok: boolean;
  loss: { app: number; pytorch: number; relative: number };
  gradient: number;
  parameters: Record<string, number>;
}

function check(dir: string): CheckReport & { status: number | null; out: string } {
  const r = runPython(dir, ['train.py', '--check']);
  const out = r.stdout + r.stderr;
  const json = out.slice(out.indexOf('{'), out.lastIndexOf('}') + 1);
  if (!json) throw new Error(`train.py --check printed no report:\n${out}`);
  return { ...(JSON.parse(json) as CheckReport), status: r.status, out };
}

function expectAgreement(dir: string) {
  const c = check(dir);
  expect(c.status, c.out).toBe(0);
  expect(c.ok).toBe(true);
  expect(c.loss.relative).toBeLessThanOrEqual(1e-5);
  expect(c.gradient).toBeLessThanOrEqual(1e-5);
  for (const rel of Object.values(c.parameters)) expect(rel).toBeLessThanOrEqual(1e-3);
  expect(Number.isFinite(c.loss.app)).toBe(true);
  return c;
}

beforeAll(async () => {
  await useNodeBackend('cpu');
});

const gallery = readdirSync('graphs').filter((f) => f.endsWith('.json'));

describe('every gallery graph: the first step in PyTorch is the app\'s', () => {
  it.each(gallery)('%s', async (file) => {
    expectAgreement(await exported(file, openGraph(`graphs/${file}`)));
  }, 120_000);
});

describe('estimators from parts, other wirings and blocks', () => {
  const parts: PartsEstimator[] = ['iwae', 'elbo', 'stl', 'klElbo', 'dreg', 'rws', 'autoencoder'];
  it.each(parts)('parts: %s, J = 3', async (estimator) => {
    expectAgreement(await exported(`parts-${estimator}`, partsGraph(estimator, 3)));
  }, 60_000);

  it('a β-KL with a warm-up in steps, part-way through it', async () => {
    expectAgreement(await exported('warm-up', partsGraph('klElbo', 2, { beta: 2, warmUp: { unit: 'steps', length: 4 } })));
  }, 60_000);

  it.each([
    ['ELBO with a Monte Carlo KL', fixtureGraph('elboLoss', 2, 'mc')],
    ['a Bernoulli likelihood', fixtureGraph('iwaeLoss', 4, 'analytic', 'bernoulli')],
    ['the autoencoder', fixtureGraph('autoencoderLoss', 1)],
    ['the prior-sampled estimate', fixtureGraph('mcPriorLoss', 6)],
  ])('%s', async (name, doc) => {
    expectAgreement(await exported(name.replace(/\W+/g, '-'), doc));
  }, 60_000);

  it.each([
    ['vae.json', ['enc', 'encMean', 'encLogvar', 'q']],
    ['ppca.json', ['decoder', 'likelihood']],
  ])('%s with %j in a block', async (file, ids) => {
    const made = makeBlock(openGraph(`graphs/${file}`), ids);
    if (!made.ok) throw new Error(made.reason);
    const dir = await exported(`block-${file}`, made.doc);
    expectAgreement(dir);
    // The block's nodes are there, under the flattened names the app saves their weights by.
    expect(readFileSync(path.join(dir, 'model.py'), 'utf8')).toMatch(new RegExp(`"[^"]+\\.${ids[0]}/`));
  }, 120_000);

  it('a tampered export is caught: the check can fail', async () => {
    const dir = await exported('tampered', openGraph('graphs/vae.json'));
    const file = path.join(dir, 'model.py');
    const py = readFileSync(file, 'utf8');
    expect(py).toContain('"relu")');
    writeFileSync(file, py.replace('"relu")', '"softplus")')); // one hidden layer, the wrong activation
    const c = check(dir);
    expect(c.status).toBe(1);
    expect(c.ok).toBe(false);
    expect(c.out).toContain('DISAGREES');
  }, 120_000);
});

describe('the project is self-contained', () => {
  it('imports only the standard library, torch, numpy and its own model.py', async () => {
    const dir = await exported('imports', openGraph('graphs/dreg.json'));
    const allowed = new Set(['argparse', 'base64', 'json', 'math', 'os', 'socket', 'sys', 'time', 'datetime', 'numpy', 'torch', 'model']);
    for (const file of ['train.py', 'model.py']) {
      const modules = [...readFileSync(path.join(dir, file), 'utf8').matchAll(/^\s*(?:import|from)\s+([\w.]+)/gm)].map((m) => m[1].split('.')[0]);
      expect(modules.length).toBeGreaterThan(2);
      for (const m of modules) expect(allowed, `${file} imports ${m}`).toContain(m);
    }
    expect(readdirSync(dir).sort()).toEqual(['README.md', 'check.npz', 'data', 'graph.json', 'init_weights.npz', 'model.py', 'train.py']);
  }, 120_000);
});
