// "No tensor work outside the worker": the editor's bundle must not even load tfjs. A spec
// module that imports a tfjs helper would pull it into the page (tree-shaking hides it in
// the production build, not in the dev server), so the whole import graph is checked.
import { expect, it } from 'vitest';
import { build } from 'esbuild';

it('the page imports no @tensorflow module; only the worker does', async () => {
  const r = await build({
    entryPoints: ['src/main.tsx'],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'browser',
    logLevel: 'silent',
    loader: { '.css': 'empty' },
    external: ['*.css', '*?url', '*?raw'],
  });
  const tfjs = Object.keys(r.metafile.inputs).filter((f) => f.includes('@tensorflow'));
  expect(tfjs).toEqual([]);
  // The worker is its own chunk and does bring tfjs (sanity check of the check itself).
  const w = await build({ entryPoints: ['workers/trainer.worker.ts'], bundle: true, write: false, metafile: true, format: 'esm', platform: 'browser', logLevel: 'silent', external: ['*?url', '#tf-gradients'] });
  expect(Object.keys(w.metafile.inputs).some((f) => f.includes('@tensorflow/tfjs-core'))).toBe(true);
}, 60_000);
