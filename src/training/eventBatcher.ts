// How often a training run's events leave the worker. Every event sent on its own is a
// message, a comlink round trip and a React update on the page's main thread; a small model
// finishes hundreds of epochs a second, so progress and epoch records go out together at
// most every `everyMs` (only the latest progress), and everything else at once — after what
// was waiting, so the order never changes.
import type { TrainEvent } from './protocol';

export const EVENTS_EVERY_MS = 100;

export interface EventBatcher {
  push(e: TrainEvent): void;
  /** Sends whatever is waiting now (the run is over, or the caller is about to answer). */
  flush(): void;
}

export function batchEvents(send: (events: TrainEvent[]) => void, everyMs = EVENTS_EVERY_MS, now: () => number = () => performance.now()): EventBatcher {
  let pending: TrainEvent[] = [];
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const out = pending;
    pending = [];
    last = now();
    send(out);
  };
  return {
    push(e) {
      if (e.type === 'progress') pending = pending.filter((p) => p.type !== 'progress');
      pending.push(e);
      if (e.type !== 'progress' && e.type !== 'epoch') return flush();
      const wait = last + everyMs - now();
      if (wait <= 0) flush();
      else timer ??= setTimeout(flush, wait);
    },
    flush,
  };
}
