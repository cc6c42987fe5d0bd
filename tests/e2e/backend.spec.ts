// The user can override the backend the worker would measure and pick; the panel says which.
import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

test('a chosen backend is used and named, and Automatic explains its measurement', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('train-field-epochs').fill('5');
  await page.getByTestId('train-field-epochs').blur();
  await page.getByTestId('backend-choice').selectOption('cpu');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('final-summary')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('backend-label')).toContainText('cpu, chosen by you');

  await page.getByTestId('backend-choice').selectOption('auto');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('final-summary')).toBeVisible({ timeout: 60_000 });
  // The reason lists the measured backends and that the numbers were checked against cpu.
  await expect(page.getByTestId('backend-label')).toContainText(/fastest with numbers matching cpu/);
});
