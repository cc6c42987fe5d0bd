import { afterEach, describe, expect, it } from 'vitest';
import * as Comlink from 'comlink';
import type { BackendInfo, TrainerApi, TrainEvent } from '../training/protocol';
import { createTrainerClient, TrainerDisposedError, TrainerUnavailableError, type WorkerLike } from './trainerClient';

// A "worker" made of a MessageChannel: port1 is what the client sees, port2 serves the api.
function fakeWorker(api: Partial<TrainerApi>) {
  const { port1, port2 } = new MessageChannel();
  let terminated = false;
  Comlink.expose(api, port2 as unknown as Comlink.Endpoint);
  const worker = Object.assign(port1 as unknown as WorkerLike, {
    terminate() {
      terminated = true;
      port1.close();
      port2.close();
    },
  });
  return { worker, isTerminated: () => terminated, port1, port2 };
}

function errorEvent(message?: string): Event {
  const ev = new Event('error', { cancelable: true });
  if (message !== undefined) Object.assign(ev, { message, filename: 'trainer.worker.js', lineno: 3 });
  return ev;
}

const backendInfo: BackendInfo = { name: 'cpu', reason: 'test backend' };
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

describe('createTrainerClient', () => {
  it('asks the worker for its backend and streams training events through a proxy', async () => {
    const f = fakeWorker({
      backend: async () => backendInfo,
      train: async (_doc: string, onEvent: (e: TrainEvent) => void) => {
        await onEvent({ type: 'epoch', record: { epoch: 1, trainLoss: 2, testLoss: 3 } });
        await onEvent({ type: 'paused' });
      },
    });
    const client = createTrainerClient(() => f.worker);
    cleanups.push(() => client.dispose());
    expect(await client.backend()).toEqual(backendInfo);
    const events: TrainEvent[] = [];
    await client.train('{}', (e) => events.push(e));
    expect(events.map((e) => e.type)).toEqual(['epoch', 'paused']);
  });

  it('hands a batch of events to the listener one by one, in order', async () => {
    const f = fakeWorker({
      train: async (_doc: string, onEvent: (e: TrainEvent | TrainEvent[]) => void) => {
        await onEvent([{ type: 'epoch', record: { epoch: 1, trainLoss: 2, testLoss: 3 } }, { type: 'epoch', record: { epoch: 2, trainLoss: 1, testLoss: 2 } }]);
        await onEvent({ type: 'paused' });
      },
    });
    const client = createTrainerClient(() => f.worker);
    cleanups.push(() => client.dispose());
    const events: TrainEvent[] = [];
    await client.train('{}', (e) => events.push(e));
    expect(events.map((e) => (e.type === 'epoch' ? e.record.epoch : e.type))).toEqual([1, 2, 'paused']);
  });

  it('turns a worker that fails to load into a clear message and rejects pending calls', async () => {
    const f = fakeWorker({}); // never answers backend()
    const client = createTrainerClient(() => f.worker);
    cleanups.push(() => client.dispose());
    const heard: string[] = [];
    client.onFailure((m) => heard.push(m));
    const pending = client.backend();
    const ev = errorEvent();
    f.port1.dispatchEvent(ev);
    await expect(pending).rejects.toBeInstanceOf(TrainerUnavailableError);
    await expect(pending).rejects.toThrow(/could not start/);
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatch(/^The training worker could not start\. /);
    expect(client.failure).toBe(heard[0]);
    expect(f.isTerminated()).toBe(true);
    expect(ev.defaultPrevented).toBe(true);
    // Later calls fail at once with the same sentence.
    await expect(client.stop()).rejects.toThrow(heard[0]);
  });

  it('includes the error text when the worker reports one', async () => {
    const f = fakeWorker({});
    const client = createTrainerClient(() => f.worker);
    cleanups.push(() => client.dispose());
    const pending = client.backend();
    f.port1.dispatchEvent(errorEvent('SyntaxError: Unexpected token'));
    await expect(pending).rejects.toThrow('could not start: SyntaxError: Unexpected token (trainer.worker.js:3).');
  });

  it('says the worker stopped (not that it could not start) once it had answered', async () => {
    const f = fakeWorker({ backend: async () => backendInfo, train: () => new Promise<void>(() => {}) });
    const client = createTrainerClient(() => f.worker);
    cleanups.push(() => client.dispose());
    await client.backend();
    const run = client.train('{}', () => {});
    f.port1.dispatchEvent(errorEvent('out of memory'));
    await expect(run).rejects.toThrow(/^The training worker stopped with an error: out of memory/);
  });

  it('reports a worker that cannot even be constructed', async () => {
    const client = createTrainerClient(() => {
      throw new Error('Module scripts are not supported');
    });
    expect(client.failure).toMatch(/could not be created: Module scripts are not supported/);
    await expect(client.backend()).rejects.toBeInstanceOf(TrainerUnavailableError);
  });

  it('rejects calls in flight with TrainerDisposedError when disposed', async () => {
    const f = fakeWorker({});
    const client = createTrainerClient(() => f.worker);
    const pending = client.backend();
    client.dispose();
    await expect(pending).rejects.toBeInstanceOf(TrainerDisposedError);
    expect(f.isTerminated()).toBe(true);
  });
});

describe('step, views and diagnostics', () => {
  it('forwards them to the worker and passes undefined through', async () => {
    const asked: unknown[] = [];
    const f = fakeWorker({
      step: () => {
        asked.push('step');
      },
      views: async (o) => {
        asked.push(o);
        return undefined;
      },
      diagnostics: async (repeats) => ({ repeats: repeats ?? 0, lossSpread: { mean: 1, std: 0.5 }, gradient: { variance: 2, meanSquaredNorm: 4 } }),
    });
    const client = createTrainerClient(() => f.worker);
    cleanups.push(() => client.dispose());
    await client.step();
    expect(await client.views({ interpolate: [3, 7] })).toBeUndefined();
    expect((await client.diagnostics(20))?.repeats).toBe(20);
    expect(asked).toEqual(['step', { interpolate: [3, 7] }]);
  });
});

describe('failure messages', () => {
  it('does not show "[object ErrorEvent]" to a person', async () => {
    const f = fakeWorker({});
    const client = createTrainerClient(() => f.worker);
    cleanups.push(() => client.dispose());
    const pending = client.backend();
    f.port1.dispatchEvent(errorEvent('Uncaught [object ErrorEvent]'));
    await expect(pending).rejects.toThrow('could not start: an uncaught error in trainer.worker.js:3.');
  });
});

describe('Stop on a worker that does not answer', () => {
  it('shuts the worker down after the timeout, starts a fresh one, and ends the run as stopped with the reason', async () => {
    const made: ReturnType<typeof fakeWorker>[] = [];
    const never = () => new Promise<never>(() => {});
    const client = createTrainerClient(
      () => {
        // The first worker is stuck (train and stop never answer); the next one is healthy.
        const f = made.length === 0 ? fakeWorker({ train: never, stop: never, backend: never }) : fakeWorker({ backend: async () => backendInfo });
        made.push(f);
        return f.worker;
      },
      { stopTimeoutMs: 100 },
    );
    cleanups.push(() => client.dispose());
    const events: TrainEvent[] = [];
    const run = client.train('{}', (e) => events.push(e));
    await new Promise((r) => setTimeout(r, 20));
    const t0 = Date.now();
    await client.stop();
    await run;
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(made).toHaveLength(2);
    expect(made[0].isTerminated()).toBe(true);
    expect(made[1].isTerminated()).toBe(false);
    expect(events.map((e) => e.type)).toEqual(['status', 'done']);
    expect(events[0]).toMatchObject({ message: expect.stringMatching(/did not stop within 0.1 seconds .*shut down and a fresh one started/) });
    expect(events[1]).toMatchObject({ reason: 'stopped' });
    expect(client.failure).toBeUndefined();
    // The client goes on with the new worker.
    expect(await client.backend()).toEqual(backendInfo);
  });

  it('leaves a worker that ends its run after Stop alone', async () => {
    let finish!: () => void;
    const f = fakeWorker({ train: () => new Promise<void>((r) => (finish = r)), stop: async () => void setTimeout(() => finish(), 10) });
    let made = 0;
    const client = createTrainerClient(() => (made++, f.worker), { stopTimeoutMs: 200 });
    cleanups.push(() => client.dispose());
    const run = client.train('{}', () => {});
    await new Promise((r) => setTimeout(r, 20));
    await client.stop();
    await run;
    await new Promise((r) => setTimeout(r, 300));
    expect(made).toBe(1);
    expect(f.isTerminated()).toBe(false);
  });
});
