// The compiler on fuzzed documents: for every document that opens, analyzeGraph returns
// and compileGraph either builds a model or throws a CompileError — nothing else; a built
// model evaluates a small batch and gives back every tensor it made when disposed. Building variables costs
// time, so this share of the fuzz is small (FUZZ_COMPILE_RUNS raises it; default 3,000).
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs-core';
import { useNodeBackend } from '../../src/cli/nodeBackend';
import { parseGraphText } from '../../src/graph/parse';
import type { GraphDoc } from '../../src/graph/document';
import { analyzeGraph } from '../../src/compiler/analyze';
import { CompileError, compileGraph } from '../../src/compiler/compile';
import { builtGraph, lightlyMutatedGraph, mutatedGraph } from './fuzz.arbitraries';

const RUNS = Number(process.env.FUZZ_COMPILE_RUNS) || 3000;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

/** Keeps variable sizes small enough to build hundreds of models in seconds. */
function smallEnough(doc: GraphDoc, dataDim: number | undefined): boolean {
  if (dataDim !== undefined && dataDim > 1024) return false;
  return doc.nodes.every((n) => Object.values(n.params).every((v) => (typeof v === 'number' ? v <= 1024 : Array.isArray(v) ? v.every((x) => typeof x !== 'number' || x <= 1024) : true)));
}

const tally = { opened: 0, compiled: 0, evaluated: 0, compileErrors: 0 };

function compileChecked(text: string): void {
  const r = parseGraphText(text, 'fuzz.json');
  if (!r.ok) return;
  tally.opened++;
  const analysis = analyzeGraph(r.doc);
  if (!smallEnough(r.doc, analysis.dataDim)) return;
  const before = tf.memory().numTensors;
  let model: ReturnType<typeof compileGraph> | undefined;
  try {
    model = compileGraph(r.doc, { seed: 1 });
  } catch (e) {
    if (!(e instanceof CompileError)) throw new Error(`compileGraph threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)} (not a CompileError)`);
    tally.compileErrors++;
    expect(e.issues.length).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
    return;
  }
  tally.compiled++;
  try {
    // A model that compiled also evaluates a small batch (its loss per example) without throwing.
    if (model.dataDim <= 256) {
      const loss = tf.tidy(() => model.lossPerExample(tf.randomNormal([3, model!.dataDim], 0, 1, 'float32', 7) as tf.Tensor2D, 1).clone());
      expect(loss.shape).toEqual([3]);
      loss.dispose();
      tally.evaluated++;
    }
  } finally {
    model.dispose();
  }
  expect(tf.memory().numTensors).toBe(before);
}

describe('fuzz: compileGraph throws only CompileError', () => {
  beforeAll(async () => {
    await useNodeBackend('cpu');
  });

  it('on mutated lecture graphs and graphs wired at random', () => {
    const started = Date.now();
    fc.assert(
      fc.property(fc.oneof({ weight: 3, arbitrary: lightlyMutatedGraph }, { weight: 1, arbitrary: mutatedGraph }, { weight: 2, arbitrary: builtGraph(true) }), (doc) => compileChecked(JSON.stringify(doc))),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    console.log(`fuzz-compile: ${RUNS} documents, ${tally.opened} opened, ${tally.compiled} compiled (${tally.evaluated} evaluated on a batch), ${tally.compileErrors} refused with a CompileError, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
});
