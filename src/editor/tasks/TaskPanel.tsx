// The tasks of a course step, each checked live against the graph on the canvas and its runs
// (src/tasks/evaluate.ts): a ✓ or "not yet" per condition with its sentence, a Hint, and
// "Show the solution", which asks first and then opens the solution graph as any open does
// (the work open goes to Recent). Mounted by the course step bar (src/editor/course/).
import { useEffect, useId, useState } from 'react';
import type { Task } from '../../tasks/schema';
import type { TaskResult } from '../../tasks/evaluate';
import { taskMarkdownHtml } from './markdownHtml';
import { openTaskSolution } from './openSolution';
import { useTaskResults } from './useTaskResults';
import './tasks.css';

export interface TaskPanelProps {
  tasks: Task[];
  /** Identifies the step: hints and confirmations start closed again on another step. */
  stepKey: string;
}

export function TaskPanel({ tasks, stepKey }: TaskPanelProps) {
  const results = useTaskResults(tasks);
  if (tasks.length === 0) return null;
  const done = results.filter((r) => r.done).length;
  return (
    <section className="task-panel" aria-label="Tasks of this step" data-testid="task-panel">
      <h3 className="task-panel-title">
        Tasks <span className="task-panel-count" aria-live="polite" data-testid="task-panel-count">{done} of {tasks.length} done</span>
      </h3>
      <ol className="task-list">
        {tasks.map((task, i) => (
          <TaskItem key={`${stepKey}\u0000${task.id}`} task={task} result={results[i]} />
        ))}
      </ol>
    </section>
  );
}

function TaskItem({ task, result }: { task: Task; result: TaskResult | undefined }) {
  const [hintShown, setHintShown] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const hintId = useId();
  const done = result?.done ?? false;
  const instructions = taskMarkdownHtml(task.instructions);
  const hint = taskMarkdownHtml(task.hint);
  useEffect(() => setConfirming(false), [task.solution]);
  return (
    <li className={`task-item ${done ? 'task-done' : 'task-open'}`} data-testid={`task-${task.id}`} data-done={done ? 'true' : 'false'}>
      <h4 className="task-title">
        <span className="task-mark" aria-hidden="true">
          {done ? '✓' : '○'}
        </span>{' '}
        {task.title}
        <span className="task-state">{done ? ' — done' : ' — not done yet'}</span>
      </h4>
      {instructions && <div className="task-instructions notes-body" dangerouslySetInnerHTML={{ __html: instructions }} />}
      <ul className="task-conditions" aria-label={`Checks of “${task.title}”`}>
        {(result?.conditions ?? []).map((c, i) => (
          <li key={i} className={c.ok ? 'task-condition met' : 'task-condition unmet'} data-testid="task-condition" data-ok={c.ok ? 'true' : 'false'}>
            <span className="task-condition-mark" aria-hidden="true">
              {c.ok ? '✓' : '○'}
            </span>
            <span className="visually-hidden">{c.ok ? 'Met: ' : 'Not yet: '}</span>
            {c.sentence}
          </li>
        ))}
      </ul>
      <div className="task-actions">
        {hint && (
          <button type="button" aria-expanded={hintShown} aria-controls={hintId} onClick={() => setHintShown((v) => !v)}>
            {hintShown ? 'Hide the hint' : 'Hint'}
          </button>
        )}
        {task.solution && !confirming && (
          <button type="button" onClick={() => setConfirming(true)}>
            Show the solution
          </button>
        )}
      </div>
      {hint && hintShown && <div id={hintId} className="task-hint notes-body" role="note" aria-label="Hint" dangerouslySetInnerHTML={{ __html: hint }} />}
      {task.solution && confirming && (
        <div className="task-confirm" role="group" aria-label="Open the solution?" onKeyDown={(e) => e.key === 'Escape' && setConfirming(false)}>
          <p>Open the solution graph? The graph open now is kept in Recent.</p>
          <button
            type="button"
            autoFocus
            onClick={() => {
              setConfirming(false);
              openTaskSolution(task);
            }}
          >
            Open the solution
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      )}
    </li>
  );
}
