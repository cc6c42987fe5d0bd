import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Dataset } from './dataset';
import { decodeMnist } from './mnist';

/**
 * Node-side MNIST loader for the CLI and the tests. Reads public/data/mnist-10k.bin.gz from the
 * repository root (this file lives in src/data/); on a fresh clone where the asset has not been
 * built yet, builds it first with scripts/build-mnist.mjs, so nothing needs a manual step.
 */

/** Absolute path of the built asset. */
export const MNIST_ASSET_PATH = fileURLToPath(new URL('../../public/data/mnist-10k.bin.gz', import.meta.url));
const BUILD_SCRIPT_URL = new URL('../../scripts/build-mnist.mjs', import.meta.url);

/** Build the asset if it is missing (a no-op when it exists). Returns its absolute path. */
export async function ensureMnistAsset(): Promise<string> {
  if (!existsSync(MNIST_ASSET_PATH)) {
    // A variable specifier keeps tsc from wanting types for the .mjs, and Vite from bundling it.
    const scriptUrl: string = pathToFileURL(fileURLToPath(BUILD_SCRIPT_URL)).href;
    const script = (await import(/* @vite-ignore */ scriptUrl)) as {
      buildMnist: (options?: { outPath?: string; quiet?: boolean }) => Promise<unknown>;
    };
    await script.buildMnist({ outPath: MNIST_ASSET_PATH });
  }
  return MNIST_ASSET_PATH;
}

/** The 10,000-digit MNIST set (x in [0,1], labels 0..9), building the asset first if needed. */
export async function loadMnistNode(): Promise<Dataset> {
  const path = await ensureMnistAsset();
  const gz = await readFile(path);
  let bytes: Uint8Array;
  try {
    bytes = gunzipSync(gz);
  } catch (err) {
    throw new Error(
      `The MNIST asset ${path} is not valid gzip (${(err as Error).message}). Rebuild it with \`npm run data -- --force\`.`,
    );
  }
  return decodeMnist(bytes);
}
