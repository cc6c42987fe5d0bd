// The lecture as a course: opened from the gallery, step 1's graph and the step bar, Next to
// step 2, a reload that stays at step 2, `?course=<url>` (the served course file) opening at
// the step reached, a course file through Open, a course link (`#course=`, the whole course
// in the link, with `?step=`), and a bad `?course=` that says why while the editor stays up.
import { readFileSync } from 'node:fs';
import LZString from 'lz-string';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { openApp } from './helpers';
import { openFile, waitForAutosave } from './sessionHelpers';

const lectureText = readFileSync('courses/lecture.course.json', 'utf8');
const lecture = JSON.parse(lectureText) as { meta: { title: string }; steps: { id: string; title: string; notes: string; graph: { nodes: { id: string }[] } }[] };
const n = lecture.steps.length;
const stepText = (i: number) => `Step ${i + 1} of ${n}: ${lecture.steps[i].title}`;

test('the lecture course: gallery, step bar, Next, reload, ?course= and Open', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('gallery-button').click();
  await page.getByTestId('gallery-course-lecture').click();
  await expect(page.getByTestId('gallery')).toHaveCount(0);

  // Step 1: the bar, and PPCA on the canvas with the step's notes in the notes panel.
  const bar = page.getByTestId('course-bar');
  await expect(bar).toBeVisible();
  await expect(page.getByTestId('course-title')).toHaveText(lecture.meta.title);
  await expect(page.getByTestId('course-step')).toHaveText(stepText(0));
  await expect(page.getByRole('button', { name: 'Previous step (this is the first step)' })).toBeDisabled();
  for (const id of lecture.steps[0].graph.nodes.map((x) => x.id)) await expect(page.getByTestId(`node-${id}`)).toBeVisible();
  await expect(page.getByTestId('instructor-notes-body')).toContainText('Part I');
  // The step's tasks are mounted under the bar.
  await expect(page.getByTestId('course-task-slot')).toBeVisible();
  await expect(page.getByTestId('task-panel')).toBeVisible();

  // The bar and its tasks pass axe (no serious or critical violation).
  const axe = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).include('[data-testid="course-bar"]').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((x) => x.target.join(' ')).join(' | ')}`)).toEqual([]);

  // Next, by keyboard: the button is reachable and named after the step it opens.
  const next = page.getByRole('button', { name: `Next step: ${lecture.steps[1].title}` });
  await next.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('course-step')).toHaveText(stepText(1));
  await expect(bar).toHaveAttribute('data-step', '2');
  for (const id of lecture.steps[1].graph.nodes.map((x) => x.id)) await expect(page.getByTestId(`node-${id}`)).toBeVisible();
  await expect(page.getByTestId('node-loss')).toContainText(/Autoencoder/);
  await expect(page.getByTestId('status-message')).toContainText('Opened step 2 of');

  // A reload stays inside the course at step 2, with step 2's graph.
  await waitForAutosave(page);
  await page.reload();
  await expect(page.getByTestId('course-step')).toHaveText(stepText(1));
  await expect(page.getByTestId('node-enc')).toBeVisible();

  // Close: the graph stays, the bar goes.
  await page.getByRole('button', { name: 'Close the course (the graph stays open)' }).click();
  await expect(bar).toHaveCount(0);
  await expect(page.getByTestId('node-enc')).toBeVisible();

  // ?course=<url>: the served course file opens at the step this browser reached (2), and
  // the address is cleared before it is fetched.
  await page.goto('/?course=' + encodeURIComponent('/courses/lecture.course.json'));
  await expect(page.getByTestId('course-step')).toHaveText(stepText(1));
  expect(new URL(page.url()).search).toBe('');
  await page.getByRole('button', { name: `Previous step: ${lecture.steps[0].title}` }).click();
  await expect(page.getByTestId('course-step')).toHaveText(stepText(0));
  await expect(page.getByTestId('node-prior')).toBeVisible();
  await page.getByTestId('course-jump').selectOption(String(n - 1));
  await expect(page.getByTestId('course-step')).toHaveText(stepText(n - 1));
  await expect(page.getByRole('button', { name: 'Next step (this is the last step)' })).toBeDisabled();

  // Open takes a course file too (the "format" field decides).
  await page.getByRole('button', { name: 'Close the course (the graph stays open)' }).click();
  await openFile(page, 'lecture.course.json', lectureText);
  await expect(page.getByTestId('course-step')).toHaveText(stepText(n - 1));
});

test('a ?course= that is not a course says why, and the editor stays up', async ({ page }) => {
  await page.goto('/?course=' + encodeURIComponent('/courses/missing.course.json'));
  await expect(page.getByTestId('file-error')).toBeVisible();
  await expect(page.getByTestId('file-error')).toContainText(/missing\.course\.json/);
  await expect(page.getByTestId('node-data')).toBeVisible();
  await expect(page.getByTestId('course-bar')).toHaveCount(0);
  expect(new URL(page.url()).search).toBe('');
});

test('a course link carries the whole course and opens at its step; the address is cleared first', async ({ page }) => {
  const payload = LZString.compressToEncodedURIComponent(JSON.stringify(JSON.parse(lectureText)));
  await page.goto(`/?step=3#course=${payload}`);
  await expect(page.getByTestId('course-step')).toHaveText(stepText(2));
  for (const id of lecture.steps[2].graph.nodes.map((x) => x.id)) await expect(page.getByTestId(`node-${id}`)).toBeVisible();
  const url = new URL(page.url());
  expect(url.search + url.hash).toBe('');
});
