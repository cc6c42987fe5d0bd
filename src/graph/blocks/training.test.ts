// A graph with blocks trains exactly as the same graph without them: the compiler sees the
// flattened graph. Seeds of initialisation follow node ids (which flattening prefixes), so
// the block model starts from the original model's values, copied by variable name; from
// there every loss and every optimizer step must agree to the last bit.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '#tf-gradients';
import { useNodeBackend } from '../../cli/nodeBackend';
import { compileGraph, savedName, type CompiledModel } from '../../compiler/compile';
import { Trainer, makeOptimizer } from '../../training/trainer';
import { parseGraphText } from '../parse';
import { makeBlock } from './make';
import type { GraphDoc } from '../document';

beforeAll(async () => {
  await useNodeBackend('cpu');
});

function open(name: string): GraphDoc {
  const r = parseGraphText(readFileSync(`graphs/${name}`, 'utf8'), name);
  if (!r.ok) throw new Error(r.errors.join(' '));
  return r.doc;
}

/** The saved name with the block prefixes taken off the node id: `block-1.enc/kernel` → `enc/kernel`. */
const plainName = (name: string) => {
  const slash = name.indexOf('/');
  const id = name.slice(0, slash);
  return `${id.slice(id.lastIndexOf('.') + 1)}${name.slice(slash)}`;
};

function copyValues(from: CompiledModel, to: CompiledModel) {
  const byName = new Map(from.variables.map((v) => [savedName(v), v]));
  expect(to.variables.map((v) => plainName(savedName(v))).sort()).toEqual([...byName.keys()].sort());
  for (const v of to.variables) v.assign(byName.get(plainName(savedName(v)))!);
}

async function losses(model: CompiledModel, x: tf.Tensor2D, steps: number): Promise<number[]> {
  const trainer = new Trainer(model, makeOptimizer({ optimizer: 'adam', learningRate: 0.01 }));
  const out: number[] = [];
  for (let i = 0; i < steps; i++) {
    const l = trainer.step(x, 100 + i);
    out.push((await l.data())[0]);
    l.dispose();
  }
  trainer.optimizer.dispose();
  return out;
}

describe('a graph with blocks trains as the graph without them', () => {
  it.each([
    ['vae.json', ['enc', 'encMean', 'encLogvar', 'q'], 784],
    ['ppca.json', ['decoder', 'likelihood'], undefined],
  ] as const)('%s with %j in a block: same losses, step by step', async (file, ids, dataDim) => {
    const plain = open(file);
    const inBlock = makeBlock(plain, ids);
    if (!inBlock.ok) throw new Error(inBlock.reason);
    const a = compileGraph(plain, { seed: 3, dataDim });
    const b = compileGraph(inBlock.doc, { seed: 3, dataDim });
    copyValues(a, b);
    const D = a.dataDim;
    const x = tf.tidy(() => tf.randomUniform([6, D], 0, 1, 'float32', 7) as tf.Tensor2D);
    const first = [a, b].map((m) => tf.tidy(() => Array.from(m.lossPerExample(x, 11).dataSync())));
    expect(first[1]).toEqual(first[0]);
    const [la, lb] = [await losses(a, x, 3), await losses(b, x, 3)];
    expect(lb).toEqual(la);
    x.dispose();
    a.dispose();
    b.dispose();
  }, 60_000);
});
