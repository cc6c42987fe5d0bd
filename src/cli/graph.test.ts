// `npm run graph -- expand` as a person runs it: a real process on the gallery's files. The
// expanded file must open, hold no built-in estimator, and give the loss the original gives
// (same seed, same batch; the model's node ids are kept, so the weights and samples agree).
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { useNodeBackend } from './nodeBackend';
import { compileGraph } from '../compiler/compile';
import { parseGraphText } from '../graph/parse';
import type { GraphDoc } from '../graph/document';
import { isExpandable } from '../nodes/expand';
import { makeBlock } from '../graph/blocks/make';

const dir = mkdtempSync(path.join(tmpdir(), 'lc-graph-'));
const tsx = path.resolve('node_modules/.bin/tsx');

function graph(...args: string[]) {
  const r = spawnSync(tsx, ['src/cli/graph.ts', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function open(file: string): GraphDoc {
  const r = parseGraphText(readFileSync(file, 'utf8'), file);
  if (!r.ok) throw new Error(r.errors.join(' '));
  return r.doc;
}

beforeAll(async () => {
  await useNodeBackend('cpu');
});

/** The reported loss per example on a fixed batch in [0, 1] (the MNIST graphs' data width). */
async function loss(doc: GraphDoc): Promise<number[]> {
  const model = compileGraph(doc, { dataDim: 784, seed: 3 });
  const x = tf.tidy(() => tf.randomUniform([6, 784], 0, 1, 'float32', 11) as tf.Tensor2D);
  const l = tf.tidy(() => model.lossPerExample(x, 5));
  const out = Array.from(await l.data());
  [x, l].forEach((t) => t.dispose());
  model.dispose();
  return out;
}

describe('npm run graph -- expand', () => {
  for (const name of ['vae.json', 'importance-sampling.json']) {
    it(`expands ${name} into parts that give the same loss`, async () => {
      const out = path.join(dir, name);
      const r = graph('expand', `graphs/${name}`, out);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/expanded .+ into \d+ parts/);
      expect(r.out).toMatch(new RegExp(`wrote ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      const before = open(`graphs/${name}`);
      const after = open(out);
      expect(after.nodes.filter(isExpandable)).toEqual([]);
      const [a, b] = [await loss(before), await loss(after)];
      // Float32 rounding: the parts run the built-in's ops in the same order.
      b.forEach((v, i) => expect(Math.abs(v - a[i])).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(a[i]))));
    });
  }

  it('says why the exact marginal NLL stays one part, and writes the graph unchanged', () => {
    const out = path.join(dir, 'ppca.json');
    const r = graph('expand', 'graphs/ppca.json', out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/integrates z out in closed form/);
    expect(open(out).nodes).toEqual(open('graphs/ppca.json').nodes);
  });

  it('expands only the node --node names, and refuses one that is not an estimator', () => {
    const r = graph('expand', 'graphs/vae.json', path.join(dir, 'one.json'), '--node', 'loss');
    expect(r.code).toBe(0);
    const bad = graph('expand', 'graphs/vae.json', path.join(dir, 'bad.json'), '--node', 'sampler');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^error: graphs\/vae\.json: .+ is not a built-in estimator/);
  });

  it('refuses a graph file with problems, in sentences, and an estimator that is not wired', () => {
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{"format": "something else"}');
    const r = graph('expand', broken, path.join(dir, 'x.json'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/is not a Latent Canvas graph/);

    const doc = open('graphs/vae.json');
    doc.edges = doc.edges.filter((e) => !(e.target === 'loss' && e.targetPort === 'prior'));
    const unwired = path.join(dir, 'unwired.json');
    writeFileSync(unwired, JSON.stringify(doc));
    const u = graph('expand', unwired, path.join(dir, 'y.json'));
    expect(u.code).toBe(1);
    expect(u.err).toMatch(/cannot be expanded yet: connect p\(z\) first/);
  });

  it('expands an estimator inside a block definition, and the loss stays the same', async () => {
    const vae = open('graphs/vae.json');
    const made = makeBlock(vae, vae.nodes.map((n) => n.id), { title: 'Whole VAE' });
    if (!made.ok) throw new Error(made.reason);
    const file = path.join(dir, 'in-block.json');
    writeFileSync(file, JSON.stringify(made.doc));
    const out = path.join(dir, 'in-block-expanded.json');
    const r = graph('expand', file, out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/expanded .+ in the block “Whole VAE” into \d+ parts/);
    const after = open(out);
    const def = after.blocks![made.defId];
    expect(def.nodes.filter(isExpandable)).toEqual([]);
    expect(def.nodes.some((n) => n.kind === 'objective')).toBe(true);
    const [a, b] = [await loss(made.doc), await loss(after)];
    b.forEach((v, i) => expect(Math.abs(v - a[i])).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(a[i]))));
  });

  it('refuses, in a sentence naming the block, an estimator that reads its inputs through the boundary', () => {
    const vae = open('graphs/vae.json');
    const made = makeBlock(vae, ['loss'], { title: 'The loss' });
    if (!made.ok) throw new Error(made.reason);
    const file = path.join(dir, 'loss-block.json');
    writeFileSync(file, JSON.stringify(made.doc));
    const r = graph('expand', file, path.join(dir, 'z.json'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/in the block “The loss” reads its .+ through the block's boundary, so it cannot be expanded there/);
  });

  it('names its usage when the files are missing', () => {
    const r = graph('expand', 'graphs/vae.json');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/usage: npm run graph -- expand/);
  });
});
