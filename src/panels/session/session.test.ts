import { afterEach, describe, expect, it } from 'vitest';
import * as Comlink from 'comlink';
import { defaultTraining } from '../../graph/document';
import type { ModelViews, TrainerApi, TrainEvent, TrainOptions } from '../../training/protocol';
import { useRunsStore } from '../../store/runsStore';
import type { WorkerLike } from '../trainerClient';
import { setWorkerFactory } from './connection';
import { computeDiagnostics } from './modelQueries';
import { startTraining } from './runActions';
import { initialSession, useSession } from './sessionStore';

const views = (epoch: number): ModelViews => ({ epoch, step: 1, notes: ['no images'] });

function fakeWorker(api: Partial<TrainerApi>): WorkerLike {
  const { port1, port2 } = new MessageChannel();
  Comlink.expose({ backend: async () => ({ name: 'cpu', reason: 'fake' }), ...api }, port2 as unknown as Comlink.Endpoint);
  return Object.assign(port1 as unknown as WorkerLike, { terminate: () => (port1.close(), port2.close()) });
}

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(ok()).toBe(true);
};

afterEach(() => {
  setWorkerFactory(undefined);
  useRunsStore.getState().clear();
  useSession.setState(initialSession);
});

describe('the training session', () => {
  it('records a run, keeps the views it streams, and fetches the final views', async () => {
    let options: TrainOptions | undefined;
    setWorkerFactory(() =>
      fakeWorker({
        async train(_doc: string, onEvent: (e: TrainEvent) => void, o?: TrainOptions) {
          options = o;
          await onEvent({ type: 'started', backend: { name: 'cpu', reason: 'fake' }, dataDim: 2, nTrain: 8, nTest: 2, stepsPerEpoch: 1 });
          await onEvent({ type: 'epoch', record: { epoch: 1, trainLoss: 3, testLoss: 4, nll: 5 } });
          await onEvent({ type: 'views', views: views(1) });
          await onEvent({ type: 'epoch', record: { epoch: 2, trainLoss: 2, testLoss: 3 } });
          await onEvent({ type: 'done', reason: 'finished', final: { trainLoss: 2, testLoss: 3, testNll: 3.5, testNllMethod: 'exact' }, samplesPerSec: 10 });
        },
        views: async () => views(2),
      }),
    );
    useSession.setState({ interpolate: [4, 9] });
    const id = startTraining({ docJson: '{}', settings: defaultTraining(), name: 'ELBO, J=1', startPaused: true });
    await until(() => useSession.getState().views?.epoch === 2);
    expect(options).toMatchObject({ startPaused: true, viewsEveryMs: 1500, viewOptions: { interpolate: [4, 9] } });
    const run = useRunsStore.getState().runs.find((r) => r.id === id)!;
    expect(run).toMatchObject({ name: 'ELBO, J=1', status: 'finished', backend: { name: 'cpu' }, final: { testNll: 3.5 } });
    expect(run.history.map((h) => h.epoch)).toEqual([1, 2]);
    expect(useSession.getState().run.status).toBe('finished');
  });

  it('says so when the worker has no model for the diagnostics', async () => {
    setWorkerFactory(() => fakeWorker({ diagnostics: async () => undefined }));
    await computeDiagnostics();
    expect(useSession.getState().diagnosticsState).toBe('unavailable');
    expect(useSession.getState().diagnosticsMessage).toMatch(/No trained model yet/);
  });
});
