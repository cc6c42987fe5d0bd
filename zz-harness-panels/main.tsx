import { createRoot } from 'react-dom/client';
import { TrainingPanel } from '../src/panels/TrainingPanel';
const bad = new URLSearchParams(location.search).has('bad');
const factory = () =>
  bad
    ? new Worker(new URL('./broken.worker.ts', import.meta.url), { type: 'module' })
    : new Worker(new URL('./fake.worker.ts', import.meta.url), { type: 'module' });
createRoot(document.getElementById('root')!).render(<TrainingPanel workerFactory={factory} />);
