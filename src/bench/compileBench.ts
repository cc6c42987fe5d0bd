// Time to analyse and compile a large graph (pure; the host picks the backend).
import { parseGraphValue } from '../graph/parse';
import { analyzeGraph } from '../compiler/analyze';
import { compileGraph } from '../compiler/compile';
import { deepVaeGraph } from './bigGraph';
import { median } from './throughput';

export interface CompileBenchResult {
  nodes: number;
  edges: number;
  parseMs: number;
  analyzeMs: number;
  compileMs: number;
  /** The first compile in the process (cold caches, first kernels). */
  firstCompileMs: number;
  variables: number;
  repeats: number;
}

export function runCompileBench(nodes = 200, repeats = 7): CompileBenchResult {
  const raw = deepVaeGraph({ nodes });
  const parsed = parseGraphValue(raw, 'the generated graph');
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const doc = parsed.doc;
  const first = analyzeGraph(doc);
  if (first.errors.length) throw new Error(`The generated graph does not analyse: ${first.errors.map((e) => e.message).join(' ')}`);
  const time = (f: () => void) => {
    const t = performance.now();
    f();
    return performance.now() - t;
  };
  const parseMs: number[] = [];
  const analyzeMs: number[] = [];
  const compileMs: number[] = [];
  let variables = 0;
  let firstCompileMs = NaN;
  for (let i = 0; i <= repeats; i++) {
    const p = time(() => parseGraphValue(raw, 'the generated graph'));
    const a = time(() => analyzeGraph(doc));
    const c = time(() => {
      const model = compileGraph(doc, { seed: 1 });
      variables = model.variables.length;
      model.dispose();
    });
    if (i === 0) {
      firstCompileMs = c;
      continue; // warm-up
    }
    parseMs.push(p);
    analyzeMs.push(a);
    compileMs.push(c);
  }
  return { nodes: doc.nodes.length, edges: doc.edges.length, parseMs: median(parseMs), analyzeMs: median(analyzeMs), compileMs: median(compileMs), firstCompileMs, variables, repeats };
}
