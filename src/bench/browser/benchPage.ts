// The benchmark page: starts the worker, shows its log, and keeps the outcome on
// window.__bench for the driver. `?backends=wasm,webgl,cpu` chooses what is measured.
import type { BenchMessage, BenchRequest, BenchState } from './protocol';

const state: BenchState = { logs: [], done: false };
(window as unknown as { __bench: BenchState }).__bench = state;
const pre = document.getElementById('log')!;
const say = (line: string) => {
  state.logs.push(line);
  pre.textContent += `${line}\n`;
};

const params = new URLSearchParams(location.search);
const backends = (params.get('backends') ?? 'wasm,webgl,cpu').split(',').filter(Boolean);
const modes: BenchRequest['type'][] = ['run', 'check', 'estimators'];
const mode = modes.find((m) => m === params.get('mode')) ?? 'run';
say(`cross-origin isolated: ${crossOriginIsolated}; ${navigator.hardwareConcurrency} logical cores`);
const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module', name: 'bench' });
worker.onmessage = (e: MessageEvent<BenchMessage>) => {
  const m = e.data;
  if (m.type === 'log') say(m.line);
  else if (m.type === 'checked') {
    state.checks = m.checks;
    state.done = true;
    say(JSON.stringify(m.checks, null, 1));
  } else if (m.type === 'estimators') {
    state.estimators = { backend: m.backend, rates: m.rates };
    state.done = true;
    say('done');
  } else if (m.type === 'done') {
    state.rows = m.rows;
    state.summary = m.summary;
    state.env = m.env;
    state.done = true;
    say('done');
  } else {
    state.error = m.message;
    state.done = true;
    say(`failed: ${m.message}`);
  }
};
worker.onerror = (e) => {
  state.error = `The benchmark worker failed to start or crashed: ${e.message || 'no message'}`;
  state.done = true;
  say(state.error);
};
worker.postMessage({ type: mode, backends } satisfies BenchRequest);
