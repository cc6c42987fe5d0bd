// The browser half of the throughput benchmark, in a real Web Worker as the app trains:
// the same backends module as the app's trainer worker (threaded wasm when the page is
// cross-origin isolated), real MNIST from the app's asset, graphs/vae.json as the app has it.
import '#tf-gradients';
import { parseGraphText } from '../../graph/parse';
import { loadMnistBrowser, mnistUrl } from '../../data/mnistBrowser';
import { mnistSplit } from '../../data/mnist';
import { setBrowserBackend } from '../../training/browserBackends';
import type { BackendName } from '../../training/protocol';
import { runVaeBench, summarise } from '../vaeBench';
import { browserTiming } from '../timing';
import { describeBackend } from '../wasmInfo';
import type { BackendCheck, BenchMessage, BenchRequest, BrowserEnv } from './protocol';
import { compareWithStock } from '../compareWithStock';
import { compareAdam } from '../compareAdam';
import { fusedOpsReady, kernelsReady, kernelThreads } from '../../kernels/tfjsKernels';
import { checkWebgpuAdam, checkWebgpuModel, checkWebgpuOps } from './webgpuCheck';
import vaeText from '../../../graphs/vae.json?raw';
import isText from '../../../graphs/importance-sampling.json?raw';
import { runOursBench } from '../estimators/oursBench';
import type { GraphDoc } from '../../graph/document';

const post = (m: BenchMessage) => postMessage(m);

function webglRenderer(): string | undefined {
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) return undefined;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    return String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
  } catch {
    return undefined;
  }
}

function shortRenderer(r: string | undefined): string | undefined {
  if (!r) return r;
  return /swiftshader/i.test(r) ? 'SwiftShader (software, no GPU)' : r.slice(0, 60);
}

async function run(req: BenchRequest) {
  const parsed = parseGraphText(vaeText, 'graphs/vae.json');
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  post({ type: 'log', line: `worker: cross-origin isolated ${crossOriginIsolated}, ${navigator.hardwareConcurrency} cores; loading MNIST…` });
  const { train } = mnistSplit(await loadMnistBrowser(mnistUrl()));
  const env: BrowserEnv = { userAgent: navigator.userAgent, hardwareConcurrency: navigator.hardwareConcurrency, crossOriginIsolated, webglRenderer: webglRenderer() };
  const rows = await runVaeBench({
    doc: parsed.doc,
    train,
    backends: req.backends,
    setBackend: (b) => setBrowserBackend(b as BackendName),
    describe: async (b) => (b === 'webgl' ? shortRenderer(env.webglRenderer) : describeBackend(b)),
    timing: browserTiming,
    log: (line) => post({ type: 'log', line }),
  });
  post({ type: 'done', rows, summary: summarise(rows), env });
}

/** The dense path against plain tfjs, loss and every gradient, on each backend asked for. */
async function check(req: BenchRequest) {
  const parsed = parseGraphText(vaeText, 'graphs/vae.json');
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const { train } = mnistSplit(await loadMnistBrowser(mnistUrl()));
  const checks: BackendCheck[] = [];
  for (const backend of req.backends) {
    if (!(await setBrowserBackend(backend as BackendName))) {
      checks.push({ backend, problem: 'not available in this browser' });
      continue;
    }
    try {
      // Fused ops without the WebAssembly pool: the GPU kernels (webgpu), checked against cpu.
      // Their checks read back asynchronously only: a synchronous read on webgpu in a worker
      // (dataSync, which compareWithStock uses) returns zeros under SwiftShader and loses the
      // device, so that comparison would pass on zeros.
      if (fusedOpsReady() && !kernelsReady()) {
        post({ type: 'log', line: `${backend}: checking each kernel against cpu…` });
        const ops = await checkWebgpuOps();
        post({ type: 'log', line: `${backend}: checking graphs/vae.json against cpu…` });
        const model = await checkWebgpuModel(parsed.doc, train);
        post({ type: 'log', line: `${backend}: checking Adam against cpu…` });
        checks.push({ backend, gpu: { fusedOps: true, ops, model, adam: await checkWebgpuAdam() } });
        continue;
      }
      checks.push({ backend, comparison: compareWithStock(parsed.doc, train), adam: await compareAdam(), kernelThreads: kernelThreads() });
    } catch (err) {
      checks.push({ backend, problem: err instanceof Error ? err.message : String(err) });
    }
  }
  post({ type: 'checked', checks });
}

function open(text: string, name: string): GraphDoc {
  const parsed = parseGraphText(text, name);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.doc;
}

/** The PyTorch comparison's cases (src/bench/estimators) on the first backend asked for, as the app's worker runs them. */
async function estimators(req: BenchRequest) {
  const backend = req.backends[0] ?? 'wasm';
  if (!(await setBrowserBackend(backend as BackendName))) throw new Error(`the ${backend} backend could not start here`);
  const { train, test } = mnistSplit(await loadMnistBrowser(mnistUrl()));
  const graphs = { vae: open(vaeText, 'graphs/vae.json'), 'importance-sampling': open(isText, 'graphs/importance-sampling.json') };
  const rates = await runOursBench({ graphs, train, test, log: (line) => post({ type: 'log', line: `${backend}: ${line}` }) });
  post({ type: 'estimators', backend, rates });
}

const jobs = { run, check, estimators } satisfies Record<BenchRequest['type'], (req: BenchRequest) => Promise<void>>;

self.onmessage = (e: MessageEvent<BenchRequest>) => {
  const job = jobs[e.data.type];
  job(e.data).catch((err) => post({ type: 'error', message: err instanceof Error ? err.message : String(err) }));
};
