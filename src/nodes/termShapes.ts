// Shape rules the estimator parts share: terms carry S samples per example, and two terms
// (or a term and a distribution) combine when their S agree or one of them is 1.
import type { PortShape, PortSpec, TermShape } from './types';

export const TERM_OUT: PortSpec[] = [{ name: 'term', kind: 'term', label: 'term' }];

export const termShape = (samples: number): TermShape => ({ kind: 'term', samples });

/** Samples per example of whatever arrives (1 for a loss, which carries none). */
export const samplesOf = (s: PortShape | undefined): number => (s && s.kind !== 'objective' ? s.samples : 1);

/**
 * The S two or more inputs broadcast to, or the sentence that says which ones disagree.
 * `named` pairs a port's label with its shape; unconnected ones are left out.
 */
export function broadcastSamples(named: [string, PortShape | undefined][]): { samples: number } | { error: string } {
  const present = named.filter((n): n is [string, PortShape] => n[1] !== undefined);
  const many = present.filter(([, s]) => samplesOf(s) > 1);
  const S = many.length ? samplesOf(many[0][1]) : 1;
  const odd = many.find(([, s]) => samplesOf(s) !== S);
  if (odd) {
    const first = many[0][0].charAt(0).toUpperCase() + many[0][0].slice(1);
    return { error: `${first} carries ${S} samples per example but ${odd[0]} carries ${samplesOf(odd[1])}: wire terms of the same samples (or one that has a single sample).` };
  }
  return { samples: S };
}
