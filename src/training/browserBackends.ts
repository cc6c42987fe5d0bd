// Backend choice in the browser worker. A GPU backend only when there is a real GPU:
// software WebGPU/WebGL (SwiftShader, llvmpipe) is slower than wasm and has been seen
// returning wrong numbers. Then wasm, with threads when the page is cross-origin isolated.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendInfo, BackendName } from './protocol';
import { enableKernels } from '../kernels/enableKernels';
import { fusedAdamReady, fusedOpsReady, kernelThreads } from '../kernels/tfjsKernels';
import { registerWebgpuKernels } from '../kernels/webgpu/registerWebgpuKernels';

// This project's GEMM, dense backward, Bernoulli and Adam kernels in WGSL on webgpu
// (src/kernels/webgpu). Browser only: Node never loads the webgpu backend.
registerWebgpuKernels();
// tfjs's webgpu backend submits its command buffer every 15 dispatches by default; a training
// step is ~200, read back once (its loss). Deferring to the read submits the step at once.
tf.env().set('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE', 1024);

setWasmPaths({ 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded });

const SOFTWARE = /swiftshader|llvmpipe|software|basic render/i;

interface AdapterLike {
  info?: { isFallbackAdapter?: boolean; vendor?: string; description?: string };
}

async function webgpuHardware(): Promise<string | undefined> {
  const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return undefined;
  const adapter = (await gpu.requestAdapter().catch(() => null)) as AdapterLike | null;
  const info = adapter?.info;
  if (!adapter || info?.isFallbackAdapter || SOFTWARE.test(`${info?.vendor} ${info?.description}`)) return undefined;
  return info?.description || info?.vendor || 'GPU';
}

function webglHardware(): string | undefined {
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) return undefined;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    return SOFTWARE.test(renderer) ? undefined : renderer;
  } catch {
    return undefined;
  }
}

/** A backend must prove its numbers before it is trusted: a tiny product with a known answer. */
async function numbersOk(): Promise<boolean> {
  const y = tf.tidy(() => tf.sum(tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([5, 6, 7, 8], [2, 2]))));
  const v = (await y.data())[0];
  y.dispose();
  return v === 19 + 22 + 43 + 50;
}

async function trySet(name: BackendName): Promise<boolean> {
  try {
    return (await tf.setBackend(name)) && (await numbersOk());
  } catch {
    return false;
  }
}

function threads(): number {
  return typeof crossOriginIsolated !== 'undefined' && crossOriginIsolated ? Math.max(1, navigator.hardwareConcurrency || 1) : 1;
}

/**
 * Backends worth measuring in this browser, and those left out with the reason. A GPU
 * backend on a software renderer (SwiftShader, llvmpipe: virtual machines, CI) is always
 * slower than wasm here and takes seconds to measure, so calibration does not time it;
 * the user can still pick it by hand.
 */
export async function browserCandidates(): Promise<{ candidates: BackendName[]; skipped: { name: BackendName; problem: string }[] }> {
  const candidates: BackendName[] = [];
  const skipped: { name: BackendName; problem: string }[] = [];
  if ((navigator as unknown as { gpu?: unknown }).gpu) {
    if (await webgpuHardware()) candidates.push('webgpu');
    else skipped.push({ name: 'webgpu', problem: 'no hardware adapter (software or fallback only)' });
  }
  if (typeof OffscreenCanvas !== 'undefined' && new OffscreenCanvas(1, 1).getContext('webgl2')) {
    if (webglHardware()) candidates.push('webgl');
    else skipped.push({ name: 'webgl', problem: 'software renderer, slower than wasm' });
  }
  candidates.push('wasm', 'cpu');
  return { candidates, skipped };
}

/** This project's products and Adam for wasm and cpu, on every core when the page is isolated. */
const kernels = () => enableKernels(threads());

/**
 * Threads for tfjs's own wasm ops. With this project's kernels doing the heavy products on
 * every core, XNNPACK's pool would only compete with them: its threads spin after each
 * small op, on cores the kernel threads need.
 */
const tfjsWasmThreads = (kernelThreads: number) => (kernelThreads > 1 ? 1 : threads());

export async function setBrowserBackend(name: BackendName): Promise<boolean> {
  const kernelThreads = await kernels();
  if (name === 'wasm') setThreadsCount(tfjsWasmThreads(kernelThreads));
  return trySet(name);
}

/** A first guess before any graph is known, from what the hardware is (shown at start-up). */
export async function chooseBrowserBackend(preferred?: BackendName): Promise<BackendInfo> {
  const kernelThreads = await kernels();
  // All the cores, unless the kernels have them (the wasm backend's default is half of them).
  setThreadsCount(tfjsWasmThreads(kernelThreads));
  if (preferred) {
    if (await trySet(preferred)) return { name: preferred, reason: `${preferred}, as requested`, threads: preferred === 'wasm' ? getThreadsCount() : undefined };
  }
  const gpuName = await webgpuHardware();
  if (gpuName && (await trySet('webgpu'))) {
    const ours = fusedOpsReady('webgpu') ? `; dense layers and the Bernoulli likelihood${fusedAdamReady('webgpu') ? ' and Adam' : ''} on this project's WebGPU kernels` : '';
    return { name: 'webgpu', reason: `webgpu on ${gpuName}${ours}` };
  }
  const glName = webglHardware();
  if (glName && (await trySet('webgl'))) return { name: 'webgl', reason: `webgl on ${glName}` };
  if (await trySet('wasm')) {
    // What the backend actually got: threads need SharedArrayBuffer (cross-origin isolation).
    // Matrix products and Adam run on this project's kernels, on every core it was given;
    // tfjs's own wasm ops (XNNPACK) get at most half the logical cores whatever is asked.
    const isolated = typeof crossOriginIsolated !== 'undefined' && crossOriginIsolated;
    const cores = navigator.hardwareConcurrency || 1;
    const n = kernelThreads || ((await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) ? getThreadsCount() : 1);
    const plural = `${n} thread${n === 1 ? '' : 's'} on ${cores} core${cores === 1 ? '' : 's'}`;
    const why = !isolated ? 'single thread (page is not cross-origin isolated)' : kernelThreads ? `matrix products on ${plural}` : `${plural} (tfjs's wasm backend uses at most half of them)`;
    return { name: 'wasm', reason: `wasm, ${why}; no hardware GPU found`, threads: n };
  }
  await tf.setBackend('cpu');
  return { name: 'cpu', reason: 'cpu: no GPU and the wasm backend could not start' };
}

/**
 * What the panel shows of threads: whether this worker is cross-origin isolated, and for
 * the CPU-side backends how many threads train (this project's kernels, else tfjs's wasm
 * pool, else one).
 */
export function withThreadInfo(info: BackendInfo): BackendInfo {
  const isolated = typeof crossOriginIsolated !== 'undefined' && crossOriginIsolated;
  if (info.name !== 'wasm' && info.name !== 'cpu') return { ...info, isolated };
  const threadsNow = info.threads ?? (isolated ? kernelThreads() || (info.name === 'wasm' ? getThreadsCount() : 1) : 1);
  return { ...info, isolated, threads: threadsNow };
}
