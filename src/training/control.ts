// Pause / resume / stop for a running loop. The loop polls `stopped` every step and awaits
// `whilePaused()`, so a stop takes effect within one step.
export class RunControl {
  paused = false;
  stopped = false;
  private wake: (() => void)[] = [];

  pause() {
    if (!this.stopped) this.paused = true;
  }
  resume() {
    this.paused = false;
    this.flush();
  }
  stop() {
    this.stopped = true;
    this.paused = false;
    this.flush();
  }
  async whilePaused(): Promise<void> {
    while (this.paused && !this.stopped) await new Promise<void>((r) => this.wake.push(r));
  }
  private flush() {
    const w = this.wake;
    this.wake = [];
    w.forEach((f) => f());
  }
}

/**
 * Hands control back to the event loop so messages (pause, stop) get through. setImmediate
 * in Node; in a worker a MessageChannel round trip, which unlike setTimeout is not clamped.
 */
export function makeYielder(): () => Promise<void> {
  if (typeof setImmediate === 'function') return () => new Promise((r) => setImmediate(r));
  const ch = new MessageChannel();
  const queue: (() => void)[] = [];
  ch.port1.onmessage = () => queue.shift()?.();
  return () =>
    new Promise<void>((r) => {
      queue.push(r);
      ch.port2.postMessage(0);
    });
}
