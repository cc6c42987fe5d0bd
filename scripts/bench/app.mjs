// Sections 2 and 4 of `npm run bench`, in the real app (the production build served by
// `vite preview`): the longest main-thread task while a model trains, and the frame time
// while a node is dragged on a 500-node canvas.

/** Installed in the page: long tasks, long animation frames and rAF gaps, until stopped. */
function installProbe() {
  const probe = { tasks: [], loafs: [], frames: [], on: true, last: performance.now(), t0: performance.now() };
  window.__probe = probe;
  const observers = [];
  try {
    const o = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.tasks.push({ start: e.startTime - probe.t0, duration: e.duration, name: e.name });
    });
    o.observe({ type: 'longtask' });
    observers.push(o);
  } catch {
    probe.noLongTask = true;
  }
  try {
    const o = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const scripts = (e.scripts ?? [])
          .slice()
          .sort((a, b) => b.duration - a.duration)
          .slice(0, 2)
          .map((s) => `${s.invoker || s.invokerType || '?'} (${(s.sourceFunctionName || '').slice(0, 40)} ${String(s.sourceURL || '').split('/').pop()}) ${Math.round(s.duration)} ms`);
        const render = e.renderStart ? e.startTime + e.duration - e.renderStart : 0;
        const styleLayout = e.styleAndLayoutStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0;
        probe.loafs.push({ start: e.startTime - probe.t0, duration: e.duration, blocking: e.blockingDuration, render, styleLayout, scripts });
      }
    });
    o.observe({ type: 'long-animation-frame' });
    observers.push(o);
  } catch {
    /* older Chromium: long tasks only */
  }
  probe.stop = () => {
    probe.on = false;
    observers.forEach((o) => o.disconnect());
  };
  const tick = (t) => {
    if (!probe.on) return;
    probe.frames.push(t - probe.last);
    probe.last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame((t) => {
    probe.last = t;
    requestAnimationFrame(tick);
  });
}

async function readProbe(page) {
  return page.evaluate(() => {
    const p = window.__probe;
    p.stop();
    return { tasks: p.tasks, loafs: p.loafs, frames: p.frames, noLongTask: !!p.noLongTask };
  });
}

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const pct = (xs, q) => (xs.length ? sorted(xs)[Math.min(xs.length - 1, Math.max(0, Math.ceil(q * xs.length) - 1))] : NaN);
const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);

function summariseProbe(p) {
  const maxTask = p.tasks.reduce((m, t) => Math.max(m, t.duration), 0);
  const worst = p.loafs
    .slice()
    .sort((a, b) => b.duration - a.duration)
    .slice(0, 3)
    .map((f) => ({ duration: f.duration, where: `${f.scripts.length ? `${f.scripts.join(', ')}; ` : ''}rendering ${Math.round(f.render)} ms` }));
  // The longest tasks, each with the scripts of the animation frame it fell in (if any).
  const worstTasks = p.tasks
    .slice()
    .sort((a, b) => b.duration - a.duration)
    .slice(0, 3)
    .map((t) => {
      const frame = p.loafs.find((f) => t.start >= f.start - 1 && t.start <= f.start + f.duration);
      return { atSeconds: t.start / 1000, duration: t.duration, scripts: frame?.scripts ?? [], renderMs: frame?.render, styleLayoutMs: frame?.styleLayout };
    });
  return {
    longTasks: p.tasks.length,
    worstTasks,
    maxTaskMs: maxTask,
    totalBlockingMs: p.tasks.reduce((s, t) => s + Math.max(0, t.duration - 50), 0),
    frames: p.frames.length,
    maxFrameGapMs: p.frames.length ? Math.max(...p.frames) : NaN,
    meanFrameMs: mean(p.frames),
    p95FrameMs: pct(p.frames, 0.95),
    worstFrames: worst,
    longTaskObserver: !p.noLongTask,
  };
}

async function waitForNodes(page, ids, timeout = 60_000) {
  for (const id of ids) await page.getByTestId(`node-${id}`).waitFor({ state: 'visible', timeout });
}

/** Presses Train and measures until the run ends (or `maxSeconds`, then Stop). */
async function measureTraining(page, name, maxSeconds, log) {
  const status = page.getByTestId('progress-label');
  await page.evaluate(installProbe);
  await page.waitForTimeout(300); // a few frames of baseline, and the probe's first rAF
  const t0 = Date.now();
  await page.getByTestId('train-button').click();
  // Wait for the run to start (the button is disabled while a run is active)…
  await page.waitForFunction(() => document.querySelector('[data-testid="train-button"]')?.disabled === true, null, { timeout: 30_000 });
  // …and to end.
  let stopped = false;
  try {
    await page.waitForFunction(() => ['finished', 'stopped', 'failed'].includes(document.querySelector('[data-testid="progress-label"]')?.getAttribute('data-status') ?? ''), null, { timeout: maxSeconds * 1000, polling: 250 });
  } catch {
    stopped = true;
    log(`${name}: still running after ${maxSeconds} s; stopping it`);
    await page.getByTestId('stop-button').click();
    await page.waitForFunction(() => ['finished', 'stopped', 'failed'].includes(document.querySelector('[data-testid="progress-label"]')?.getAttribute('data-status') ?? ''), null, { timeout: 60_000, polling: 250 });
  }
  const seconds = (Date.now() - t0) / 1000;
  await page.waitForTimeout(300); // the last frames after the run
  const probe = await readProbe(page);
  const final = await status.getAttribute('data-status');
  const backend = await page.getByTestId('backend-label').getAttribute('data-backend');
  const progressText = (await status.textContent())?.trim();
  const error = final === 'failed' ? ((await page.getByTestId('train-error').textContent().catch(() => '')) || 'the run failed') : undefined;
  return { name, backend, status: final, stoppedByBench: stopped, seconds, progressText, error, ...summariseProbe(probe) };
}

export async function benchTraining(browser, appUrl, log) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const results = [];
  try {
    await page.goto(appUrl, { timeout: 60_000 });
    await waitForNodes(page, ['data', 'prior', 'sampler', 'decoder', 'likelihood', 'loss']);
    await page.getByTestId('backend-label').waitFor({ timeout: 30_000 });
    log('app: training the PPCA graph (the one the app opens with)');
    results.push(await measureTraining(page, 'PPCA (default graph)', 90, log));
    log(`app: PPCA done in ${results[0].seconds.toFixed(1)} s; max long task ${results[0].maxTaskMs.toFixed(0)} ms`);

    await page.getByTestId('gallery-button').click();
    await page.getByTestId('gallery-item-vae').click();
    await waitForNodes(page, ['enc', 'dec', 'loss']);
    await page.getByTestId('train-field-epochs').fill('1');
    await page.waitForTimeout(200);
    log('app: training the VAE for 1 epoch (MNIST, then the importance-sampled held-out NLL)');
    const vae = await measureTraining(page, 'VAE, 1 epoch', 150, log);
    results.push(vae);
    log(`app: VAE done in ${vae.seconds.toFixed(1)} s; max long task ${vae.maxTaskMs.toFixed(0)} ms`);
  } finally {
    await context.close().catch(() => {});
  }
  if (pageErrors.length) results.forEach((r) => (r.pageErrors = pageErrors));
  return results;
}

export async function benchDrag(browser, appUrl, graphText, log, durationMs = 2000) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  try {
    await page.goto(appUrl, { timeout: 60_000 });
    await waitForNodes(page, ['data', 'loss']);
    const t0 = Date.now();
    await page.getByTestId('open-file-input').setInputFiles({ name: 'graph-500.json', mimeType: 'application/json', buffer: Buffer.from(graphText, 'utf8') });
    const expected = JSON.parse(graphText).nodes.length;
    await page.waitForFunction((n) => document.querySelectorAll('.react-flow__node').length === n, expected, { timeout: 60_000, polling: 200 });
    await page.getByTestId('node-enc120').waitFor({ state: 'visible', timeout: 30_000 }).catch(() => {});
    const openSeconds = (Date.now() - t0) / 1000;
    await page.waitForTimeout(1000); // let the open settle (fit view, measuring)
    log(`canvas: ${expected} nodes open in ${openSeconds.toFixed(1)} s`);

    // The node nearest the middle of the canvas.
    const target = await page.evaluate(() => {
      const pane = document.querySelector('.react-flow').getBoundingClientRect();
      const cx = pane.left + pane.width / 2;
      const cy = pane.top + pane.height / 2;
      let best;
      for (const el of document.querySelectorAll('.react-flow__node')) {
        const r = el.getBoundingClientRect();
        const d = Math.hypot(r.left + r.width / 2 - cx, r.top + r.height / 2 - cy);
        if (!best || d < best.d) best = { id: el.getAttribute('data-id'), d, x: r.left + r.width / 2, y: r.top + Math.min(8, r.height / 4) };
      }
      return best;
    });
    if (!target) throw new Error('No node found on the canvas to drag.');
    const where = () => page.evaluate((id) => {
      const r = document.querySelector(`.react-flow__node[data-id="${id}"]`).getBoundingClientRect();
      return { x: r.left, y: r.top };
    }, target.id);
    const before = await where();

    await page.evaluate(installProbe);
    await page.waitForTimeout(200);
    await page.mouse.move(target.x, target.y);
    await page.mouse.down();
    const start = Date.now();
    let moves = 0;
    // A slow circle of 120 px radius: one pointer move per ~frame, as a hand would.
    while (Date.now() - start < durationMs) {
      const a = ((Date.now() - start) / durationMs) * 2 * Math.PI;
      await page.mouse.move(target.x + 120 * Math.sin(a) + 40 * (a / (2 * Math.PI)), target.y + 120 * (1 - Math.cos(a)) / 2);
      moves++;
      await page.waitForTimeout(12);
    }
    const probe = await readProbe(page);
    const during = await where();
    await page.mouse.up();
    const s = summariseProbe(probe);
    // The first frame gap includes the probe's start; drop nothing else.
    const frames = probe.frames;
    return {
      nodes: expected,
      nodesRendered: await page.locator('.react-flow__node').count(),
      dragged: target.id,
      pointerMoves: moves,
      seconds: durationMs / 1000,
      frames: frames.length,
      meanFrameMs: mean(frames),
      p95FrameMs: pct(frames, 0.95),
      maxFrameMs: frames.length ? Math.max(...frames) : NaN,
      fps: 1000 / mean(frames),
      longTasks: s.longTasks,
      maxTaskMs: s.maxTaskMs,
      worstFrames: s.worstFrames,
      movedPx: Math.hypot(during.x - before.x, during.y - before.y),
      openSeconds,
    };
  } finally {
    await context.close().catch(() => {});
  }
}
