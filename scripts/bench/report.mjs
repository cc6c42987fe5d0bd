// Tables for `npm run bench`: plain text, one per section, from the bench.json object.

const fmt = (v, digits = 0) => (v === undefined || v === null || Number.isNaN(v) ? '—' : Number(v).toFixed(digits));
const ratio = (v) => (v === undefined || v === null ? '—' : `${v.toFixed(1)}×`);

export function table(headers, rows) {
  const cells = [headers, ...rows].map((r) => r.map((c) => String(c ?? '')));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

function verdict(ok) {
  return ok === undefined ? 'not measured' : ok ? 'PASS' : 'below the bar';
}

export function renderReport(r) {
  const out = [];
  const m = r.machine;
  out.push(`Machine: ${m.cpu} · ${m.cores} logical cores · ${m.memoryGB} GB · ${m.os} · Node ${m.node} · ${m.chromium ?? 'Chromium not run'} · tfjs ${m.tfjs}`);
  const busy = Object.values(r.load ?? {}).some((l) => l > 0.5 * m.cores);
  out.push(`1-minute load average: ${Object.entries(r.load ?? {}).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}${busy ? ' — the machine had other work; expect noisy figures' : ''}`);
  out.push('');

  out.push('1. Reference VAE training throughput — samples/s, batch 128, median of timed windows after warm-up');
  const rows = [];
  for (const host of ['node', 'chromium']) {
    const h = r.throughput?.[host];
    if (!h) continue;
    for (const p of h.summary.perBackend) {
      const ours = h.rows.find((x) => x.backend === p.backend && x.impl === 'ours');
      const stock = h.rows.find((x) => x.backend === p.backend && x.impl === 'stock');
      const err = ours?.error || stock?.error;
      rows.push([host, p.backend, (ours?.detail ?? stock?.detail ?? '').slice(0, 40), fmt(p.stock), fmt(p.ours), fmt(stock?.msPerStep, 1), fmt(ours?.msPerStep, 1), err ? `(${err.slice(0, 40)})` : ratio(p.ratio)]);
    }
  }
  out.push(table(['host', 'backend', 'detail', 'stock', 'ours', 'stock ms/step', 'ours ms/step', 'ours/stock'], rows));
  for (const host of ['node', 'chromium']) {
    const s = r.throughput?.[host]?.summary;
    if (!s) continue;
    const v = s.bestOursOverStockWasm;
    out.push(`${host}: ours on its best backend (${s.bestOurs?.backend ?? '—'}, ${fmt(s.bestOurs?.samplesPerSec)}/s) / stock wasm (${fmt(s.stockWasm)}/s) = ${ratio(v)}  [bar ≥ 10×: ${verdict(v === undefined ? undefined : v >= 10)}]`);
  }
  out.push('');

  out.push('2. Longest main-thread task while training in the app (production build, headless Chromium)');
  const lt = r.app?.training ?? [];
  out.push(
    table(
      ['run', 'backend', 'train s', 'long tasks', 'max task ms', 'blocking ms', 'max rAF gap ms', 'p95 frame ms', 'bar < 50 ms'],
      lt.map((x) => [x.name, x.backend ?? '—', fmt(x.seconds, 1), x.error ? `(${x.error.slice(0, 40)})` : String(x.longTasks), fmt(x.maxTaskMs), fmt(x.totalBlockingMs), fmt(x.maxFrameGapMs), fmt(x.p95FrameMs, 1), x.error ? '—' : verdict(x.maxTaskMs < 50)]),
    ),
  );
  for (const x of lt) {
    if (x.worstTasks?.length) out.push(`  ${x.name}: longest tasks — ${x.worstTasks.map((t) => `${fmt(t.duration)} ms at ${fmt(t.atSeconds, 1)} s${t.scripts.length || t.renderMs !== undefined ? ` (${[...t.scripts, ...(t.renderMs !== undefined ? [`rendering ${fmt(t.renderMs)} ms`] : [])].join(', ')})` : ''}`).join('; ')}`);
  }
  out.push('');

  out.push('3. Time to analyse and compile a 200-node graph (Node, median)');
  const c = r.compile;
  out.push(
    c?.error
      ? `  failed: ${c.error}`
      : table(['nodes', 'edges', 'variables', 'parse ms', 'analyzeGraph ms', 'compileGraph ms', 'first compile ms', 'backend'], [[c?.nodes, c?.edges, c?.variables, fmt(c?.parseMs, 1), fmt(c?.analyzeMs, 1), fmt(c?.compileMs, 1), fmt(c?.firstCompileMs, 1), c?.backend]]),
  );
  out.push('');

  out.push('4. Dragging a node on a 500-node canvas (production build, headless Chromium, ~2 s drag)');
  const d = r.app?.drag;
  out.push(
    d?.error
      ? `  failed: ${d.error}`
      : table(['nodes rendered', 'frames', 'mean frame ms', 'p95 frame ms', 'max frame ms', 'fps', 'moved px', 'open s', 'bar > 50 fps'], [[d?.nodesRendered, d?.frames, fmt(d?.meanFrameMs, 1), fmt(d?.p95FrameMs, 1), fmt(d?.maxFrameMs, 1), fmt(d?.fps, 1), fmt(d?.movedPx), fmt(d?.openSeconds, 1), verdict(d?.fps === undefined ? undefined : d.fps > 50)]]),
  );
  if (d?.worstFrames?.length) out.push(`  longest frames — ${d.worstFrames.map((f) => `${fmt(f.duration)} ms: ${f.where}`).join('; ')}`);
  if (r.errors?.length) {
    out.push('');
    out.push('Errors:');
    for (const e of r.errors) out.push(`  - ${e}`);
  }
  return out.join('\n');
}
