// A graph as deep as a file may be (2,000 nodes in one chain) goes through everything a
// graph goes through — parse, analysis, formulas, compile, a training step — in a Node whose
// stack is a fraction of the default (deepChainProbe.ts, run with --stack-size). A walk or a
// pull that recurses once per node overflows it, as it would in a browser worker.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';

/** KB of stack: the probe passes with 100; the recursive pull it replaced failed at 200. */
const STACK_KB = 150;

describe.each(['dense', 'linear'] as const)('a 2,000-node chain of %s layers', (layers) => {
  it('is analysed, compiled, described and trained without deep recursion', () => {
    const r = spawnSync(process.execPath, [`--stack-size=${STACK_KB}`, '--import', 'tsx', 'tests/unit/deepChainProbe.ts', layers], { encoding: 'utf8', timeout: 90_000 });
    const last = r.stdout.trim().split('\n').pop() ?? '';
    expect(last, `probe stdout: ${r.stdout.slice(-2000)}\nstderr: ${r.stderr.slice(-2000)}`).toMatch(/^\{/);
    const out = JSON.parse(last) as { ok: boolean; step?: string; error?: string; loss?: number; formulaChars: number; steps: Record<string, number> };
    expect(out.error ?? '', `failed at ${out.step}`).toBe('');
    expect(out.ok).toBe(true);
    expect(typeof out.loss).toBe('number');
    // The objective stays a formula a person can read, far below what renderTex typesets.
    expect(out.formulaChars).toBeLessThan(2000);
    expect(Object.keys(out.steps)).toEqual(expect.arrayContaining(['analyze', 'objectiveFormula', 'renderObjective', 'nodeFormulas', 'compile', 'trainingStep']));
  });
});
