// Pause / resume / stop / single step for a running loop. The loop calls `beforeStep()`
// at every step boundary, so a stop takes effect within one step.
export class RunControl {
  paused = false;
  stopped = false;
  /** Steps granted while paused (single-step mode). */
  private grants = 0;
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
  /** While paused, let exactly one more step run. */
  stepOnce() {
    if (!this.paused || this.stopped) return;
    this.grants++;
    this.flush();
  }
  /**
   * Waits while paused; returns whether the loop waited (so it can report paused/resumed).
   * A single-step grant lets one step through without leaving the paused state.
   */
  async beforeStep(onPause?: () => void, onResume?: () => void): Promise<void> {
    if (!this.paused || this.stopped) return;
    if (this.grants > 0) {
      this.grants--;
      return;
    }
    onPause?.();
    while (this.paused && !this.stopped && this.grants === 0) await new Promise<void>((r) => this.wake.push(r));
    if (this.grants > 0) this.grants--;
    else if (!this.stopped) onResume?.();
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
