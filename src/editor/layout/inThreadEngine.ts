// ELK in the calling thread, for Node (the tests and scripts/layout-graphs.ts).
import ELK from 'elkjs/lib/elk.bundled.js';
import type { LayoutEngine } from './autoLayout';

let engine: LayoutEngine | undefined;

export function inThreadEngine(): LayoutEngine {
  return (engine ??= new ELK());
}
