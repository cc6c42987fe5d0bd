#!/usr/bin/env node
// `npm run bench`: one command, one run, every figure of the performance section.
//  1. Reference-VAE training throughput, stock tfjs vs this project's path, per backend:
//     in Node (src/bench/nodeBench.ts under tsx) and in headless Chromium inside a Web
//     Worker (bench.html, built and served with vite.bench.config.ts, cross-origin isolated).
//  2. The longest main-thread task while the app trains (the app's production build).
//  3. Time to analyse and compile a 200-node graph (Node; part of nodeBench.ts).
//  4. Frame time while dragging a node on a 500-node canvas.
//  5. Against PyTorch: VAE J = 1, IWAE J = 5 and 50, held-out NLL K = 1,000, this app in Node
//     and in a Chromium worker, the same graphs exported and timed in PyTorch on one thread
//     and on every core (src/bench/estimators, scripts/bench/torch_bench.py).
// Prints a table per section and writes bench-results/bench.json. Exits non-zero only when
// a measurement could not be made (a bar that is not met is reported, not an error).
import { spawn } from 'node:child_process';
import { accessSync, appendFileSync, constants, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { estimatorBars, renderReport } from './report.mjs';
import { benchDrag, benchTraining } from './app.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = path.join(ROOT, 'bench-results');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const TOTAL_LIMIT_MS = Number(process.env.BENCH_TIMEOUT_MS || 25 * 60_000);
const only = new Set((process.env.BENCH_ONLY || 'node,torch,browser,app').split(','));

const started = Date.now();
const log = (s) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${s}`);
const errors = [];
const cleanups = [];
let children = [];

async function cleanup() {
  for (const c of children) {
    try {
      process.kill(-c.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
  children = [];
  while (cleanups.length) {
    const f = cleanups.pop();
    await Promise.race([f().catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
  }
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => {
    console.error(`\nbench: ${sig}, shutting down`);
    await cleanup();
    process.exit(130);
  });
}
const watchdog = setTimeout(async () => {
  console.error(`bench: gave up after ${TOTAL_LIMIT_MS / 1000} s (BENCH_TIMEOUT_MS); shutting down`);
  await cleanup();
  process.exit(2);
}, TOTAL_LIMIT_MS);
watchdog.unref();

/** Runs a command in its own process group, killed with the group on timeout. */
function run(cmd, args, { timeoutMs, prefix }) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    children.push(child);
    let out = '';
    const relay = (buf) => {
      for (const line of buf.toString().split('\n')) if (line.trim() && !/npm warn/.test(line)) log(`${prefix}${line.replace(/^\[node\] /, '')}`);
    };
    child.stdout.on('data', (b) => {
      out += b;
    });
    child.stderr.on('data', relay);
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
      reject(new Error(`${cmd} ${args.join(' ')} took longer than ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      children = children.filter((c) => c !== child);
      if (code === 0) resolve(out);
      else reject(new Error(`${path.basename(cmd)} ${args.join(' ')} exited with ${signal ?? `code ${code}`}`));
    });
  });
}

function executable(p) {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function nodeSection() {
  const file = path.join(OUT, 'node.json');
  log('Node: reference VAE throughput on wasm and cpu, then the 200-node compile');
  await run(path.join(ROOT, 'node_modules/.bin/tsx'), ['src/bench/nodeBench.ts', file, path.join(OUT, 'graph-500.json')], { timeoutMs: 200_000, prefix: 'node: ' });
  return JSON.parse(readFileSync(file, 'utf8'));
}

async function torchSection() {
  const file = path.join(OUT, 'estimators-node.json');
  log('Against PyTorch: the estimator cases in Node (wasm), then the same graphs exported and timed in PyTorch');
  await run(path.join(ROOT, 'node_modules/.bin/tsx'), ['src/bench/estimators/nodeCompare.ts', file], { timeoutMs: 600_000, prefix: 'torch: ' });
  return JSON.parse(readFileSync(file, 'utf8'));
}

async function buildAndServe(vite, configFile, outDir, label) {
  log(`building ${label} (${path.relative(ROOT, configFile)} → ${path.relative(ROOT, outDir)})`);
  await vite.build({ root: ROOT, configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await vite.preview({ root: ROOT, configFile, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 4300 + Math.floor(Math.random() * 600), strictPort: false, open: false } });
  cleanups.push(() => new Promise((r) => server.httpServer.close(() => r())));
  const url = server.resolvedUrls?.local?.[0];
  if (!url) throw new Error(`vite preview for ${label} did not report a URL`);
  log(`${label} served at ${url}`);
  return url;
}

/** Opens bench.html with `query` and polls its state until the worker is done. */
async function benchPage(browser, url, query, timeoutMs) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  try {
    await page.goto(`${url}bench.html?${query}`, { timeout: 60_000 });
    let seen = 0;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const s = await page.evaluate(() => window.__bench);
      for (const line of s.logs.slice(seen)) log(`chromium: ${line}`);
      seen = s.logs.length;
      if (s.done) {
        if (s.error) throw new Error(s.error);
        return { ...s, pageErrors };
      }
      if (Date.now() > deadline) throw new Error(`the browser benchmark (${query}) did not finish within ${timeoutMs / 1000} s`);
      await page.waitForTimeout(500);
    }
  } finally {
    await context.close().catch(() => {});
  }
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  await run(process.execPath, ['scripts/build-mnist.mjs'], { timeoutMs: 120_000, prefix: 'data: ' });
  const result = {
    date: new Date().toISOString(),
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      memoryGB: Math.round(os.totalmem() / 2 ** 30),
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      node: process.version,
      tfjs: JSON.parse(readFileSync(path.join(ROOT, 'node_modules/@tensorflow/tfjs-core/package.json'), 'utf8')).version,
    },
    // Other work on the machine skews every figure: the 1-minute load average before each section.
    load: { start: os.loadavg()[0] },
    throughput: {},
    errors,
  };

  // Node first, alone: on a small machine the sections must not compete for cores.
  let graph500;
  if (only.has('node')) {
    try {
      const n = await nodeSection();
      result.throughput.node = { rows: n.vae, summary: n.vaeSummary };
      result.compile = n.compile;
      graph500 = readFileSync(path.join(OUT, 'graph-500.json'), 'utf8');
    } catch (e) {
      errors.push(`Node section: ${e.message}`);
      result.compile = { error: e.message };
    }
  }

  if (only.has('torch')) {
    result.load.torch = os.loadavg()[0];
    try {
      const t = await torchSection();
      result.estimators = { cases: t.cases, node: { backend: t.backend, rates: t.ours }, torch: t.torch, torchThreads: t.torchThreads, torchInfo: t.torchInfo, torchProblem: t.torchProblem };
      if (t.torchProblem) errors.push(`PyTorch: ${t.torchProblem}`);
    } catch (e) {
      errors.push(`Against PyTorch: ${e.message}`);
    }
  }

  if (only.has('browser') || only.has('app')) {
    if (!executable(CHROMIUM)) {
      log(`no Chromium at ${CHROMIUM}; running scripts/ensure-chromium.mjs`);
      await run(process.execPath, ['scripts/ensure-chromium.mjs'], { timeoutMs: 300_000, prefix: 'chromium: ' }).catch((e) => errors.push(`Chromium: ${e.message}`));
    }
    const vite = await import('vite');
    const { chromium } = await import('@playwright/test');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      timeout: 60_000,
      args: ['--no-sandbox', '--disable-gpu-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-unsafe-swiftshader'],
    });
    cleanups.push(() => browser.close());
    result.machine.chromium = `Chromium ${browser.version()}`;

    if (only.has('browser')) {
      result.load.browser = os.loadavg()[0];
      try {
        const url = await buildAndServe(vite, path.join(ROOT, 'vite.bench.config.ts'), path.join(OUT, '.bench-page'), 'the benchmark page');
        const b = await benchPage(browser, url, `backends=${process.env.BENCH_BACKENDS || 'wasm,webgl,cpu'}`, 240_000);
        result.throughput.chromium = { rows: b.rows, summary: b.summary, env: b.env };
        if (b.pageErrors.length) errors.push(`benchmark page errors: ${b.pageErrors.join('; ')}`);
        if (only.has('torch')) {
          result.load.browserEstimators = os.loadavg()[0];
          const e = await benchPage(browser, url, 'mode=estimators&backends=wasm', 300_000);
          result.estimators = { ...result.estimators, chromium: e.estimators };
          if (e.pageErrors.length) errors.push(`benchmark page errors: ${e.pageErrors.join('; ')}`);
        }
      } catch (e) {
        errors.push(`Browser throughput: ${e.message}`);
      }
    }

    if (only.has('app')) {
      result.load.app = os.loadavg()[0];
      result.app = {};
      let appUrl;
      try {
        appUrl = await buildAndServe(vite, path.join(ROOT, 'vite.config.ts'), path.join(OUT, '.app'), 'the app');
      } catch (e) {
        errors.push(`App build: ${e.message}`);
      }
      if (appUrl) {
        try {
          result.app.training = await benchTraining(browser, appUrl, log);
          for (const r of result.app.training) if (r.error) errors.push(`App training (${r.name}): ${r.error}`);
        } catch (e) {
          errors.push(`App training: ${e.message}`);
          result.app.training = [{ name: 'training', error: e.message }];
        }
        try {
          if (!graph500) {
            // Node section skipped: make the graph with tsx alone.
            await run(path.join(ROOT, 'node_modules/.bin/tsx'), ['src/bench/writeGraph.ts', path.join(OUT, 'graph-500.json'), '500'], { timeoutMs: 60_000, prefix: '' });
            graph500 = readFileSync(path.join(OUT, 'graph-500.json'), 'utf8');
          }
          log('canvas: opening the 500-node graph and dragging a node for 2 s');
          result.app.drag = await benchDrag(browser, appUrl, graph500, log);
        } catch (e) {
          errors.push(`Canvas drag: ${e.message}`);
          result.app.drag = { error: e.message };
        }
      }
    }
  }

  result.load.end = os.loadavg()[0];
  result.seconds = (Date.now() - started) / 1000;
  const tp = result.throughput;
  result.bars = {
    nodeOursBestOverStockWasm: tp.node?.summary.bestOursOverStockWasm,
    chromiumOursBestOverStockWasm: tp.chromium?.summary.bestOursOverStockWasm,
    maxTrainingTaskMs: result.app?.training?.length ? Math.max(...result.app.training.map((r) => r.maxTaskMs ?? NaN)) : undefined,
    dragFps: result.app?.drag?.fps,
    ...estimatorBars(result.estimators),
  };
  writeFileSync(path.join(OUT, 'bench.json'), JSON.stringify(result, null, 2));
  appendFileSync(path.join(OUT, 'history.jsonl'), JSON.stringify({ date: result.date, machine: result.machine, bars: result.bars }) + '\n');
  console.log('\n' + renderReport(result));
  console.log(`\nWrote ${path.relative(ROOT, path.join(OUT, 'bench.json'))} in ${result.seconds.toFixed(0)} s.`);
}

let code = 0;
try {
  await main();
  code = errors.length ? 1 : 0;
} catch (e) {
  console.error(`bench: ${e instanceof Error ? e.stack : e}`);
  code = 1;
} finally {
  await cleanup();
}
process.exit(code);
