import type { Dataset } from './dataset';
import { decodeMnist } from './mnist';

/**
 * Browser / Web Worker MNIST loader: fetch the gzipped asset that scripts/build-mnist.mjs put in
 * public/data/, gunzip it with DecompressionStream, decode. No React, no tfjs.
 */

/**
 * Where Vite serves the asset: `${BASE_URL}data/mnist-10k.bin.gz` (BASE_URL is '/' in dev).
 * The build's base is relative ('./', so the folder works under any path: GitHub Pages
 * serves it at /<repo>/): relative to index.html's folder. A page resolves that itself; a
 * worker's own URL is in the build's assets/ folder, one below index.html, so there the
 * base is resolved from that folder's parent.
 */
export function mnistUrl(): string {
  let base = '/';
  try {
    const env = import.meta.env as { BASE_URL?: string } | undefined;
    if (env && typeof env.BASE_URL === 'string' && env.BASE_URL !== '') base = env.BASE_URL;
  } catch {
    // Not running under Vite: keep the root.
  }
  if (!base.endsWith('/')) base += '/';
  const g = globalThis as { document?: unknown; location?: { href: string } };
  if (!/^([a-z][a-z0-9+.-]*:|\/)/i.test(base) && g.document === undefined && g.location?.href) {
    base = new URL(`../${base}`, g.location.href).href;
  }
  return `${base}data/mnist-10k.bin.gz`;
}

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Fetch, gunzip and decode the MNIST asset; errors name the URL and what went wrong. */
export async function loadMnistBrowser(url: string = mnistUrl()): Promise<Dataset> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (err) {
    throw new Error(`Could not download the MNIST digits from ${url}: ${(err as Error).message}`);
  }
  if (!response.ok) {
    throw new Error(
      `Could not download the MNIST digits from ${url}: HTTP ${response.status} ${response.statusText}` +
        ' (was the asset built? run `npm run data`).',
    );
  }
  const raw = new Uint8Array(await response.arrayBuffer());
  // Some servers label .gz files Content-Encoding: gzip, and the browser has then already
  // decompressed them; only gunzip when the gzip signature is still there.
  let bytes: Uint8Array = raw;
  if (raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      bytes = await gunzip(raw);
    } catch (err) {
      throw new Error(`The MNIST asset at ${url} is not valid gzip: ${(err as Error).message}`);
    }
  }
  return decodeMnist(bytes);
}
