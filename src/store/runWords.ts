// How a run's end is put into words, shared by every place that shows it (the progress
// line, the runs list, the model views, the trained-weights badge), so they cannot tell
// different stories about the same run.
import type { DivergenceInfo } from '../training/protocol';

const count = (n: number) => n.toLocaleString('en-US');

/** Where it diverged: "at epoch 4, step 17", or "at the end of epoch 4" (its mean or held-out loss). */
export function divergedWhere(d: DivergenceInfo): string {
  return d.step > 0 ? `at epoch ${count(d.epoch)}, step ${count(d.step)}` : `at the end of epoch ${count(d.epoch)}`;
}

/** Which weights it kept: "the end of epoch 3", or "the start (no epoch finished)". */
export function restoredWhere(d: DivergenceInfo): string {
  return d.restoredEpoch > 0 ? `the end of epoch ${count(d.restoredEpoch)}` : 'the start (no epoch finished)';
}

/** "Diverged at epoch 4, step 17 — weights restored to the end of epoch 3". */
export function divergedText(d: DivergenceInfo): string {
  return `Diverged ${divergedWhere(d)} — weights restored to ${restoredWhere(d)}`;
}

/** "at epoch 3, step 5", or "before the first step" when no step was reported. */
export function positionText(at: { epoch: number; step: number }): string {
  return at.step > 0 ? `at epoch ${count(at.epoch)}, step ${count(at.step)}` : `before the first step of epoch ${count(Math.max(1, at.epoch))}`;
}
