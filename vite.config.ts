import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { embedHeadersPlugin } from './src/editor/present/embedHeaders';

// Cross-origin isolation on every response (dev and preview): it makes SharedArrayBuffer
// available, which the wasm backend needs for threads.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

// Content-Security-Policy of the built app. Only this origin's scripts run; tfjs may
// compile WebAssembly ('wasm-unsafe-eval', not 'unsafe-eval'); the wasm backend starts its
// threads as blob: workers; React Flow and KaTeX set inline styles; KaTeX's fonts and the
// views' images may be data:/blob: URLs; `?graph=` may fetch any https:// file (and
// http:// from this computer, for instructors testing locally). Nothing may frame the app.
// tests/e2e/safety.spec.ts trains with it and watches for violations.
export const CSP_DIRECTIVES: Record<string, string> = {
  'default-src': "'self'",
  'script-src': "'self' 'wasm-unsafe-eval' blob:",
  'worker-src': "'self' blob:",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data: blob:",
  'font-src': "'self' data:",
  'connect-src': "'self' https: http://127.0.0.1:* http://localhost:*",
  'object-src': "'none'",
  'base-uri': "'none'",
  'frame-ancestors': "'none'",
};

function policy(skip: string[] = []): string {
  return Object.entries(CSP_DIRECTIVES)
    .filter(([k]) => !skip.includes(k))
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');
}

/**
 * The policy as a <meta> tag in the BUILT index.html, so any static host enforces it.
 * Build only: the dev server injects inline scripts for hot reload. frame-ancestors is
 * ignored in a meta tag (browsers warn about it), so it goes in the header only.
 */
function cspMeta(): Plugin {
  return {
    name: 'latent-canvas-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy(['frame-ancestors']) }, injectTo: 'head-prepend' }],
  };
}

/**
 * Hosts that cannot send COOP/COEP (GitHub Pages): the npm package coi-serviceworker's
 * service worker adds them. Its file goes next to index.html; src/hosting/isolation.ts
 * registers it (only where the page is not isolated already) and reloads once.
 */
function coiServiceWorker(): Plugin {
  return {
    name: 'latent-canvas-coi-serviceworker',
    apply: 'build',
    generateBundle() {
      const file = createRequire(import.meta.url).resolve('coi-serviceworker/coi-serviceworker.js');
      this.emitFile({ type: 'asset', fileName: 'coi-serviceworker.js', source: readFileSync(file, 'utf8') });
    },
  };
}

export default defineConfig({
  // Relative: the built folder works at any path of any static host (GitHub Pages serves
  // it at /<repo>/); the dev server treats it as '/'.
  base: './',
  // embedHeadersPlugin: the embed view's page (`/?embed`) may be framed; nothing else may.
  plugins: [react(), cspMeta(), coiServiceWorker(), embedHeadersPlugin()],
  server: { headers: isolation, host: '127.0.0.1' },
  // `vite preview` serves the build with the policy as a header too (all of it, frame-ancestors included).
  preview: { headers: { ...isolation, 'Content-Security-Policy': policy() }, host: '127.0.0.1' },
  worker: {
    format: 'es',
    // tfjs-backend-wasm hands its threaded factory to pthread workers as source text
    // (Function.toString); minifying renames what that text refers to and the threads die
    // with "e is not defined". The worker chunk stays unminified; it is served once, cached.
    rolldownOptions: { output: { minify: false } },
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  // Dev server only. tfjs-core must exist once: pre-bundled copies of it next to the raw ESM
  // one (which register_all_gradients imports by path) split its flag registry in two. So
  // tfjs is served as plain ESM, except the wasm backend, whose CommonJS parts need bundling.
  // The worker's own dependencies are listed too: the scanner does not follow the worker, and
  // one found at run time re-optimises and reloads the page mid-run (fflate did).
  optimizeDeps: {
    exclude: ['@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-cpu', '@tensorflow/tfjs-backend-webgl', '@tensorflow/tfjs-backend-webgpu'],
    include: ['@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-core > long', '@tensorflow/tfjs-core > seedrandom', '@tensorflow/tfjs-backend-cpu > seedrandom', 'seedrandom', 'papaparse', 'ml-matrix', 'comlink', 'fflate'],
  },
});
