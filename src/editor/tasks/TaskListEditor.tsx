// The tasks of one step as forms: add, remove and edit tasks and their conditions. What is
// typed is a draft; every change is checked with taskSchema, and a valid list is handed to
// `onTasks` at once (the step's tasks follow the forms); an invalid one says what to fix,
// on the task and condition it is about, and the step keeps its last valid tasks.
import { useMemo, useState } from 'react';
import type { GraphDoc } from '../../graph/document';
import type { Task } from '../../tasks/schema';
import { ConditionFields } from './ConditionFields';
import { CONDITIONS_PER_TASK, TASKS_PER_STEP, checkDrafts, conditionTemplate, newTask, solutionFromDoc, toDrafts, withField, type DraftTask } from './taskDrafts';
import './tasks.css';

export interface TaskListEditorProps {
  tasks: readonly Task[] | undefined;
  /** The graph on the canvas: where kinds, nodes and ports are offered from, and "use as the solution". */
  doc: GraphDoc;
  /** Called with every valid list of tasks. */
  onTasks: (tasks: Task[]) => void;
}

export function TaskListEditor({ tasks, doc, onTasks }: TaskListEditorProps) {
  const [drafts, setDrafts] = useState<DraftTask[]>(() => toDrafts(tasks));
  const check = useMemo(() => checkDrafts(drafts), [drafts]);
  const update = (next: DraftTask[]) => {
    setDrafts(next);
    const r = checkDrafts(next);
    if (r.ok) onTasks(r.tasks);
  };
  const setTask = (i: number, t: DraftTask) => update(drafts.map((d, j) => (j === i ? t : d)));
  const problemsOf = (i: number, condition?: number) => (check.ok ? [] : check.problems.filter((p) => p.task === i && p.condition === condition).map((p) => p.message));

  return (
    <div className="task-editor" data-testid="task-editor">
      <p className="hint">
        Tasks check the learner’s graph and runs by themselves. {check.ok ? <span className="task-editor-ok">All tasks are valid and saved to this step.</span> : <span>Fix the problems below: until then the step keeps its last valid tasks.</span>}
      </p>
      {drafts.map((t, i) => (
        <fieldset key={i} className="task-editor-task" data-testid="task-editor-task">
          <legend>
            Task {i + 1}: {t.title || 'untitled'}
          </legend>
          <div className="task-editor-row">
            <label>
              Title
              <input type="text" value={t.title} onChange={(e) => setTask(i, { ...t, title: e.target.value })} />
            </label>
            <label>
              Id
              <input type="text" value={t.id} onChange={(e) => setTask(i, { ...t, id: e.target.value })} />
            </label>
            <button type="button" className="danger" onClick={() => update(drafts.filter((_, j) => j !== i))} aria-label={`Remove task ${i + 1}`}>
              Remove task
            </button>
          </div>
          <label>
            Instructions (markdown)
            <textarea value={t.instructions} onChange={(e) => setTask(i, { ...t, instructions: e.target.value })} />
          </label>
          <label>
            Hint (markdown, optional)
            <textarea value={t.hint ?? ''} onChange={(e) => setTask(i, withField(t, 'hint', e.target.value))} />
          </label>
          <Problems messages={problemsOf(i)} />
          {t.conditions.map((c, k) => (
            <div key={k}>
              <ConditionFields
                condition={c}
                doc={doc}
                index={k}
                onChange={(next) => setTask(i, { ...t, conditions: t.conditions.map((d, m) => (m === k ? next : d)) })}
                onRemove={() => setTask(i, { ...t, conditions: t.conditions.filter((_, m) => m !== k) })}
              />
              <Problems messages={problemsOf(i, k)} />
            </div>
          ))}
          <div className="task-editor-row">
            <button type="button" disabled={t.conditions.length >= CONDITIONS_PER_TASK} onClick={() => setTask(i, { ...t, conditions: [...t.conditions, conditionTemplate('nodeExists', doc)] })}>
              Add a condition
            </button>
            <button type="button" onClick={() => setTask(i, { ...t, solution: solutionFromDoc(doc) })}>
              Use the current graph as the solution
            </button>
            {t.solution && (
              <button type="button" onClick={() => setTask(i, withField(t, 'solution', undefined))}>
                Remove the solution
              </button>
            )}
            <span className="hint">{t.solution ? `Solution: “${solutionTitle(t.solution)}”` : 'No solution'}</span>
          </div>
        </fieldset>
      ))}
      <div className="task-editor-row">
        <button type="button" disabled={drafts.length >= TASKS_PER_STEP} onClick={() => update([...drafts, newTask(drafts, doc)])}>
          Add a task
        </button>
      </div>
    </div>
  );
}

function solutionTitle(solution: Record<string, unknown>): string {
  const meta = solution.meta as { title?: unknown } | undefined;
  return typeof meta?.title === 'string' ? meta.title : 'a graph';
}

function Problems({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <ul className="task-editor-problems" role="alert">
      {messages.map((m, i) => (
        <li key={i}>{m}</li>
      ))}
    </ul>
  );
}
