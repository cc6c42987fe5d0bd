// Kernel threads in the browser: dedicated workers started by the trainer worker from a
// blob: URL (allowed by the app's CSP, `worker-src 'self' blob:`), sharing the kernels'
// WebAssembly.Memory, which needs the page to be cross-origin isolated.
import { threadSource, type KernelThread, type ThreadInit } from './threadProtocol';

const SOURCE = threadSource(`
const onInit = (handler) => { self.onmessage = (e) => handler(e.data); };
const reply = (message) => self.postMessage(message);`);

let url: string | undefined;

export function spawnKernelThread(init: ThreadInit): Promise<KernelThread> {
  url ??= URL.createObjectURL(new Blob([SOURCE], { type: 'text/javascript' }));
  const worker = new Worker(url);
  return new Promise((resolve, reject) => {
    worker.onmessage = () => resolve({ terminate: () => worker.terminate() });
    worker.onerror = (e) => reject(new Error(`A kernel thread could not start: ${e.message}`));
    worker.postMessage(init);
  });
}
