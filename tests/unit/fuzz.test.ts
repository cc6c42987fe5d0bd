// Any file, no crash: tens of thousands of generated bad documents go through the parser
// and, when they open, through the compiler's analysis. No exception may escape; every
// refusal is a short list of sentences; every document that opens is valid, re-opens
// from its own saved text unchanged, and can be analysed.
//   FUZZ_RUNS=200000 npx vitest run tests/unit/fuzz.test.ts   (default 30,000 in total)
//   FUZZ_SEED=123 replays a run (fast-check prints the seed and path of any failure).
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { INTERNAL_ERROR, parseGraphText, parseGraphValue, serializeGraph, type ParseResult } from '../../src/graph/parse';
import { GRAPH_SOURCE, graphDocSchema } from '../../src/graph/document';
import { LIMITS } from '../../src/graph/limits';
import { analyzeGraph } from '../../src/compiler/analyze';
import { builtGraph, codeOnlyValue, corruptedText, mutatedGraph, POLLUTION_KEY, randomDocument } from './fuzz.arbitraries';
import { prototypeChanges, snapshotPrototypes } from './prototypeSnapshot';

const TOTAL = Number(process.env.FUZZ_RUNS) || 30_000;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const runs = (share: number) => ({ numRuns: Math.max(1, Math.round(TOTAL * share)), seed: SEED, endOnFailure: true });

const tally = { documents: 0, opened: 0, refused: 0, analysed: 0, analysisErrors: 0, pollutionAttempts: 0 };

/** Taken before any document is parsed: the fuzz run must leave the shared prototypes as they are. */
const prototypesBefore = snapshotPrototypes();

/** A document that tries to plant POLLUTION_KEY on a prototype (as text, that is how a file would). */
const tries = (text: string) => text.includes(`"${POLLUTION_KEY}"`) && /"(__proto__|prototype)"/.test(text);

/** The verdict is well formed; a document that opened is sound and survives analysis. */
function check(r: ParseResult): void {
  tally.documents++;
  if (!r.ok) {
    tally.refused++;
    expect('doc' in r).toBe(false);
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors.length).toBeLessThanOrEqual(LIMITS.problemsListed + 1);
    for (const e of r.errors) {
      expect(typeof e).toBe('string');
      expect(e).not.toContain(INTERNAL_ERROR);
      expect(e.length).toBeLessThan(2000);
    }
    return;
  }
  tally.opened++;
  for (const w of r.warnings) {
    expect(typeof w).toBe('string');
    expect(w.length).toBeLessThan(2000);
  }
  expect(graphDocSchema.safeParse(r.doc).success).toBe(true);
  const again = parseGraphText(serializeGraph(r.doc), 'saved.json');
  if (!again.ok) throw new Error(`a document that opened does not re-open from its saved text: ${again.errors.join(' ')}`);
  expect(again.warnings).toEqual([]);
  expect(again.doc).toEqual({ ...r.doc, source: GRAPH_SOURCE }); // saving stamps this app as the source
  const a = analyzeGraph(r.doc);
  tally.analysed++;
  if (a.errors.length) tally.analysisErrors++;
  for (const issue of a.errors) expect(typeof issue.message).toBe('string');
}

describe('fuzz: no exception escapes the parser or the analysis', () => {
  const started = Date.now();
  afterAll(() => {
    // Nothing a file did may leak into the prototypes every object shares.
    expect(prototypeChanges(prototypesBefore)).toEqual([]);
    expect(({} as Record<string, unknown>)[POLLUTION_KEY]).toBeUndefined();
    expect(([] as unknown as Record<string, unknown>)[POLLUTION_KEY]).toBeUndefined();
    // The generators really do try: a check with nothing to catch proves nothing.
    expect(tally.pollutionAttempts).toBeGreaterThan(Math.min(50, TOTAL / 500));
    console.log(`fuzz: ${tally.documents} documents (${tally.opened} opened, ${tally.refused} refused; ${tally.analysed} analysed, ${tally.analysisErrors} with graph errors; ${tally.pollutionAttempts} tried to pollute a prototype) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it('the prototype check notices a planted key (so it can fail)', () => {
    const before = snapshotPrototypes();
    (Object.prototype as Record<string, unknown>)[POLLUTION_KEY] = 'yes';
    (Array.prototype as unknown as Record<string, unknown>).toString = () => 'x';
    const seen = prototypeChanges(before);
    delete (Object.prototype as Record<string, unknown>)[POLLUTION_KEY];
    (Array.prototype as unknown as Record<string, unknown>).toString = before.get('Array.prototype.toString')!.value;
    expect(seen).toEqual([`added Object.prototype.${POLLUTION_KEY}`, 'replaced Array.prototype.toString']);
    expect(prototypeChanges(before)).toEqual([]);
  });

  it('mutated lecture graphs, as text and as values', () => {
    fc.assert(
      fc.property(mutatedGraph, (doc) => {
        const text = JSON.stringify(doc);
        if (tries(text)) tally.pollutionAttempts++;
        check(parseGraphValue(doc, 'fuzz.json'));
        check(parseGraphText(text, 'fuzz.json'));
      }),
      runs(0.2),
    );
  });

  it('graphs wired at random from the node catalogue', () => {
    fc.assert(
      fc.property(builtGraph(false), (doc) => check(parseGraphText(JSON.stringify(doc), 'fuzz.json'))),
      runs(0.2),
    );
  });

  it('random JSON, with and without a graph header', () => {
    fc.assert(
      fc.property(randomDocument, (doc) => {
        const text = JSON.stringify(doc);
        if (tries(text)) tally.pollutionAttempts++;
        check(parseGraphText(text, 'fuzz.json'));
      }),
      runs(0.1),
    );
  });

  it('corrupted text', () => {
    fc.assert(
      fc.property(corruptedText, (text) => {
        if (tries(text)) tally.pollutionAttempts++;
        check(parseGraphText(text, 'fuzz.json'));
      }),
      runs(0.15),
    );
  });

  it('documents that pass the schema but skip the reference checks (as an edit could leave them) still analyse', () => {
    fc.assert(
      fc.property(fc.oneof(builtGraph(false), mutatedGraph), (doc) => {
        const p = graphDocSchema.safeParse(doc);
        if (!p.success) return;
        tally.documents++;
        tally.analysed++;
        const a = analyzeGraph(p.data);
        if (a.errors.length) tally.analysisErrors++;
      }),
      runs(0.1),
    );
  });

  it('values only code can hand over (NaN, cycles, functions, getters)', () => {
    fc.assert(
      fc.property(codeOnlyValue, (value) => check(parseGraphValue(value, 'fuzz.json'))),
      runs(0.1),
    );
  });
});
