// Tasks that check themselves, in the real app: open the lecture course from the gallery, do
// the first step's task by editing a param in the inspector and see its check pass (live, no
// button), read the hint, open the solution (asked first), go to the next step, and edit a
// task in the instructor's task editor with the panel following.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

test('a course step’s task checks itself as the learner edits', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('gallery-button').click();
  await page.getByTestId('gallery-course-lecture').click();
  const bar = page.getByTestId('course-bar');
  await expect(bar.getByTestId('course-step')).toContainText('Step 1 of');

  const panel = bar.getByTestId('task-panel');
  const task = panel.getByTestId('task-latent-4d');
  await expect(task).toHaveAttribute('data-done', 'false');
  await expect(task.getByTestId('task-condition')).toHaveAttribute('data-ok', 'false');
  await expect(task.getByRole('heading')).toContainText('not done yet');
  await expect(panel.getByTestId('task-panel-count')).toHaveText('0 of 1 done');

  // The hint, on request.
  const hintButton = task.getByRole('button', { name: 'Hint' });
  await expect(hintButton).toHaveAttribute('aria-expanded', 'false');
  await hintButton.click();
  await expect(task.getByRole('note', { name: 'Hint' })).toBeVisible();

  // Do the task: the prior's dimension 2 → 4, in the inspector.
  await page.getByTestId('node-prior').locator('.model-node-header').click();
  const dim = page.getByTestId('inspector').getByTestId('field-dim');
  await dim.fill('4');
  await dim.press('Enter');
  await expect(task).toHaveAttribute('data-done', 'true');
  await expect(task.getByTestId('task-condition')).toHaveAttribute('data-ok', 'true');
  await expect(task.getByTestId('task-condition')).toContainText('Met:');
  await expect(panel.getByTestId('task-panel-count')).toHaveText('1 of 1 done');

  // Back to 2: the check follows.
  await dim.fill('2');
  await dim.press('Enter');
  await expect(task).toHaveAttribute('data-done', 'false');

  // Show the solution: asked first; Cancel keeps the graph, Open opens the solution.
  await task.getByRole('button', { name: 'Show the solution' }).click();
  const confirm = task.getByRole('group', { name: 'Open the solution?' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(task).toHaveAttribute('data-done', 'false');
  await task.getByRole('button', { name: 'Show the solution' }).click();
  await task.getByRole('button', { name: 'Open the solution' }).click();
  await expect(task).toHaveAttribute('data-done', 'true');

  // The instructor's editor: a new title shows in the panel at once.
  await bar.getByRole('button', { name: /^Edit tasks/ }).click();
  const editor = bar.getByTestId('task-editor');
  await expect(editor).toBeVisible();
  // The panel and the editor's forms: no serious or critical axe violation (names, labels, contrast).
  const axe = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).include('[data-testid="course-task-slot"]').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
  const title = editor.getByTestId('task-editor-task').first().getByLabel('Title', { exact: true });
  await title.fill('Give PPCA four latent dimensions');
  await expect(task.getByRole('heading')).toContainText('Give PPCA four latent dimensions');
  await title.fill('');
  await expect(editor.getByRole('alert').first()).toContainText('title');
  await expect(task.getByRole('heading')).toContainText('Give PPCA four latent dimensions');

  // Next: the next step's tasks, not done on its starting graph.
  await bar.getByTestId('course-next').click();
  await expect(bar.getByTestId('course-step')).toContainText('Step 2 of');
  await expect(panel.locator('.task-item').first()).toHaveAttribute('data-done', 'false');
});
