// Serves and builds the benchmark page (bench.html) for `npm run bench`. It copies the few
// settings of vite.config.ts the benchmark depends on, importing nothing from it: the
// cross-origin isolation headers (so wasm gets SharedArrayBuffer and threads), ES-module
// workers, and an unminified worker chunk (tfjs-backend-wasm hands its threaded factory to
// pthread workers as source text, which minification breaks).
import { defineConfig } from 'vite';

const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export default defineConfig({
  server: { headers: isolation, host: '127.0.0.1' },
  preview: { headers: isolation, host: '127.0.0.1' },
  worker: { format: 'es', rolldownOptions: { output: { minify: false } } },
  build: {
    target: 'es2022',
    outDir: 'bench-results/.bench-page',
    emptyOutDir: true,
    chunkSizeWarningLimit: 8000,
    rolldownOptions: { input: { bench: 'bench.html' } },
  },
  optimizeDeps: { exclude: ['@tensorflow/tfjs-backend-wasm'] },
});
