import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--enable-unsafe-swiftshader'] });
const page = await browser.newPage();
page.on('console', (m) => console.log('console:', m.type(), m.text().slice(0, 300)));
page.on('worker', (w) => console.log('worker created:', w.url().slice(0, 120)));
await page.goto('http://127.0.0.1:4180/');
const r = await page.evaluate(async () => {
  const w = new Worker('/assets/trainer.worker-j65JK8vm.js', { type: 'module' });
  const log = [];
  w.addEventListener('error', (e) => log.push('error: ' + (e.message || e.type) + ' @' + performance.now().toFixed(0)));
  w.addEventListener('message', (e) => log.push('message: ' + JSON.stringify(e.data).slice(0, 300) + ' @' + performance.now().toFixed(0)));
  w.postMessage({ id: 'x1', type: 'APPLY', path: ['backend'], argumentList: [] });
  await new Promise((r) => setTimeout(r, 20000));
  return log;
});
console.log(r.join('\n'));
await browser.close();
