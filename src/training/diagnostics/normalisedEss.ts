// Kish's effective sample size of importance weights, as a fraction of K: (Σw)² / (K Σw²).
// 1 when every weight is equal (the exact posterior as proposal), 1/K when one dominates.

/**
 * From log-weights, stably: log-weights of a deep model are in the hundreds of nats, so the
 * largest is factored out before exponentiating (the ratio does not change). NaN when no
 * weight is positive and finite.
 */
export function normalisedEss(logW: ArrayLike<number>): number {
  const K = logW.length;
  let m = -Infinity;
  for (let i = 0; i < K; i++) {
    if (Number.isNaN(logW[i])) return NaN;
    if (logW[i] > m) m = logW[i];
  }
  if (!Number.isFinite(m)) return NaN;
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < K; i++) {
    const w = Math.exp(logW[i] - m);
    s1 += w;
    s2 += w * w;
  }
  return (s1 * s1) / (K * s2);
}
