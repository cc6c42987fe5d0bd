// The model views in the real app: after a short real run, the canvases hold real pictures —
// reconstructions that differ from their inputs, one latent point per test digit, the
// manifold — and the PPCA graph gets its principal-axes picture.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { openApp } from './helpers';

async function openGalleryGraph(page: Page, name: string, nodeId: string): Promise<void> {
  await page.getByTestId('gallery-button').click();
  await page.getByTestId(`gallery-item-${name}`).click();
  await expect(page.getByTestId(`node-${nodeId}`)).toBeVisible();
}

interface CanvasStats {
  width: number;
  height: number;
  /** Distinct grey levels (a blank canvas has one or two). */
  levels: number;
}

async function canvasStats(canvas: Locator): Promise<CanvasStats> {
  return canvas.evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const levels = new Set<number>();
    for (let i = 0; i < d.length; i += 4) levels.add(d[i]);
    return { width: c.width, height: c.height, levels: levels.size };
  });
}

/** Fraction of pixels that differ between two canvases of the same size. */
async function differingFraction(a: Locator, b: Locator): Promise<number> {
  const other = await b.evaluate((c: HTMLCanvasElement) => Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data));
  return a.evaluate((c: HTMLCanvasElement, o: number[]) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    if (d.length !== o.length) return 1;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - o[i]) > 8) n++;
    return n / (d.length / 4);
  }, other);
}

test('a trained VAE shows reconstructions, one latent point per test digit and the manifold', async ({ page }) => {
  await openApp(page);
  await openGalleryGraph(page, 'vae-2d', 'enc');
  await page.getByTestId('train-field-epochs').fill('1');
  await page.getByTestId('train-field-evalSamples').fill('50'); // the views are the point here, not the NLL
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('final-summary')).toBeVisible({ timeout: 100_000 });
  await page.getByTestId('lab-tab-views').click();

  const panel = page.getByTestId('views-panel');
  const inputs = page.getByTestId('view-recon-inputs');
  const outputs = page.getByTestId('view-recon-outputs');
  await expect(outputs).toBeVisible({ timeout: 60_000 });
  await expect.poll(async () => (await canvasStats(outputs)).levels, { message: 'reconstructions drawn' }).toBeGreaterThan(10);
  const inStats = await canvasStats(inputs);
  expect(inStats.levels).toBeGreaterThan(2);
  expect(await canvasStats(outputs)).toMatchObject({ width: inStats.width, height: inStats.height });
  // A model after one epoch reconstructs blurry digits, never a copy of its input.
  expect(await differingFraction(inputs, outputs)).toBeGreaterThan(0.05);

  const latent = page.getByTestId('view-latent');
  const reported = Number(await panel.getAttribute('data-latent-count'));
  expect(reported).toBe(1000); // every digit of the embedded MNIST's held-out split
  await expect(latent).toHaveAttribute('data-points', String(reported));

  const manifold = page.getByTestId('view-manifold');
  await expect(manifold).toBeVisible();
  expect((await canvasStats(manifold)).levels).toBeGreaterThan(10);
  await expect(page.getByTestId('view-samples')).toBeVisible();
  await expect(page.getByTestId('view-interpolation')).toBeVisible();
  console.log(`latent points ${reported}; reconstruction ${JSON.stringify(await canvasStats(outputs))}`);
});

test('the PPCA graph shows its principal axes, learned and closed-form', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('train-field-epochs').fill('40');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('final-summary')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('lab-tab-views').click();
  const ppca = page.getByTestId('view-ppca');
  await expect(ppca).toBeVisible({ timeout: 30_000 });
  await expect(ppca).toHaveAttribute('data-learned-axes', '2');
  await expect(ppca).toHaveAttribute('data-closed-form-axes', '2');
  expect((await canvasStats(ppca)).levels).toBeGreaterThan(3);
  // No images in 10-D synthetic data: the notes say why those views are missing.
  await expect(page.getByTestId('views-notes')).toContainText('not images');
});
