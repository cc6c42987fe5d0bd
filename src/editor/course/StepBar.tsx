// The course bar above the canvas while a course is open: the course's title, "Step 3 of
// 13: <title>", Previous / Next (and a list to jump to any step), the step's tasks (the task
// panel, checked live, and the instructor's task editor), Save course, a link to the course
// and Close. The step's notes are in the notes panel beside the canvas: opening a step makes
// them the graph's instructor notes. Previous / Next open the neighbouring step's graph the
// way the gallery opens a graph, so the work open goes to Recent.
import { useState } from 'react';
import { stepKey } from '../../course/document';
import { makeCourseUrl } from '../../course/courseLink';
import { serializeCourse } from '../../course/parse';
import { downloadText } from '../../files/browserFiles';
import { useGraphStore } from '../../store';
import { useCourse } from '../../store/courseStore';
import { PanelBoundary } from '../ErrorBoundary';
import { TaskPanel } from '../tasks/TaskPanel';
import { TaskEditor } from '../tasks/TaskEditor';
import './course.css';
import { titleFileName } from '../../files/fileName';

/** A course title turned into a file name every OS accepts: "<title>.course.json". */
export function courseFileName(title: string): string {
  return titleFileName(title, 'course', '.course.json');
}

function saveCourse(): void {
  const { course } = useCourse.getState();
  if (!course) return;
  const name = courseFileName(course.meta.title);
  downloadText(name, serializeCourse(course));
  useGraphStore.getState().showStatus(`Saved the course as ${name}.`);
}

async function copyCourseLink(): Promise<void> {
  const { course, stepIndex } = useCourse.getState();
  const s = useGraphStore.getState();
  if (!course) return;
  const link = makeCourseUrl(course, window.location.href, stepIndex);
  if (!link.ok) {
    s.showStatus(link.message, 'error');
    return;
  }
  try {
    await navigator.clipboard.writeText(link.url);
    s.showStatus(`Copied a link to the course, at step ${stepIndex + 1} (it holds the whole course; the learner’s progress stays in their browser).`);
  } catch {
    s.showStatus('The browser did not let the page copy the link. Save the course and share the file instead.', 'error');
  }
}

export function StepBar() {
  const course = useCourse((s) => s.course);
  const i = useCourse((s) => s.stepIndex);
  const edited = useCourse((s) => s.edited);
  const [tasksShown, setTasksShown] = useState(true);
  if (!course) return null;
  const step = course.steps[i];
  if (!step) return null;
  const n = course.steps.length;
  const prev = course.steps[i - 1];
  const next = course.steps[i + 1];
  const tasks = step.tasks ?? [];
  const go = (j: number) => useCourse.getState().goTo(j);
  return (
    <section className="course-bar" aria-label={`Course: ${course.meta.title}`} data-testid="course-bar" data-step={i + 1}>
      <div className="course-bar-row">
        <span className="course-bar-title" data-testid="course-title" title={course.meta.description || course.meta.title}>
          {course.meta.title}
        </span>
        <button type="button" data-testid="course-prev" disabled={!prev} onClick={() => useCourse.getState().prev()} aria-label={prev ? `Previous step: ${prev.title}` : 'Previous step (this is the first step)'} title={prev ? `Previous step: ${prev.title}` : 'This is the first step'}>
          ‹ Previous
        </button>
        <h2 className="course-bar-step" data-testid="course-step" aria-live="polite">
          Step {i + 1} of {n}: {step.title}
        </h2>
        <button type="button" data-testid="course-next" disabled={!next} onClick={() => useCourse.getState().next()} aria-label={next ? `Next step: ${next.title}` : 'Next step (this is the last step)'} title={next ? `Next step: ${next.title}` : 'This is the last step'}>
          Next ›
        </button>
        <select className="course-bar-jump" data-testid="course-jump" value={i} onChange={(e) => go(Number(e.target.value))} aria-label="Go to step">
          {course.steps.map((s, j) => (
            <option key={s.id} value={j}>
              {j + 1}. {s.title}
            </option>
          ))}
        </select>
        <span className="lc-topbar-spacer" />
        <button type="button" data-testid="course-tasks-toggle" aria-expanded={tasksShown} aria-controls="course-task-slot" onClick={() => setTasksShown((v) => !v)}>
          {tasksShown ? 'Hide tasks' : `Tasks (${tasks.length})`}
        </button>
        <button type="button" data-testid="course-save" onClick={saveCourse} title={edited ? 'Save the course with the tasks you changed' : 'Save the course as a .course.json file'}>
          Save course{edited ? ' *' : ''}
        </button>
        <button type="button" data-testid="course-link" onClick={() => void copyCourseLink()} title="Copy a link that holds the whole course, opening at this step">
          Copy link
        </button>
        <button type="button" className="close" data-testid="course-close" aria-label="Close the course (the graph stays open)" title="Close the course (the graph stays open)" onClick={() => useCourse.getState().close()}>
          ×
        </button>
      </div>
      {tasksShown && (
        <div className="course-task-slot" id="course-task-slot" data-testid="course-task-slot">
          {/* The tasks of this step (src/editor/tasks/): checked live against the canvas and its runs. */}
          <PanelBoundary what="The tasks of this step" className="course-tasks-failed">
            {tasks.length ? <TaskPanel tasks={tasks} stepKey={stepKey(course, step)} /> : <p className="hint">This step has no tasks.</p>}
          </PanelBoundary>
          <PanelBoundary what="The task editor" className="course-tasks-failed">
            <TaskEditor />
          </PanelBoundary>
        </div>
      )}
    </section>
  );
}
