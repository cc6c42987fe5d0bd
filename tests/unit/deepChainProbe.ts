// Run by deep-chain.test.ts in a child Node with a deliberately small stack (--stack-size):
// every step a deep graph goes through — parse, analysis, structure key, formulas, compile,
// one training step, serialise — on the deepest graph a file may hold. A walk that recurses
// once per node overflows this stack and the step is reported by name.
import * as tf from '@tensorflow/tfjs-core';
import '#tf-gradients';
import { useNodeBackend } from '../../src/cli/nodeBackend';
import { parseGraphText, serializeGraph } from '../../src/graph/parse';
import { analyzeGraph } from '../../src/compiler/analyze';
import { compileGraph } from '../../src/compiler/compile';
import { objectiveFormula } from '../../src/compiler/objectiveFormula';
import { nodeFormula } from '../../src/editor/math/nodeFormulaTex';
import { renderTex } from '../../src/editor/math/renderTex';
import { structureKey } from '../../src/graph/structureKey';
import { deepChainGraph } from '../../src/testing/deepChain';
import { makeOptimizer } from '../../src/training/trainer';

async function main() {
  const layers = process.argv[2] === 'linear' ? 'linear' : 'dense';
  const steps: Record<string, number> = {};
  const step = async <T>(name: string, f: () => T | Promise<T>): Promise<T> => {
    const t0 = Date.now();
    try {
      const r = await f();
      steps[name] = Date.now() - t0;
      return r;
    } catch (e) {
      console.log(JSON.stringify({ ok: false, step: name, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e), steps }));
      process.exit(1);
    }
  };
  const text = JSON.stringify(deepChainGraph({ layers }));
  const parsed = await step('parse', () => parseGraphText(text, 'deep.json'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const doc = parsed.doc;
  const analysis = await step('analyze', () => analyzeGraph(doc));
  if (analysis.errors.length) throw new Error(analysis.errors.map((e) => e.message).join('\n'));
  await step('structureKey', () => structureKey(doc));
  const formula = await step('objectiveFormula', () => objectiveFormula(doc, analysis));
  await step('renderObjective', () => {
    const html = renderTex(formula.tex, true);
    if (/katex-error|tex-refused/.test(html)) throw new Error(`the objective is not typeset: ${html.slice(0, 300)}`);
  });
  await step('nodeFormulas', () => doc.nodes.map((n) => nodeFormula(doc, n.id, analysis)));
  await step('serialize', () => serializeGraph(doc));
  await step('backend', () => useNodeBackend('cpu'));
  const model = await step('compile', () => compileGraph(doc, { seed: 1 }));
  const loss = await step('trainingStep', () => {
    const opt = makeOptimizer(doc.training);
    const x = tf.randomNormal([8, model.dataDim], 0, 1, 'float32', 3) as tf.Tensor2D;
    const cost = opt.minimize(() => tf.mean(model.lossPerExample(x, 1)) as tf.Scalar, true, model.variables);
    const v = cost!.dataSync()[0];
    tf.dispose([x, cost!]);
    opt.dispose();
    return v;
  });
  model.dispose();
  // Through 1,995 random linear layers W's entries may over- or underflow; what is tested
  // here is that the step runs, so only the tanh chain's loss must be finite.
  console.log(JSON.stringify({ ok: layers === 'linear' || Number.isFinite(loss), loss, formulaChars: formula.tex.length, steps }));
}

void main();
