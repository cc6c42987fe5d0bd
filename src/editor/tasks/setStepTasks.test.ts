// The task editor writes a step's tasks through the course store: the course object is
// replaced (so subscribers see it), only that step changes, and the graph is not reopened.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCourseText } from '../../course/parse';
import { useGraphStore } from '../../store';
import { useCourse } from '../../store/courseStore';
import { checkDrafts, newTask } from './taskDrafts';

describe('setStepTasks', () => {
  it('replaces one step’s tasks and nothing else', () => {
    const parsed = parseCourseText(readFileSync(new URL('../../../courses/lecture.course.json', import.meta.url), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    useCourse.getState().setStepTasks(0, []); // no course open: nothing happens
    expect(useCourse.getState().course).toBeNull();
    expect(useCourse.getState().open(parsed.course, { kind: 'bundled', name: 'lecture' }, { step: 1 })).toBe(true);
    const before = useCourse.getState().course!;
    const doc = useGraphStore.getState().doc;
    const r = checkDrafts([newTask([], doc)]);
    if (!r.ok) throw new Error('a new task is valid');
    useCourse.getState().setStepTasks(1, r.tasks);
    const after = useCourse.getState().course!;
    expect(after).not.toBe(before);
    expect(after.steps[1].tasks).toEqual(r.tasks);
    expect(after.steps[0]).toBe(before.steps[0]);
    expect(useGraphStore.getState().doc).toBe(doc);
    useCourse.getState().setStepTasks(99, r.tasks);
    expect(useCourse.getState().course).toBe(after);
  });
});
