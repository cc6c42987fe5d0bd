// Kernel threads in Node: worker_threads sharing the kernels' WebAssembly.Memory.
import { Worker } from 'node:worker_threads';
import { threadSource, type KernelThread, type ThreadInit } from './threadProtocol';

const SOURCE = threadSource(`
const { parentPort } = require('node:worker_threads');
const onInit = (handler) => parentPort.once('message', handler);
const reply = (message) => parentPort.postMessage(message);`);

export function spawnKernelThread(init: ThreadInit): Promise<KernelThread> {
  const worker = new Worker(SOURCE, { eval: true });
  // A thread asleep in Atomics.wait must not keep the CLI alive once training ends.
  worker.unref();
  return new Promise((resolve, reject) => {
    worker.once('message', () => resolve({ terminate: () => void worker.terminate() }));
    worker.once('error', reject);
    worker.postMessage(init);
  });
}
