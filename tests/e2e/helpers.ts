// Shared steps for the end-to-end tests: open the app, find handles, drag a connection,
// watch the page's frames. Everything runs against the real app and the real worker.
import { expect, test, type Locator, type Page } from '@playwright/test';

/** The two laptop screens the editor is laid out for (issue 12): 1280×720 and 1440×900. */
export const LAPTOP_VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
] as const;

/** Declares the tests `body` adds once at each laptop size, in a group named after it. */
export function atLaptopSizes(body: (viewport: (typeof LAPTOP_VIEWPORTS)[number]) => void): void {
  for (const viewport of LAPTOP_VIEWPORTS) {
    test.describe(`at ${viewport.width}×${viewport.height}`, () => {
      test.use({ viewport });
      body(viewport);
    });
  }
}

export const PPCA_NODE_IDS = ['data', 'prior', 'sampler', 'decoder', 'likelihood', 'loss'] as const;

/** Opens the app and waits until the startup PPCA graph is on the canvas, framed. */
export async function openApp(page: Page): Promise<void> {
  await page.goto('/');
  for (const id of PPCA_NODE_IDS) await expect(page.getByTestId(`node-${id}`)).toBeVisible();
  await settledView(page);
}

/**
 * Waits until the canvas's view stops moving and returns its transform. Framing at open takes
 * two steps where the whole graph does not fit at a readable zoom (fit, then the readable
 * corner): a handle's place read between them is stale.
 */
export async function settledView(page: Page): Promise<string> {
  const read = () => page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
  let last = '';
  await expect
    .poll(
      async () => {
        const now = await read();
        const same = now === last && now !== '';
        last = now;
        return same;
      },
      { intervals: [150], timeout: 10_000 },
    )
    .toBe(true);
  return last;
}

/** All node elements React Flow renders (not the `node-errors` lists inside them). */
export function flowNodes(page: Page): Locator {
  return page.locator('.react-flow__node');
}

export function flowEdges(page: Page): Locator {
  return page.locator('.react-flow__edge');
}

export async function nodeIds(page: Page): Promise<string[]> {
  return flowNodes(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
}

export async function edgeIds(page: Page): Promise<string[]> {
  return flowEdges(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
}

export function sourceHandle(page: Page, nodeId: string, port: string): Locator {
  return page.locator(`.react-flow__handle.source[data-nodeid="${nodeId}"][data-handleid="${port}"]`);
}

export function targetHandle(page: Page, nodeId: string, port: string): Locator {
  return page.locator(`.react-flow__handle.target[data-nodeid="${nodeId}"][data-handleid="${port}"]`);
}

async function centre(handle: Locator): Promise<{ x: number; y: number }> {
  await expect(handle).toBeVisible();
  const box = await handle.boundingBox();
  if (!box) throw new Error('The handle has no bounding box (is it on screen?).');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags from one handle to another with real pointer moves, as a person would. */
export async function dragBetween(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = await centre(from);
  const b = await centre(to);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(a.x + 10, a.y + 5, { steps: 3 });
  await page.mouse.move(b.x, b.y, { steps: 20 });
  await page.mouse.move(b.x, b.y, { steps: 2 }); // settle over the target
  await page.mouse.up();
}

export interface FrameStats {
  count: number;
  maxGapMs: number;
}

/** Starts counting animation frames on the page (and the longest gap between two). */
export async function startFrameProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __frameProbe?: { count: number; maxGapMs: number; last: number; on: boolean } };
    const probe = { count: 0, maxGapMs: 0, last: performance.now(), on: true };
    w.__frameProbe = probe;
    const tick = (t: number) => {
      if (!probe.on) return;
      probe.maxGapMs = Math.max(probe.maxGapMs, t - probe.last);
      probe.last = t;
      probe.count++;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

export async function readFrameProbe(page: Page, stop = false): Promise<FrameStats> {
  return page.evaluate((stopIt) => {
    const p = (window as unknown as { __frameProbe: { count: number; maxGapMs: number; on: boolean } }).__frameProbe;
    if (stopIt) p.on = false;
    return { count: p.count, maxGapMs: p.maxGapMs };
  }, stop);
}

export async function numberAttr(locator: Locator, name: string): Promise<number> {
  const v = await locator.getAttribute(name);
  if (v === null) throw new Error(`Attribute ${name} is missing.`);
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`Attribute ${name}="${v}" is not a finite number.`);
  return n;
}

/**
 * Frames the whole graph with the canvas's fit button (below the readable zoom if it must),
 * so a test can click a node that the readable framing at open leaves off-screen.
 */
export async function showWholeGraph(page: Page): Promise<void> {
  await page.locator('.react-flow__controls-fitview').click();
}
