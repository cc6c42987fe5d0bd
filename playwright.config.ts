// End-to-end tests: the built app in Debian's Chromium (scripts/ensure-chromium.mjs puts
// it there), with the real training worker. Playwright's own browser download is not used.
import { defineConfig } from '@playwright/test';

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// E2E_PORT and E2E_OUT_DIR let several checkouts' test runs share one machine.
const port = Number(process.env.E2E_PORT || 4173);
const outDir = process.env.E2E_OUT_DIR || 'dist';

export default defineConfig({
  testDir: 'tests/e2e',
  // Two cores: one test at a time, so training in the worker is not starved.
  workers: 1,
  fullyParallel: false,
  // Training under SwiftShader / wasm on a small machine is slow.
  timeout: 120_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  // The HTML report (never opened by itself) holds the screenshots the layout tests attach.
  reporter: [['list'], ['html', { open: 'never', outputFolder: process.env.E2E_REPORT_DIR ?? 'playwright-report' }]],
  outputDir: process.env.E2E_PORT ? `test-results-${port}` : 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    acceptDownloads: true,
    actionTimeout: 15_000,
    navigationTimeout: 60_000,
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--enable-unsafe-swiftshader',
      ],
    },
  },
  webServer: {
    // Build, then serve the bundle; `vite preview` sends the COOP/COEP headers too.
    command: `npm run build -- --outDir ${outDir} && npm run preview -- --outDir ${outDir} --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 300_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
