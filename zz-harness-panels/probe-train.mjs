import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--enable-unsafe-swiftshader'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
page.on('console', (m) => console.log('console:', m.type(), m.text().slice(0, 200)));
await page.route(/trainer\.worker-.*\.js$/, async (route) => {
  const res = await route.fetch();
  let body = await res.text();
  const needle = '`WASM_HAS_MULTITHREAD_SUPPORT`,async()=>{';
  console.log('patch found:', body.includes(needle));
  body = body.replace(needle, needle + 'return false;');
  await route.fulfill({ response: res, body });
});
await page.goto('http://127.0.0.1:4180/');
const t0 = Date.now();
await page.waitForFunction(() => document.querySelector('[data-testid=backend-label]')?.dataset.backend, null, { timeout: 60000 });
console.log('backend after', Date.now() - t0, 'ms:', await page.getByTestId('backend-label').textContent());
const E = process.argv[2] || '15', B = process.argv[3], LR = process.argv[4];
if (LR) await page.getByTestId('train-field-learningRate').fill(LR);
await page.getByTestId('train-field-epochs').fill(E);
if (B) await page.getByTestId('train-field-batchSize').fill(B);
const t1 = Date.now();
await page.getByTestId('train-button').click();
await page.waitForSelector('[data-testid=final-summary], [data-testid=train-error]', { timeout: 120000 });
console.log('trained in', Date.now() - t1, 'ms');
for (const id of ['progress-label', 'train-error', 'closed-form-value', 'final-summary']) {
  const l = page.getByTestId(id);
  if (await l.count()) console.log(id, ':', await l.textContent());
}
const chart = page.getByTestId('loss-chart');
console.log(await chart.evaluate((e) => ({ ...e.dataset })));
await page.screenshot({ path: '/tmp/probe-train.png' });
await browser.close();
