#!/usr/bin/env node
// Builds src/kernels/c/kernels.c into two wasm modules and writes them, base64-encoded, to
// src/kernels/kernelsWasm.generated.ts (committed, because CI machines have no clang):
//   KERNELS_WASM_BASE64          plain SIMD128: runs everywhere (browsers, Node 20 unflagged)
//   KERNELS_RELAXED_WASM_BASE64  the same source built with -mrelaxed-simd: the GEMM uses
//                                f32x4.relaxed_madd (an FMA on x64/arm64); needs an engine with
//                                relaxed SIMD (Chrome 114+, Node 20 with --experimental-wasm-relaxed-simd)
// src/kernels/wasmKernels.ts picks one at run time.
//
// Needs clang + wasm-ld (lld) + wasm-objdump/wasm-validate (wabt) + llvm-objdump:
// apt-get install -y clang lld llvm wabt.
//
// clang 14 predates the final relaxed-SIMD encoding: its f32x4 FMA builtin emits the
// prototype opcode 0xfd 0xaf 0x01 ("f32x4.fma"), which no shipping engine accepts. The build
// disassembles the module with llvm-objdump, rewrites exactly those instructions to the final
// f32x4.relaxed_madd (0xfd 0x85 0x02, same length, same operand order a·b + c), refuses any
// other instruction the baseline build does not also contain, and validates the result with
// wabt and with V8. A newer clang emits the final opcode itself, and nothing is rewritten.
//
//   node scripts/build-kernels.mjs                 build both and write the generated module
//   node scripts/build-kernels.mjs --wasm out.wasm [--relaxed] [-DMR=4 ...]
//                                                  experiment: write only one .wasm, with extra
//                                                  clang flags (used to compare tile sizes)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src/kernels/c/kernels.c');
const outTs = path.join(root, 'src/kernels/kernelsWasm.generated.ts');

// Must match KERNEL_MEMORY_MAX_PAGES in src/kernels/wasmKernels.ts: a shared memory's
// declared maximum has to equal the module's import maximum or instantiation fails.
export const MAX_MEMORY_BYTES = 1024 * 1024 * 1024; // 1 GiB = 16384 pages

const EXPORTS = ['gemm', 'gemm_scratch_bytes', 'gemm_tile_m', 'gemm_tile_n', 'adam', 'bias_grad', 'relu_grad', 'bernoulli_logprob', 'bernoulli_grad', 'count_nonzero', 'sparse_rows', 'spmm'];

// llvm-objdump mnemonic of clang 14's relaxed FMA -> [prototype opcode bytes, final opcode bytes].
const PROTOTYPE_RELAXED = { 'f32x4.fma': [[0xfd, 0xaf, 0x01], [0xfd, 0x85, 0x02]] };
// Relaxed-SIMD instructions the relaxed build may contain beyond the baseline's (llvm-objdump
// names, prototype and final spelling).
const ALLOWED_RELAXED = new Set(['f32x4.fma', 'f32x4.relaxed_madd']);

const args = process.argv.slice(2);
let wasmOut = null;
let relaxedOnly = false;
const extra = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--wasm') wasmOut = path.resolve(args[++i]);
  else if (args[i] === '--relaxed') relaxedOnly = true;
  else extra.push(args[i]);
}

const tmp = mkdtempSync(path.join(tmpdir(), 'kernels-'));

function clang(wasmPath, flags) {
  const clangArgs = [
    '--target=wasm32',
    '-O3',
    '-msimd128',
    ...flags,
    // atomics + bulk-memory are what wasm-ld requires for a shared memory; bulk-memory also
    // lets LLVM lower any memcpy/memset it synthesises to memory.copy/fill (there is no libc).
    '-matomics',
    '-mbulk-memory',
    '-ffreestanding',
    '-nostdlib',
    '-fno-builtin',
    '-Wall',
    '-Wextra',
    '-Werror',
    ...extra,
    '-Wl,--no-entry',
    '-Wl,--import-memory',
    '-Wl,--shared-memory',
    `-Wl,--max-memory=${MAX_MEMORY_BYTES}`,
    // Only the kernels are exported (export_name in kernels.c; --export makes a missing one an error).
    ...EXPORTS.map((e) => `-Wl,--export=${e}`),
    '-Wl,--strip-all',
    '-o',
    wasmPath,
    src,
  ];
  execFileSync('clang', clangArgs, { stdio: 'inherit' });
  return readFileSync(wasmPath);
}

/** Instructions of the code section as llvm-objdump lists them: offset (from the section's content start), bytes, mnemonic. */
function listing(wasmPath) {
  const out = execFileSync('llvm-objdump', ['-d', wasmPath], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const insns = [];
  let fn = -1;
  for (const line of out.split('\n')) {
    if (/^[0-9a-f]+ <[^>]*>:/.test(line) && !/<CODE>/.test(line)) fn++;
    const m = /^\s*([0-9a-f]+):\s+((?:[0-9a-f]{2} )+)\s*\t(\S+)\s*(.*)$/.exec(line);
    if (m) insns.push({ fn, offset: parseInt(m[1], 16), bytes: m[2].trim().split(' ').map((b) => parseInt(b, 16)), op: m[3], text: `${m[3]} ${m[4]}` });
  }
  if (insns.length < 100) throw new Error(`llvm-objdump listed only ${insns.length} instructions:\n${out.slice(0, 2000)}`);
  return insns;
}

/** File offset of the code section's content (section id 10). */
function codeSectionStart(bytes) {
  const leb = (at) => {
    let v = 0, shift = 0, b;
    do {
      b = bytes[at++];
      v |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    return [v, at];
  };
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, start] = leb(at + 1);
    if (id === 10) return start;
    at = start + size;
  }
  throw new Error('no code section');
}

/** Checks shared by both builds: no shadow stack / globals, no data segment. */
function checkNoState(wasmPath, insns) {
  // The module is instantiated once per thread on one shared memory, and its shadow stack
  // pointer would be the same address in every instance: refuse any code that uses it.
  const globalsUsed = insns.filter((i) => /^global\.(get|set)$/.test(i.op));
  if (globalsUsed.length > 0) throw new Error(`kernels use a global (shadow stack?) at code offsets ${globalsUsed.slice(0, 10).map((i) => i.offset)}`);
  const header = execFileSync('wasm-objdump', ['-x', wasmPath], { encoding: 'utf8' });
  if (/Data\[/.test(header) && !/Data\[0\]/.test(header)) throw new Error('kernels have a data segment; static data is not allowed');
}

function buildBaseline(flags = []) {
  const wasmPath = path.join(tmp, 'kernels.wasm');
  const bytes = clang(wasmPath, flags);
  const insns = listing(wasmPath);
  checkNoState(wasmPath, insns);
  // wabt's own disassembler as a second opinion (it predates relaxed SIMD, so baseline only).
  const dis = execFileSync('wasm-objdump', ['-d', wasmPath], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (dis.split('\n').some((l) => /global\.(get|set)/.test(l))) throw new Error('kernels use a global (shadow stack?)');
  execFileSync('wasm-validate', ['--enable-threads', wasmPath], { stdio: 'inherit' });
  return { bytes, insns, ops: new Set(insns.map((i) => i.op)) };
}

/** Per function, its instructions as text (llvm-objdump), to compare the two builds. */
function functionTexts(insns) {
  const fns = [];
  for (const i of insns) (fns[i.fn] ??= []).push(i.text);
  return fns.map((f) => f.join('\n'));
}

function buildRelaxed(baseline, flags = []) {
  const wasmPath = path.join(tmp, 'kernels-relaxed.wasm');
  const bytes = clang(wasmPath, ['-mrelaxed-simd', ...flags]);
  const insns = listing(wasmPath);
  checkNoState(wasmPath, insns);
  // Only functions that use relaxed_madd may differ from the baseline build: Adam, the
  // Bernoulli kernels and the rest must compile to the very same instructions (Adam is
  // bit-for-bit tfjs; an FMA contraction there would break that).
  const baseFns = functionTexts(baseline.insns), relaxedFns = functionTexts(insns);
  if (baseFns.length !== relaxedFns.length) throw new Error(`relaxed build has ${relaxedFns.length} functions, baseline ${baseFns.length}`);
  const changed = relaxedFns.flatMap((f, i) => (f !== baseFns[i] ? [i] : []));
  const unexplained = changed.filter((i) => !insns.some((x) => x.fn === i && ALLOWED_RELAXED.has(x.op)));
  if (unexplained.length) throw new Error(`relaxed build changes functions ${unexplained} that use no relaxed_madd`);
  const baselineOps = baseline.ops;
  const added = [...new Set(insns.map((i) => i.op))].filter((op) => !baselineOps.has(op));
  const unexpected = added.filter((op) => !ALLOWED_RELAXED.has(op));
  if (unexpected.length) throw new Error(`relaxed build has instructions the baseline lacks and the build does not know: ${unexpected.join(', ')}`);
  const code = codeSectionStart(bytes);
  let rewritten = 0, madds = 0;
  for (const insn of insns) {
    const map = PROTOTYPE_RELAXED[insn.op];
    if (insn.op === 'f32x4.relaxed_madd') madds++;
    if (!map) continue;
    const [from, to] = map;
    const at = code + insn.offset;
    const found = [...bytes.subarray(at, at + from.length)];
    if (found.join() !== from.join() || insn.bytes.join() !== from.join()) throw new Error(`${insn.op} at code offset ${insn.offset}: bytes ${found} / ${insn.bytes}, expected ${from}`);
    bytes.set(to, at);
    rewritten++;
  }
  if (rewritten + madds === 0) throw new Error('relaxed build contains no relaxed_madd (is __wasm_relaxed_simd__ handled in kernels.c?)');
  writeFileSync(wasmPath, bytes);
  execFileSync('wasm-validate', ['--enable-threads', '--enable-relaxed-simd', wasmPath], { stdio: 'inherit' });
  return { bytes, count: rewritten + madds, changed };
}

/** V8 must accept the relaxed module only with relaxed SIMD on (Node 20: behind a flag). */
function checkInV8(baseline, relaxed) {
  const shared = new WebAssembly.Memory({ initial: 2, maximum: MAX_MEMORY_BYTES / 65536, shared: true });
  new WebAssembly.Instance(new WebAssembly.Module(baseline), { env: { memory: shared } });
  if (!WebAssembly.validate(relaxed)) {
    v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
    if (!WebAssembly.validate(relaxed)) throw new Error('V8 rejects the relaxed module even with --experimental-wasm-relaxed-simd');
  }
  new WebAssembly.Instance(new WebAssembly.Module(relaxed), { env: { memory: shared } });
}

const base64Lines = (bytes) => {
  const lines = bytes.toString('base64').match(/.{1,100}/g) ?? [];
  return lines.map((l, i) => `  '${l}'${i === lines.length - 1 ? ';' : ' +'}`).join('\n');
};

try {
  if (wasmOut) {
    const base = buildBaseline();
    const bytes = relaxedOnly ? buildRelaxed(base).bytes : base.bytes;
    writeFileSync(wasmOut, bytes);
    console.log(`wrote ${wasmOut} (${bytes.length} bytes${relaxedOnly ? ', relaxed SIMD' : ''})`);
  } else {
    const base = buildBaseline();
    const relaxed = buildRelaxed(base);
    checkInV8(base.bytes, relaxed.bytes);
    const sha = createHash('sha256').update(readFileSync(src)).digest('hex');
    const ts =
      `// GENERATED by \`npm run build:kernels\` (scripts/build-kernels.mjs) from src/kernels/c/kernels.c.\n` +
      `// Do not edit; edit kernels.c and rebuild (needs clang, lld, llvm and wabt).\n` +
      `// ${base.bytes.length} + ${relaxed.bytes.length} bytes of wasm; each imports a shared env.memory with maximum ${MAX_MEMORY_BYTES / 65536} pages.\n\n` +
      `/** sha256 of the kernels.c both modules were built from (a test checks it is current). */\n` +
      `export const KERNELS_SOURCE_SHA256 = '${sha}';\n\n` +
      `/** Maximum memory, in 64 KiB pages, the modules declare for their imported shared memory. */\n` +
      `export const KERNELS_MAX_PAGES = ${MAX_MEMORY_BYTES / 65536};\n\n` +
      `/** Plain SIMD128 build: runs on every engine with wasm SIMD. */\n` +
      `export const KERNELS_WASM_BASE64 =\n` +
      base64Lines(base.bytes) +
      '\n\n' +
      `/** -mrelaxed-simd build (${relaxed.count} f32x4.relaxed_madd): needs relaxed SIMD. */\n` +
      `export const KERNELS_RELAXED_WASM_BASE64 =\n` +
      base64Lines(relaxed.bytes) +
      '\n';
    writeFileSync(outTs, ts);
    console.log(`wrote ${path.relative(root, outTs)} (${base.bytes.length} + ${relaxed.bytes.length} bytes of wasm; relaxed: ${relaxed.count} relaxed_madd, in function(s) ${relaxed.changed})`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
