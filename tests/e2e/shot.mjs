// Takes screenshots of the built page: node shot.mjs URL OUT.png [width] [height] [commands...]
import { chromium } from '../../tools/node_modules/playwright-core/index.mjs';
const [url, out, width = '1280', height = '800', ...commands] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
const page = await browser.newPage({ viewport: { width: +width, height: +height } });
page.on('console', m => console.log('console:', m.type(), m.text()));
page.on('pageerror', e => console.log('pageerror:', e.message));
await page.goto(url);
await page.waitForSelector('body[data-ready="true"]', { timeout: 10000 });
for (const c of commands) {
  if (c.startsWith('type:')) { await page.fill('[data-testid="prompt"]', c.slice(5)); await page.waitForTimeout(300); continue; }
  await page.fill('[data-testid="prompt"]', c);
  await page.press('[data-testid="prompt"]', 'Enter');
  await page.waitForTimeout(300);
}
await page.waitForTimeout(2500);
await page.screenshot({ path: out, fullPage: false });
await browser.close();
