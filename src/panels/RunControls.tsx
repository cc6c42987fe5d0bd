// Train, Pause, Resume, Step, Stop and "Start paused". Step runs one optimisation step
// while paused, so a lecture can walk through training a step at a time.
import { useSession } from './session/sessionStore';
import { pauseRun, resumeRun, stepRun, stopRun } from './session/runActions';
import { isActive } from './runState';
import type { BackendName } from '../training/protocol';

const BACKENDS: { value: BackendName | 'auto'; label: string }[] = [
  { value: 'auto', label: 'Automatic (measured on this graph)' },
  { value: 'wasm', label: 'WebAssembly (CPU, threads)' },
  { value: 'webgl', label: 'WebGL (GPU)' },
  { value: 'webgpu', label: 'WebGPU (GPU)' },
  { value: 'cpu', label: 'Plain JavaScript (slowest)' },
];

export function RunControls({ onTrain }: { onTrain: () => void }) {
  const status = useSession((s) => s.run.status);
  const startPaused = useSession((s) => s.startPaused);
  const backendChoice = useSession((s) => s.backendChoice);
  const active = isActive(status);
  const stoppable = status === 'starting' || status === 'running' || status === 'pausing' || status === 'paused';
  return (
    <div className="lc-run-controls-block">
      <div className="lc-run-controls" role="toolbar" aria-label="Run controls">
        <button type="button" data-testid="train-button" disabled={active} onClick={onTrain}>
          Train
        </button>
        <button type="button" data-testid="pause-button" disabled={status !== 'running'} onClick={pauseRun}>
          Pause
        </button>
        <button type="button" data-testid="resume-button" disabled={status !== 'paused'} onClick={resumeRun}>
          Resume
        </button>
        <button type="button" data-testid="step-button" disabled={status !== 'paused'} onClick={stepRun} title="Run one optimisation step, then stay paused">
          Step
        </button>
        <button type="button" data-testid="stop-button" disabled={!stoppable} onClick={stopRun}>
          Stop
        </button>
      </div>
      <label className="lc-check" title="Train waits paused before the first step: use Step to go one step at a time">
        <input type="checkbox" data-testid="start-paused" checked={startPaused} disabled={active} onChange={(e) => useSession.setState({ startPaused: e.target.checked })} />
        Start paused (single-step mode)
      </label>
      <label className="lc-backend-choice" title="Automatic times each backend on this model and checks its numbers against the cpu backend">
        Backend{' '}
        <select data-testid="backend-choice" value={backendChoice} disabled={active} onChange={(e) => useSession.setState({ backendChoice: e.target.value as BackendName | 'auto' })}>
          {BACKENDS.map((b) => (
            <option key={b.value} value={b.value}>
              {b.label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
