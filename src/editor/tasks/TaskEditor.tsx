// The instructor's task editor for the course step on the canvas: "Edit tasks" opens the forms
// (TaskListEditor) for the step's tasks, and every valid change goes to the course store
// (setStepTasks), so the step's task panel checks the new tasks at once and the course is
// saved with them. Kinds, ports and params are offered from the registry and the graph open.
import { useState } from 'react';
import { stepKey } from '../../course/document';
import { useGraphStore } from '../../store';
import { useCourse } from '../../store/courseStore';
import { TaskListEditor } from './TaskListEditor';

export function TaskEditor() {
  const course = useCourse((s) => s.course);
  const stepIndex = useCourse((s) => s.stepIndex);
  const doc = useGraphStore((s) => s.doc);
  const [open, setOpen] = useState(false);
  const step = course?.steps[stepIndex];
  if (!course || !step) return null;
  const key = stepKey(course, step);
  return (
    <section className="task-editor-section" aria-label="Task editor" data-testid="task-editor-section">
      <button type="button" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
        {open ? 'Close the task editor' : `Edit tasks (${step.tasks?.length ?? 0})`}
      </button>
      {open && <TaskListEditor key={key} tasks={step.tasks} doc={doc} onTasks={(tasks) => useCourse.getState().setStepTasks(stepIndex, tasks)} />}
    </section>
  );
}
