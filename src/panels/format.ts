// Number formatting for the panels: short, stable, and honest about non-finite values.

/** A loss or other real number with `digits` decimals; large or tiny values in exponent form. */
export function formatNumber(v: number | undefined, digits = 4): string {
  if (v === undefined) return '—';
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 10 ** -digits)) return v.toExponential(Math.max(1, digits - 1)).replace(/-/g, '−');
  return v.toFixed(digits).replace(/-/g, '−');
}

/** A signed difference, e.g. "+0.0012". */
export function formatDelta(v: number, digits = 4): string {
  const s = formatNumber(v, digits);
  return v > 0 && Number.isFinite(v) ? `+${s}` : s;
}

/** A rate such as samples per second, as a whole number with thin grouping. */
export function formatRate(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '—';
  return Math.round(v).toLocaleString('en-US');
}
