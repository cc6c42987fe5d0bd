// The one training worker of the page, created on first use and replaced only after it
// fails. It asks for the backend at once, so the panel shows it before any training.
import { createTrainerClient, TrainerDisposedError, type TrainerClient, type WorkerFactory } from '../trainerClient';
import { dispatchRun, messageOf } from './sessionStore';

let factory: WorkerFactory | undefined;
let client: TrainerClient | null = null;

/** For tests and embedding: where the next worker comes from (default: workers/trainer.worker.ts). */
export function setWorkerFactory(f: WorkerFactory | undefined): void {
  factory = f;
  client?.dispose();
  client = null;
}

/** A live client, creating one (and asking for its backend) if there is none or it failed. */
export function ensureClient(): TrainerClient {
  if (client && client.failure === undefined) return client;
  client?.dispose();
  const c = createTrainerClient(factory);
  client = c;
  const report = (message: string) => {
    if (client === c) dispatchRun({ type: 'failure', message });
  };
  c.onFailure(report);
  if (c.failure !== undefined) {
    report(c.failure);
    return c;
  }
  c.backend().then(
    (backend) => {
      if (client === c) dispatchRun({ type: 'backend', backend });
    },
    (err: unknown) => {
      if (err instanceof TrainerDisposedError || client !== c) return;
      dispatchRun({ type: 'backend-error', message: messageOf(err) });
    },
  );
  return c;
}

/** The current client without creating one (commands to a run that has no worker do nothing). */
export function currentClient(): TrainerClient | null {
  return client;
}
