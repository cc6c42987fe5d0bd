// Tables for `npm run bench`: plain text, one per section, from the bench.json object.

const fmt = (v, digits = 0) => (v === undefined || v === null || Number.isNaN(v) ? '—' : Number(v).toFixed(digits));
const ratio = (v) => (v === undefined || v === null ? '—' : `${v.toFixed(1)}×`);
const ratio2 = (v) => (v === undefined || v === null ? '—' : `${v.toFixed(2)}×`);

export function table(headers, rows) {
  const cells = [headers, ...rows].map((r) => r.map((c) => String(c ?? '')));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

const rateOf = (rates, id) => rates?.find((x) => x.id === id && !x.error)?.rate;
const div = (a, b) => (a !== undefined && b ? a / b : undefined);

/** Per estimator case: every rate of section 5 and the ratios between them. */
export function estimatorRows(e) {
  if (!e?.cases) return [];
  const [one, all] = [e.torchThreads?.[0], e.torchThreads?.[e.torchThreads.length - 1]];
  return e.cases.map((c) => {
    const node = rateOf(e.node?.rates, c.id);
    const chromium = rateOf(e.chromium?.rates, c.id);
    const torch1 = rateOf(e.torch?.[one], c.id);
    const torchAll = all !== one ? rateOf(e.torch?.[all], c.id) : undefined;
    return { ...c, node, chromium, torch1, torchAll, nodeOverTorch1: div(node, torch1), nodeOverTorchAll: div(node, torchAll), chromiumOverTorch1: div(chromium, torch1), chromiumOverNode: div(chromium, node) };
  });
}

/** Each training case's step on the CLI, by part: "VAE, J = 1: 10.2 ms in 231 kernels — matrix products 6.1 ms (12), …". */
export function stepBreakdownLines(e) {
  return (e?.node?.rates ?? [])
    .filter((r) => r.breakdown)
    .map((r) => {
      const b = r.breakdown;
      const label = e.cases?.find((c) => c.id === r.id)?.label ?? r.id;
      const parts = b.parts.map((p) => `${p.part} ${fmt(p.msPerStep, 1)} ms (${fmt(p.kernelsPerStep)})`).join(', ');
      return `${label}: ${fmt(b.msPerStep, 1)} ms of kernels in ${fmt(b.kernelsPerStep)} kernels — ${parts}`;
    });
}

/** The issue's bars from one run: the CLI ≥ 1.0× PyTorch on one thread, Chromium within 15 % of the CLI. */
export function estimatorBars(e) {
  const rows = estimatorRows(e);
  if (!rows.length) return {};
  const barred = rows.filter((r) => r.bar !== undefined);
  const all = (xs, ok) => (xs.some((x) => x === undefined) ? undefined : xs.every(ok));
  return {
    cliOverTorchOneThread: Object.fromEntries(rows.map((r) => [r.id, r.nodeOverTorch1])),
    cliAtLeastTorchOneThread: all(barred.map((r) => r.nodeOverTorch1), (x) => x >= 1),
    chromiumWithin15PercentOfCli: all(rows.map((r) => r.chromiumOverNode), (x) => x >= 0.85),
  };
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
  out.push('');

  const e = r.estimators;
  out.push(`5. Against PyTorch — examples/s (a training example with its J samples, a test example with its K), batch 128, median window; PyTorch ${e?.torchInfo ? `${e.torchInfo.version} on ${e.torchInfo.blas}` : 'not run'}`);
  const er = estimatorRows(e);
  if (!er.length) out.push('  not measured');
  else {
    const [one, all] = [e.torchThreads?.[0], e.torchThreads?.[e.torchThreads.length - 1]];
    const digits = (v) => (v !== undefined && v < 100 ? 1 : 0);
    out.push(
      table(
        ['case', 'CLI (Node wasm)', 'Chromium worker', `PyTorch ${one} thr`, `PyTorch ${all} thr`, 'CLI / PT 1', 'CLI / PT all', 'Chromium / PT 1', 'Chromium / CLI', 'bar CLI ≥ 1.0× PT 1'],
        er.map((x) => [x.label, fmt(x.node, digits(x.node)), fmt(x.chromium, digits(x.chromium)), fmt(x.torch1, digits(x.torch1)), fmt(x.torchAll, digits(x.torchAll)), ratio2(x.nodeOverTorch1), ratio2(x.nodeOverTorchAll), ratio2(x.chromiumOverTorch1), ratio2(x.chromiumOverNode), x.bar === undefined ? '—' : verdict(x.nodeOverTorch1 === undefined ? undefined : x.nodeOverTorch1 >= x.bar)]),
      ),
    );
    const b = estimatorBars(e);
    out.push(`CLI ≥ 1.0× PyTorch on one thread (VAE J = 1, IWAE J = 5, IWAE J = 50): ${verdict(b.cliAtLeastTorchOneThread)}; Chromium worker within 15 % of the CLI: ${verdict(b.chromiumWithin15PercentOfCli)}`);
    if (e.torchProblem) out.push(`  ${e.torchProblem}`);
    const steps = stepBreakdownLines(e);
    if (steps.length) out.push('One CLI step, kernel by kernel (tf.profile; count per step in brackets):', ...steps.map((l) => `  ${l}`));
  }
  if (r.errors?.length) {
    out.push('');
    out.push('Errors:');
    for (const e of r.errors) out.push(`  - ${e}`);
  }
  return out.join('\n');
}
