// ELK in its own worker in the page: a layout takes tens to hundreds of milliseconds of
// pure computation, which would stall the canvas on the main thread.
import ELK from 'elkjs/lib/elk-api';
import workerUrl from 'elkjs/lib/elk-worker.min.js?url';
import type { LayoutEngine } from './autoLayout';

let engine: LayoutEngine | undefined;

export function workerEngine(): LayoutEngine {
  return (engine ??= new ELK({ workerUrl }));
}
