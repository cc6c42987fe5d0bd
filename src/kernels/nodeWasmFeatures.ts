// Node-only: turns on WebAssembly features that Node's V8 has but keeps behind flags.
//
// Node 20 (V8 11.3) implements relaxed SIMD (the final opcodes) behind
// --experimental-wasm-relaxed-simd; Node 22+ (V8 12.x) has it on by default. V8 flags are
// process-wide and setting this one at run time works: WebAssembly.validate/compile in this
// thread and in worker_threads started afterwards accept relaxed SIMD from then on (checked
// on Node 20.20). It must run before compileKernels() first picks a variant.
import v8 from 'node:v8';
import { relaxedSimdSupported } from './wasmKernels';

/**
 * Makes relaxed SIMD available to WebAssembly in this process if it is not already, so that
 * compileKernels() picks the faster kernels. Returns whether relaxed SIMD is available now.
 * Harmless where the flag is unknown (V8 ignores it) or the feature already on.
 */
export function enableRelaxedSimd(): boolean {
  if (relaxedSimdSupported()) return true;
  try {
    v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
  } catch {
    return false;
  }
  return relaxedSimdSupported();
}
