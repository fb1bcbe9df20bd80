// Screenshots of an HTML report as a reviewer first sees it, for the README:
//   node tests/browser/screenshots.mjs REPORT.html OUT_DIR
// writes OUT_DIR/report-desktop.png (1400×1000) and OUT_DIR/report-phone.png
// (420×900), each the first screen of the page, plus
// OUT_DIR/report-graph.png, the first finding with its graph opened.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const [report, outDir] = process.argv.slice(2);
if (!report || !outDir) {
  console.error('usage: node tests/browser/screenshots.mjs REPORT.html OUT_DIR');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const url = pathToFileURL(path.resolve(report)).href;
for (const [name, viewport] of [['desktop', { width: 1400, height: 1000 }], ['phone', { width: 420, height: 900 }]]) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('#finding-list article.finding');
  await page.screenshot({ path: path.join(outDir, `report-${name}.png`) });
  if (name === 'desktop') {
    const first = page.locator('#finding-list article.finding').first();
    await first.locator('.graph-button').click();
    await first.screenshot({ path: path.join(outDir, 'report-graph.png') });
  }
  await context.close();
}
await browser.close();
console.log(`screenshots written to ${outDir}`);
