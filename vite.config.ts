import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Cross-origin isolation on every response (dev and preview): it makes SharedArrayBuffer
// available, which the wasm backend needs for threads.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export default defineConfig({
  plugins: [react()],
  server: { headers: isolation, host: '127.0.0.1' },
  preview: { headers: isolation, host: '127.0.0.1' },
  worker: {
    format: 'es',
    // tfjs-backend-wasm hands its threaded factory to pthread workers as source text
    // (Function.toString); minifying renames what that text refers to and the threads die
    // with "e is not defined". The worker chunk stays unminified; it is served once, cached.
    rolldownOptions: { output: { minify: false } },
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  optimizeDeps: { exclude: ['@tensorflow/tfjs-backend-wasm'] },
});
