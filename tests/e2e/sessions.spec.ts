// Nothing lost, nothing misleading: each tab is its own session (two tabs never write over
// each other), opening something over your work keeps that work in Recent, the old
// single-slot autosave is moved over once, and a start that crashed opens in safe mode.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { openApp } from './helpers';
import { downloadOf, reopenFromRecent, recentTitles, renameGraph, tabSessionId, waitForAutosave } from './sessionHelpers';

test('two tabs keep their own graphs across reloads; Recent opens the other tab’s as a copy', async ({ page, context }) => {
  await openApp(page);
  await renameGraph(page, 'Tab A work');
  await waitForAutosave(page);

  // A second tab while the first is open: A's session is held, so B starts its own.
  const b = await context.newPage();
  await b.goto('/');
  await expect(b.getByTestId('node-data')).toBeVisible();
  await expect(b.getByTestId('doc-title')).not.toHaveValue('Tab A work');
  await renameGraph(b, 'Tab B work');
  await waitForAutosave(b);
  expect(await tabSessionId(b)).not.toBe(await tabSessionId(page));

  // Each reload brings back that tab's own graph: neither wrote over the other.
  await page.reload();
  await expect(page.getByTestId('doc-title')).toHaveValue('Tab A work');
  await b.reload();
  await expect(b.getByTestId('doc-title')).toHaveValue('Tab B work');

  // Recent in B lists both; A's is open in another tab, so reopening it makes a copy.
  expect(await recentTitles(b)).toEqual(expect.arrayContaining(['Tab A work', 'Tab B work']));
  await expect(b.getByTestId('recent-item').filter({ hasText: 'Tab A work' })).toContainText('open in another tab');
  await reopenFromRecent(b, 'Tab A work');
  await expect(b.getByTestId('doc-title')).toHaveValue('Tab A work');
  await expect(b.getByTestId('status-message')).toContainText('this is a copy');
  await expect(b.getByTestId('status-message')).toContainText('Your previous graph “Tab B work” is in Recent.');
  await renameGraph(b, 'Tab A copy, edited in B');
  await waitForAutosave(b);
  // The original in A is untouched.
  await page.reload();
  await expect(page.getByTestId('doc-title')).toHaveValue('Tab A work');

  // New tabs after A closes take the most recent work no tab holds: B's own graph (set
  // aside last, when B opened the copy), then A's; never the copy B is showing.
  await page.close();
  const c = await context.newPage();
  await c.goto('/');
  await expect(c.getByTestId('doc-title')).toHaveValue('Tab B work');
  const d = await context.newPage();
  await d.goto('/');
  await expect(d.getByTestId('doc-title')).toHaveValue('Tab A work');
});

test('opening a gallery graph over your work keeps it one click away in Recent, across a reload', async ({ page }) => {
  await openApp(page);
  await renameGraph(page, 'My own work');
  await waitForAutosave(page);

  await page.getByTestId('gallery-button').click();
  await page.getByTestId('gallery-item-linear-vae').click();
  await expect(page.getByTestId('node-encMean')).toBeVisible();
  await expect(page.getByTestId('status-message')).toContainText('Your previous graph “My own work” is in Recent.');
  await waitForAutosave(page);
  // Undo cannot bring it back (a new graph starts a new history), but Recent does, even after a reload.
  await page.reload();
  await expect(page.getByTestId('node-encMean')).toBeVisible();
  await reopenFromRecent(page, 'My own work');
  await expect(page.getByTestId('doc-title')).toHaveValue('My own work');
  await expect(page.getByTestId('node-encMean')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('doc-title')).toHaveValue('My own work');
});

test('the single-slot autosave of an earlier version is moved into Recent once', async ({ page, context }) => {
  await openApp(page);
  const ppca = await readFile('graphs/ppca.json', 'utf8');
  // Write the old layout (keys doc/previous) directly, as an earlier version left it.
  await page.evaluate(async (ppca) => {
    const graph = (title: string) => JSON.stringify({ ...JSON.parse(ppca), meta: { title, description: '' } });
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('latent-canvas');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('session', 'readwrite');
      tx.objectStore('session').put({ text: graph('Autosave of the old version'), savedAt: Date.now() + 60_000 }, 'doc');
      tx.objectStore('session').put({ doc: { text: graph('Backup of the old version'), savedAt: 1 }, backedUpAt: 2 }, 'previous');
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, ppca);
  await page.close();
  const next = await context.newPage();
  await next.goto('/');
  await expect(next.getByTestId('doc-title')).toHaveValue('Autosave of the old version');
  expect(await recentTitles(next)).toEqual(expect.arrayContaining(['Autosave of the old version', 'Backup of the old version']));
  const legacy = await next.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const r = indexedDB.open('latent-canvas');
      r.onsuccess = () => resolve(r.result);
    });
    const keys = await new Promise<IDBValidKey[]>((resolve) => {
      const r = db.transaction('session').objectStore('session').getAllKeys();
      r.onsuccess = () => resolve(r.result);
    });
    db.close();
    return keys.filter((k) => k === 'doc' || k === 'previous' || k === 'runs' || k === 'weights');
  });
  expect(legacy).toEqual([]);
});

test('a start that crashed opens in safe mode: download, open anyway, discard', async ({ page }) => {
  await openApp(page);
  await renameGraph(page, 'Crashy graph');
  await waitForAutosave(page);
  await page.waitForTimeout(1500); // this start is over: the flag below is not this page's own
  // What a start that never came up leaves behind: its flag, never cleared.
  await page.evaluate(() => localStorage.setItem(`latent-canvas.starting:${sessionStorage.getItem('latent-canvas.session-id')}`, '1'));
  await page.reload();
  await expect(page.getByTestId('safe-mode')).toBeVisible();
  await expect(page.getByTestId('safe-mode-title')).toContainText('Crashy graph');
  await expect(page.getByTestId('node-data')).toHaveCount(0); // the graph is not rendered
  const file = await downloadOf(page, 'safe-mode-download');
  expect(file.name).toBe('Crashy graph.json');
  expect(JSON.parse(file.text).meta.title).toBe('Crashy graph');
  await page.getByTestId('safe-mode-open').click();
  await expect(page.getByTestId('doc-title')).toHaveValue('Crashy graph');
  await expect(page.getByTestId('node-data')).toBeVisible();
  // It came up: the next reload is a normal start.
  await page.waitForTimeout(1500);
  await page.reload();
  await expect(page.getByTestId('doc-title')).toHaveValue('Crashy graph');
  await expect(page.getByTestId('safe-mode')).toHaveCount(0);

  // An uncaught error that empties the page counts as a crash too.
  await page.waitForTimeout(1500);
  await page.evaluate(() => document.getElementById('root')!.replaceChildren());
  await page.reload();
  await expect(page.getByTestId('safe-mode')).toBeVisible();
  await page.getByTestId('safe-mode-discard').click();
  await page.getByTestId('safe-mode-discard-confirm').click();
  await expect(page.getByTestId('node-data')).toBeVisible();
  await expect(page.getByTestId('doc-title')).not.toHaveValue('Crashy graph');
  // Discarded means gone from this browser, and the next start is a normal one.
  await page.reload();
  await expect(page.getByTestId('safe-mode')).toHaveCount(0);
  await expect(page.getByTestId('doc-title')).not.toHaveValue('Crashy graph');
});

test('opening a graph while one trains stops the run first and keeps it, whole, with its graph in Recent', async ({ page }) => {
  await openApp(page);
  await renameGraph(page, 'Training here');
  await page.getByTestId('train-field-epochs').fill('100000');
  await page.getByTestId('train-button').click();
  const chart = page.getByTestId('loss-chart');
  const epochsDrawn = async () => Number((await chart.getAttribute('data-epochs')) ?? 0);
  await expect(page.getByTestId('progress-label')).toHaveAttribute('data-status', 'running', { timeout: 60_000 });
  await expect.poll(epochsDrawn, { timeout: 60_000 }).toBeGreaterThan(2);

  await page.getByTestId('gallery-button').click();
  await page.getByTestId('gallery-item-linear-vae').click();
  await expect(page.getByTestId('node-encMean')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('status-message')).toContainText('Your previous graph “Training here” is in Recent.');

  // The run was stopped, not cut off: reopened, it says so, with the epochs it trained.
  await reopenFromRecent(page, 'Training here');
  await expect(page.getByTestId('doc-title')).toHaveValue('Training here');
  await page.getByTestId('lab-tab-runs').click();
  const row = page.getByTestId('run-row-0');
  await expect(row).toHaveAttribute('data-status', 'stopped');
  expect(Number(await row.getAttribute('data-epochs'))).toBeGreaterThan(2);
  await expect(page.getByTestId('status-message')).not.toContainText('Interrupted');
});
