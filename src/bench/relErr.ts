// ‖a − b‖ / ‖b‖ over plain arrays (values read back from any backend), Infinity when the
// lengths differ: the checks' one measure of agreement with a reference.
export function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let d = 0;
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    d += (a[i] - b[i]) ** 2;
    n += b[i] ** 2;
  }
  return Math.sqrt(d) / Math.max(1e-12, Math.sqrt(n));
}
