#!/usr/bin/env node
// Single-threaded GFLOP/s of our wasm gemm vs tfjs-backend-wasm (XNNPACK) tf.matMul, for the
// matmuls of the reference VAE (784-400-20, batch 128) in every transpose combination.
//
//   node scripts/kernels/microbench.mjs                 our kernels from kernelsWasm.generated.ts:
//                                                       the SIMD128 build and the relaxed-SIMD
//                                                       (FMA) build, side by side (Node 20: the
//                                                       V8 flag for relaxed SIMD is set here)
//   node scripts/kernels/microbench.mjs --wasm k.wasm   a variant built with build-kernels --wasm
//   node scripts/kernels/microbench.mjs --no-tfjs       skip the tfjs column
//   node scripts/kernels/microbench.mjs --only big      only the big shapes (or small)
//   node scripts/kernels/microbench.mjs --wasm a.wasm --wasm b.wasm --no-tfjs
//                                                       compare variants side by side
// Timing is process CPU time (robust to a shared machine); each number is the median of 7
// timed batches, with the best batch in parentheses.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const argVal = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

/** A module from a file, or one of the generated ones by constant name. */
function loadWasmBytes(file, constant = 'KERNELS_WASM_BASE64') {
  if (file) return readFileSync(file);
  const ts = readFileSync(path.join(root, 'src/kernels/kernelsWasm.generated.ts'), 'utf8');
  const m = ts.match(new RegExp(`\\b${constant} =([\\s\\S]*?);`));
  const b64 = [...m[1].matchAll(/'([^']*)'/g)].map((x) => x[1]).join('');
  return Buffer.from(b64, 'base64');
}

// Node 20 has relaxed SIMD behind a flag (what src/kernels/nodeWasmFeatures.ts sets too).
const relaxedBytes = loadWasmBytes(undefined, 'KERNELS_RELAXED_WASM_BASE64');
if (!WebAssembly.validate(relaxedBytes)) v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
const relaxedOk = WebAssembly.validate(relaxedBytes);

// [label, M, N, K, transA, transB]: C[M,N] = op(A)[M,K] · op(B)[K,N]
const BIG = [
  ['enc fwd   X·W1        ', 128, 400, 784, 0, 0],
  ['dec fwd   H·W4        ', 128, 784, 400, 0, 0],
  ['dec dX    dY·W4ᵀ      ', 128, 400, 784, 0, 1],
  ['enc dX    dY·W1ᵀ      ', 128, 784, 400, 0, 1],
  ['enc dW    Xᵀ·dY       ', 784, 400, 128, 1, 0],
  ['dec dW    Hᵀ·dY       ', 400, 784, 128, 1, 0],
  ['tt        Aᵀ·Bᵀ 784   ', 128, 400, 784, 1, 1],
  ['tt        Aᵀ·Bᵀ 400   ', 128, 784, 400, 1, 1],
];
const SMALL = [
  ['enc head  H·W[400,40] ', 128, 40, 400, 0, 0],
  ['dec in    Z·W[20,400] ', 128, 400, 20, 0, 0],
  ['head dX   dY·Wᵀ K=40  ', 128, 400, 40, 0, 1],
  ['dec-in dX dY·Wᵀ N=20  ', 128, 20, 400, 0, 1],
  ['head dW   Hᵀ·dY       ', 400, 40, 128, 1, 0],
  ['dec-in dW Zᵀ·dY       ', 20, 400, 128, 1, 0],
];
const only = argVal('--only');
const shapes = only === 'big' ? BIG : only === 'small' ? SMALL : [...BIG, ...SMALL];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Process CPU time, not wall time: the machine may be shared, and a descheduled thread's
// wall time measures the other processes. (Everything here runs on one thread.)
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Runs fn in batches of ~50 ms CPU, returns [median, best] seconds per call. */
function time(fn) {
  let iters = 1;
  for (;;) {
    const t0 = cpuMs();
    for (let i = 0; i < iters; i++) fn();
    const dt = cpuMs() - t0;
    if (dt > 50) break;
    iters *= 2;
  }
  for (let i = 0; i < iters; i++) fn(); // warm-up at the final size (lets V8 tier up)
  const samples = [];
  for (let r = 0; r < 7; r++) {
    const t0 = cpuMs();
    for (let i = 0; i < iters; i++) fn();
    samples.push((cpuMs() - t0) / 1000 / iters);
  }
  return [median(samples), Math.min(...samples)];
}

const memory = new WebAssembly.Memory({ initial: 512, maximum: 16384, shared: true });
const wasmFiles = args.flatMap((a, i) => (args[i - 1] === '--wasm' ? [a] : []));
const variants = [];
const sources = wasmFiles.length
  ? wasmFiles.map((file) => [path.basename(file, '.wasm'), loadWasmBytes(file)])
  : [['simd', loadWasmBytes()], ...(relaxedOk ? [['relaxed-simd', relaxedBytes]] : [])];
if (!wasmFiles.length && !relaxedOk) console.log('relaxed SIMD is not available in this engine: no relaxed-simd column');
for (const [name, bytes] of sources) {
  const { instance } = await WebAssembly.instantiate(bytes, { env: { memory } });
  variants.push({ name, k: instance.exports });
}
const f32 = () => new Float32Array(memory.buffer);

function ours(k, [, M, N, K, tA, tB]) {
  // A, B, C, scratch laid out one after another, 64-byte aligned.
  let off = 1 << 16;
  const alloc = (floats) => {
    const p = off;
    off += Math.ceil((floats * 4) / 64) * 64;
    return p;
  };
  const A = alloc(M * K), B = alloc(K * N), C = alloc(M * N), bias = alloc(N);
  const scratch = alloc(k.gemm_scratch_bytes(M, N, K, 0, M, 0, N) / 4);
  const mem = f32();
  for (let i = 0; i < M * K; i++) mem[A / 4 + i] = Math.random() - 0.5;
  for (let i = 0; i < K * N; i++) mem[B / 4 + i] = Math.random() - 0.5;
  return time(() => k.gemm(M, N, K, A, tA, B, tB, C, bias, 1, 0, M, 0, N, scratch)).map((s) => (2 * M * N * K) / s / 1e9);
}

let tf = null;
if (!args.includes('--no-tfjs')) {
  tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-cpu');
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const require = createRequire(import.meta.url);
  wasm.setWasmPaths(path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep);
  tf.env().set('PROD', true);
  // One thread, to compare like with like (our number is one thread too).
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  await tf.setBackend('wasm');
}

function tfjs([, M, N, K, tA, tB]) {
  const a = tf.randomUniform(tA ? [K, M] : [M, K], -0.5, 0.5);
  const b = tf.randomUniform(tB ? [N, K] : [K, N], -0.5, 0.5);
  const r = time(() => tf.matMul(a, b, !!tA, !!tB).dispose());
  a.dispose();
  b.dispose();
  return r.map((s) => (2 * M * N * K) / s / 1e9);
}

const fmt = ([med, best]) => `${med.toFixed(1).padStart(6)} (${best.toFixed(1).padStart(4)})`;
console.log(`GFLOP/s single thread, median of 7 batches (best batch in parentheses); tiles: ${variants.map((v) => `${v.name} ${v.k.gemm_tile_m()}x${v.k.gemm_tile_n()}`).join(', ')}`);
const ratioNames = variants.map((v) => `${v.name}/tfjs`.padStart(Math.max(8, v.name.length + 5)));
console.log(`shape                    M    N    K tA tB ${variants.map((v) => v.name.padStart(14)).join(' ')}${tf ? `      tfjs wasm ${ratioNames.join(' ')}` : ''}`);
for (const sh of shapes) {
  const [label, M, N, K, tA, tB] = sh;
  const os = variants.map((v) => ours(v.k, sh));
  const t = tf ? tfjs(sh) : null;
  const dims = [M, N, K].map((x) => String(x).padStart(4)).join(' ');
  const ratio = t ? `  ${fmt(t)} ${os.map((o, i) => (o[0] / t[0]).toFixed(2).padStart(ratioNames[i].length)).join(' ')}` : '';
  console.log(`${label} ${dims}  ${tA}  ${tB} ${os.map(fmt).join(' ')}${ratio}`);
}
