import { describe, expect, it } from 'vitest';
import { portKey, pullEvaluator, type PortRef } from './pullEvaluator';

/** A toy graph: each node's value is a string built from the inputs it pulls, in order. */
function toy(wiring: Record<string, Record<string, string>>, pulls: Record<string, string[]>) {
  const calls: string[] = [];
  const evaluated: string[] = [];
  const sourceOf = (id: string, port: string): PortRef | undefined => {
    const src = wiring[id]?.[port];
    return src ? { nodeId: src, port: 'out' } : undefined;
  };
  const compute = (id: string, _port: string, input: (p: string) => string | undefined) => {
    calls.push(id);
    const parts = (pulls[id] ?? []).map((p) => input(p) ?? '-');
    evaluated.push(id);
    return `${id}(${parts.join(',')})`;
  };
  return { calls, evaluated, sourceOf, compute };
}

/** The recursive pull this replaces, as the reference for values and order. */
function recursive(t: ReturnType<typeof toy>, memo = new Map<string, string>()) {
  const ev = (id: string, port: string): string => {
    const k = portKey(id, port);
    if (!memo.has(k)) memo.set(k, t.compute(id, port, (p) => { const s = t.sourceOf(id, p); return s && ev(s.nodeId, s.port); }));
    return memo.get(k)!;
  };
  return ev;
}

describe('pullEvaluator', () => {
  const wiring = { loss: { a: 'enc', b: 'dec', c: 'ignored' }, dec: { in: 'enc' }, enc: { in: 'data' }, ignored: { in: 'data' } };
  const pulls = { loss: ['a', 'b', 'none'], dec: ['in'], enc: ['in'], ignored: ['in'], data: [] };

  it('gives what the recursive pull gives, evaluating the same nodes in the same order', () => {
    const a = toy(wiring, pulls);
    const b = toy(wiring, pulls);
    expect(pullEvaluator(new Map(), a.compute, a.sourceOf)('loss', 'out')).toBe(recursive(b)('loss', 'out'));
    expect(a.evaluated).toEqual(b.evaluated);
    expect(a.evaluated).not.toContain('ignored'); // lazy: an input nobody pulls is never evaluated
  });

  it('stops at values fixed in advance', () => {
    const a = toy(wiring, pulls);
    const memo = new Map([[portKey('enc', 'out'), 'fixed']]);
    expect(pullEvaluator(memo, a.compute, a.sourceOf)('loss', 'out')).toBe('loss(fixed,dec(fixed),-)');
    expect(a.evaluated).not.toContain('data');
  });

  it('walks a chain of 100,000 nodes without recursing', () => {
    const n = 100_000;
    const w: Record<string, Record<string, string>> = {};
    const p: Record<string, string[]> = {};
    for (let i = 1; i < n; i++) {
      w[`n${i}`] = { in: `n${i - 1}` };
      p[`n${i}`] = ['in'];
    }
    const t = toy(w, p);
    const depth = pullEvaluator(new Map<string, string>(), (id, _port, input) => (id === 'n0' ? '0' : String(Number(input('in')) + 1)), t.sourceOf);
    expect(depth(`n${n - 1}`, 'out')).toBe(String(n - 1));
  });

  it('names a cycle instead of looping', () => {
    const t = toy({ a: { in: 'b' }, b: { in: 'a' } }, { a: ['in'], b: ['in'] });
    expect(() => pullEvaluator(new Map(), t.compute, t.sourceOf)('a', 'out')).toThrow(/cycle through/);
  });

  it('passes a real error from a node through', () => {
    const t = toy(wiring, pulls);
    const boom = pullEvaluator(new Map(), (id, port, input) => { if (id === 'dec') throw new RangeError('bad shape'); return t.compute(id, port, input); }, t.sourceOf);
    expect(() => boom('loss', 'out')).toThrow('bad shape');
  });
});

describe('pullEvaluator with learned pulls', () => {
  const wiring = { loss: { a: 'enc', b: 'dec', c: 'ignored' }, dec: { in: 'enc' }, enc: { in: 'data' }, ignored: { in: 'data' } };
  const pulls = { loss: ['a', 'b', 'none'], dec: ['in'], enc: ['in'], ignored: ['in'], data: [] };

  it('runs each output once from the second evaluation on, with the same values and order, still lazily', () => {
    const learned = new Map<string, string[]>();
    const first = toy(wiring, pulls);
    const v1 = pullEvaluator(new Map(), first.compute, first.sourceOf, learned)('loss', 'out');
    expect(first.calls.filter((c) => c === 'loss')).toHaveLength(3); // two retries: a, then b, was missing
    const second = toy(wiring, pulls);
    const v2 = pullEvaluator(new Map(), second.compute, second.sourceOf, learned)('loss', 'out');
    expect(v2).toBe(v1);
    expect(second.calls).toEqual(second.evaluated); // no output() stopped part-way
    expect(second.evaluated).toEqual(first.evaluated);
    expect(second.evaluated).not.toContain('ignored');
  });

  it('still answers an input that was not pulled before, and still names a cycle', () => {
    const learned = new Map<string, string[]>();
    const t = toy(wiring, pulls);
    pullEvaluator(new Map(), t.compute, t.sourceOf, learned)('loss', 'out');
    const wider = toy(wiring, { ...pulls, loss: ['a', 'b', 'c'] });
    expect(pullEvaluator(new Map(), wider.compute, wider.sourceOf, learned)('loss', 'out')).toBe('loss(enc(data()),dec(enc(data())),ignored(data()))');
    const cyc = toy({ a: { in: 'b' }, b: { in: 'a' } }, { a: ['in'], b: ['in'] });
    const cycLearned = new Map([[portKey('a', 'out'), ['in']], [portKey('b', 'out'), ['in']]]);
    expect(() => pullEvaluator(new Map(), cyc.compute, cyc.sourceOf, cycLearned)('a', 'out')).toThrow(/cycle through/);
  });
});
