import * as Comlink from 'comlink';
import type { TrainerApi, TrainEvent } from '../src/training/protocol';
let paused = false; let stopped = false;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const api: TrainerApi = {
  async backend() { await sleep(300); return { name: 'cpu', reason: 'harness fake' }; },
  async train(json: string, onEvent: (e: TrainEvent) => void) {
    const doc = JSON.parse(json); const E = doc.training.epochs;
    stopped = false; paused = false;
    onEvent({ type: 'started', backend: { name: 'cpu', reason: 'harness fake' }, dataDim: 5, nTrain: 80, nTest: 20, stepsPerEpoch: 4, closedForm: { trainNll: 5, testNll: 5.3, sigma2: 0.1 } });
    let t = 0;
    for (let e = 1; e <= E; e++) {
      for (let s = 1; s <= 4; s++) {
        while (paused && !stopped) await sleep(20);
        if (stopped) { onEvent({ type: 'done', reason: 'stopped', final: { trainLoss: 6, testLoss: 6.2, testNll: 6.2, testNllMethod: 'exact' }, samplesPerSec: 100 }); return; }
        await sleep(20); t += 20;
        onEvent({ type: 'progress', progress: { epoch: e, epochs: E, step: s, stepsPerEpoch: 4, batchLoss: 5 + 10 / e, samplesPerSec: 1000, elapsedMs: t } });
      }
      onEvent({ type: 'epoch', record: { epoch: e, trainLoss: 5 + 10 / e, testLoss: 5.3 + 10 / e } });
    }
    onEvent({ type: 'done', reason: 'finished', final: { trainLoss: 5 + 10 / E, testLoss: 5.3 + 10 / E, testNll: 5.3 + 10 / E, testNllMethod: 'exact marginal' , sigma2: 0.11, subspaceAngleDeg: 1.5}, samplesPerSec: 1000 });
  },
  pause() { paused = true; }, resume() { paused = false; }, stop() { stopped = true; },
};
Comlink.expose(api);
