// End-to-end check of the HTML report in Debian's Chromium, driven by
// playwright-core (no browser download). tests/html_browser.rs runs it:
//   node report.test.mjs REPORT.html REPORT.json HOSTILE.html OUT_DIR [LARGE.html [REVIEW.html REVIEW.json]]
// LARGE is a 1,000-source report (its size and time to first findings are
// printed); REVIEW is a report with fixed and accepted findings.
// Exit code 0 when every assertion holds; each failure is printed.
import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const [report, jsonPath, hostile, outDir, large, review, reviewJsonPath] = process.argv.slice(2);
if (!report || !jsonPath || !hostile || !outDir) {
  console.error('usage: node report.test.mjs REPORT.html REPORT.json HOSTILE.html OUT_DIR');
  process.exit(2);
}
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const json = JSON.parse(readFileSync(jsonPath, 'utf8'));
mkdirSync(outDir, { recursive: true });
setTimeout(() => { console.error('FAIL: timed out after 120 s'); process.exit(1); }, 120_000).unref();

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures += 1;
}

const browser = await chromium.launch({
  executablePath,
  headless: true,
  // What this machine's closed network needs: no background connections at all.
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

/** A page that records every request leaving file://, every dialog, CSP refusal and script error. */
async function open(file, viewport = { width: 1280, height: 900 }, hash = '') {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const seen = { network: [], dialogs: [], errors: [] };
  await context.route(/^(https?|wss?|ftp):/i, (route) => {
    seen.network.push(route.request().url());
    return route.abort();
  });
  page.on('request', (r) => {
    const url = r.url();
    if (!/^(file|data|about|blob):/i.test(url)) seen.network.push(url);
  });
  page.on('dialog', (d) => { seen.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on('pageerror', (e) => seen.errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || /Refused to|Content Security Policy/i.test(m.text())) {
      seen.errors.push(`console: ${m.text()}`);
    }
  });
  await page.goto(pathToFileURL(path.resolve(file)).href + hash);
  await page.waitForSelector('#count[data-shown]');
  return { context, page, seen };
}

const shown = async (page) => {
  // Draw every matching finding first: the list draws 50 at a time.
  await page.evaluate(() => {
    for (let i = 0; i < 1000; i++) {
      const more = document.querySelector('#finding-list button.more');
      if (!more) break;
      more.click();
    }
  });
  return page.locator('#finding-list article.finding').count();
};

/** Whether the first finding's heading is inside the first screen, unscrolled. */
async function firstFindingVisible(page) {
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = await page.locator('#finding-list article.finding h4').first().boundingBox();
  const { height } = page.viewportSize();
  return box !== null && box.y >= 0 && box.y + box.height <= height ? box : null;
}

/** Pairs of boxes of the SVG graph that overlap (text with text, box with box), and text outside its box. */
async function graphClashes(page, graph) {
  return graph.evaluate((svg) => {
    const clashes = [];
    const rect = (e) => e.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')].map(rect);
    const boxes = [...svg.querySelectorAll('rect')].map(rect);
    const meets = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    for (const list of [texts, boxes]) {
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          if (meets(list[i], list[j])) clashes.push([i, j]);
        }
      }
    }
    texts.forEach((t, i) => {
      const b = boxes[i];
      if (t.left < b.left || t.right > b.right || t.top < b.top - 1 || t.bottom > b.bottom + 1) clashes.push(['outside', i]);
    });
    return clashes;
  });
}
const counter = async (page) => Number(await page.getAttribute('#count', 'data-shown'));
async function settle(page) { await page.waitForTimeout(50); }

// ---- the seeds report -------------------------------------------------------
{
  const { context, page, seen } = await open(report);
  const total = json.findings.length;
  check(total > 0, `the JSON report has findings (${total})`);
  check(await shown(page) === total, `findings shown (${await shown(page)}) = JSON findings (${total})`);
  check(await counter(page) === total, 'the counter agrees');
  for (const viewport of [{ width: 1400, height: 1000 }, { width: 420, height: 900 }]) {
    const v = await open(report, viewport);
    const box = await firstFindingVisible(v.page);
    check(box !== null, `the first finding is visible without scrolling at ${viewport.width}x${viewport.height}${box ? ` (top ${Math.round(box.y)} px)` : ''}`);
    await v.context.close();
  }
  {
    const options = await page.locator('#filter-rule option, #filter-source option').allTextContents();
    check(options.every((o) => !/\(0\)$/.test(o)), 'no filter offers a rule or source without findings');
    const text = await page.locator('#count').innerText();
    check(text.startsWith(`${total} finding`), `the counter says what is drawn ("${text}")`);
  }

  // The graph of the first finding: its entity, its values, their sources.
  {
    const first = page.locator('#finding-list article.finding').first();
    const id = (await first.getAttribute('id')).slice(2);
    const finding = json.findings.find((f) => f.fingerprint === id);
    check(finding !== undefined, `the first finding (${id}) is in the JSON report`);
    await first.locator('.graph-button').click();
    const graph = first.locator('svg.focus');
    check(await graph.isVisible(), 'Show graph draws the finding\'s graph');
    const labels = await graph.locator('text').allTextContents();
    const values = finding.values.map((v) => v.value);
    const sources = [...new Set(finding.values.flatMap((v) => v.claims.map((c) => c.source.split('/').slice(-2).join('/'))))];
    check(values.every((v) => labels.includes(v)), `the graph shows every value ${JSON.stringify(values)}`);
    check(sources.every((s) => labels.includes(s)), `and every source, folder and file ${JSON.stringify(sources)}`);
    check(labels.length === 1 + values.length + sources.length, `and nothing else (${labels.length} labels)`);
    check(!labels.some((l) => /_/.test(l) && !values.includes(l) && !sources.includes(l)), 'no internal key is shown');
    const clashes = await graphClashes(page, graph);
    check(clashes.length === 0, `no two text boxes overlap, no text leaves its box ${JSON.stringify(clashes)}`);
    await first.locator('.graph-button').click();
    check(!(await graph.isVisible()), 'Hide graph hides it');
  }

  // Explanations live once, in the rules section; a finding links there.
  {
    await page.locator('#finding-list a.why').first().click();
    check(await page.evaluate(() => document.getElementById('rules-list').open), '"Why is this a contradiction?" opens the rules');
    check(await page.locator('dl.rules dt.current').isVisible(), 'and shows the finding\'s rule');
  }

  // The finer filters are folded under the search box; a reviewer opens them.
  await page.locator('#more-filters > summary').click();
  check(await page.locator('#filter-rule').isVisible(), 'Filters opens the rule, source, severity and status filters');

  // Severity and status checkboxes: unticking one hides exactly its findings.
  for (const [name, field] of [['severity', 'severity'], ['status', 'status']]) {
    const boxes = page.locator(`input[name="${name}"]`);
    let changed = false;
    for (let i = 0; i < await boxes.count(); i++) {
      const box = boxes.nth(i);
      const value = await box.getAttribute('value');
      const expected = json.findings.filter((f) => f[field] !== value).length;
      await box.uncheck();
      await settle(page);
      const got = await shown(page);
      check(got === expected, `${name} filter without "${value}": ${got} shown, ${expected} expected`);
      if (got !== total) changed = true;
      await box.check();
      await settle(page);
    }
    check(changed, `the ${name} filter changes what is visible`);
  }

  // Rule filter.
  {
    let changed = false;
    const options = await page.locator('#filter-rule option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
    for (const rule of options) {
      await page.selectOption('#filter-rule', rule);
      await settle(page);
      const expected = json.findings.filter((f) => f.rule === rule).length;
      check(expected > 0, `rule "${rule}" has findings`);
      const got = await shown(page);
      check(got === expected, `rule filter "${rule}": ${got} shown, ${expected} expected`);
      if (got !== total) changed = true;
    }
    await page.selectOption('#filter-rule', '');
    check(changed, 'the rule filter changes what is visible');
  }

  // Source filter.
  {
    let changed = false;
    const values = await page.locator('#filter-source option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
    for (const value of values) {
      const source = json.sources[Number(value)];
      await page.selectOption('#filter-source', value);
      await settle(page);
      const expected = json.findings.filter((f) => f.values.some((v) => v.claims.some((c) => c.source === source.path))).length;
      check(expected > 0, `source "${source.path}" has findings`);
      const got = await shown(page);
      check(got === expected, `source filter "${source.path}": ${got} shown, ${expected} expected`);
      if (got !== total) changed = true;
    }
    await page.selectOption('#filter-source', '');
    check(changed, 'the source filter changes what is visible');
  }

  // Search narrows, and every finding left contains the words.
  {
    // A word from some finding's message that the whole of some other finding lacks.
    const lower = json.findings.map((f) => JSON.stringify(f).toLowerCase());
    const words = [...new Set(json.findings.flatMap((f) => f.message.split(/[^\p{L}\p{N}]+/u)))].filter((w) => w.length >= 4);
    const word = words.find((w) => lower.filter((t) => t.includes(w.toLowerCase())).length < total) || words[0] || 'the';
    await page.fill('#search', word);
    await settle(page);
    const got = await shown(page);
    const texts = await page.locator('#finding-list article.finding').evaluateAll((as) => as.map((a) => a.textContent));
    check(got > 0 && got <= total, `search "${word}" keeps ${got} finding(s)`);
    check(texts.every((t) => t.toLowerCase().includes(word.toLowerCase())), 'every finding left mentions the search word');
    if (total > 1) check(got < total, `search "${word}" narrows the list (${got} < ${total})`);
    await page.fill('#search', 'no-such-words-anywhere');
    await settle(page);
    check(await shown(page) === 0, 'a search with no match shows nothing');
    check(await page.locator('#finding-list .note').count() === 1, 'and says so');
    await page.click('#reset');
    await settle(page);
    check(await shown(page) === total, 'Clear filters shows every finding again');
  }

  // Keyboard navigation and the URL fragment.
  {
    await page.locator('h1').click();
    await page.keyboard.press('j');
    const first = `#f-${await page.locator('#finding-list article.finding').nth(0).evaluate((a) => a.id.slice(2))}`;
    check(await page.evaluate(() => location.hash) === first, `j goes to the first finding (${first})`);
    check(await page.evaluate(() => document.activeElement && document.activeElement.classList.contains('finding')), 'and focuses it');
    await page.keyboard.press('g');
    check(await page.locator(`${first} svg.focus`).isVisible(), 'g opens the current finding\'s graph');
    await page.keyboard.press('g');
    if (total > 1) {
      await page.keyboard.press('n');
      const second = await page.evaluate(() => location.hash);
      check(second !== first && second.startsWith('#f-'), `n goes to the next finding (${second})`);
      await page.keyboard.press('k');
      check(await page.evaluate(() => location.hash) === first, 'k goes back');
    }
  }
  const lastId = await page.locator('#finding-list article.finding').last().getAttribute('id');

  // The per-source view: a location link opens the source at the claim.
  {
    await page.locator('#finding-list a.loc').first().click();
    check(await page.locator('#source-view mark.current').count() === 1, 'a file:line:column link opens the source at its claim');
    check(await page.locator('#source-view mark.conflict').count() > 0, 'the source view marks conflicting claims');
  }

  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(outDir, 'seeds.png'), fullPage: true });
  check(seen.dialogs.length === 0, 'no dialog opened');
  check(seen.network.length === 0, `no network request attempted ${JSON.stringify(seen.network)}`);
  check(seen.errors.length === 0, `no script error or CSP refusal ${JSON.stringify(seen.errors)}`);
  await context.close();

  // A pasted link lands on its finding.
  const linked = await open(report, undefined, `#${lastId}`);
  check(await linked.page.evaluate((id) => document.activeElement && document.activeElement.id === id, lastId),
    `opening the report at #${lastId} focuses that finding`);
  await linked.context.close();

  // Narrow screen (a phone, or 200% zoom on a 780 px window): nothing wider than the page.
  const narrow = await open(report, { width: 390, height: 800 });
  const overflow = await narrow.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `no horizontal scrolling at 390 px (overflow ${overflow}px)`);
  await narrow.page.locator('#finding-list .graph-button').first().click();
  const wide = await narrow.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(wide <= 0, `an open graph scrolls in its own box at 390 px (overflow ${wide}px)`);
  await narrow.page.screenshot({ path: path.join(outDir, 'seeds-narrow.png'), fullPage: false });
  await narrow.context.close();
}

// ---- a hostile source -------------------------------------------------------
{
  const { context, page, seen } = await open(hostile);
  await page.waitForTimeout(300);
  check(await shown(page) > 0, 'the hostile fixture has findings to render');
  check(await page.evaluate(() => document.scripts.length) === 3, 'only the report\'s three script elements exist');
  check(await page.locator('img, iframe, object, embed').count() === 0, 'no injected image or frame');
  check(await page.locator('[onerror], [onmouseover], [onload]').count() === 0, 'no injected event handler attribute');
  check(await page.locator('style').count() === 1, 'only the report\'s own style element');
  check(await page.locator('body').isVisible(), 'the injected "</style><style>body{display:none}" did not apply');
  const text = await page.locator('#finding-list').innerText();
  check(text.includes('<script>alert(1)</script>') || text.includes('"><img src=x onerror=alert(1)>'), 'hostile markup shows as text in the findings');
  for (let i = 0; i < await page.locator('#source-pick option').count(); i++) {
    await page.selectOption('#source-pick', String(i));
  }
  const sourceText = await page.locator('#source-view').innerText();
  check(sourceText.includes('</style>') && sourceText.includes('<b onmouseover=alert(1)>'), 'hostile markup shows as text in the source view');
  await page.screenshot({ path: path.join(outDir, 'hostile.png'), fullPage: true });
  await page.waitForTimeout(200);
  check(seen.dialogs.length === 0, `no dialog opened ${JSON.stringify(seen.dialogs)}`);
  check(seen.network.length === 0, `no network request attempted ${JSON.stringify(seen.network)}`);
  check(seen.errors.length === 0, `no script error or CSP refusal ${JSON.stringify(seen.errors)}`);
  await context.close();
}

// ---- fixed and accepted findings --------------------------------------------
if (review && reviewJsonPath) {
  const reviewJson = JSON.parse(readFileSync(reviewJsonPath, 'utf8'));
  const { context, page, seen } = await open(review);
  const listed = await page.locator('#review').innerText();
  const fixed = reviewJson.fixed || [];
  check(fixed.length > 0, `the review report has fixed findings (${fixed.length})`);
  for (const entry of fixed) {
    check(listed.includes(entry.fingerprint), `fixed finding ${entry.fingerprint} is listed with its fingerprint`);
  }
  check(/Fixed since the baseline/.test(listed), 'under a heading that says they are fixed');
  const summary = await page.locator('#summary').innerText();
  check(summary.includes(`${fixed.length} fixed`), `the summary counts them ("${summary}")`);
  const accepted = reviewJson.findings.filter((f) => f.status !== 'new');
  check(accepted.length > 0, `the review report has accepted findings (${accepted.length})`);
  for (const f of accepted) {
    check(listed.includes(f.fingerprint), `accepted finding ${f.fingerprint} is listed (${f.status})`);
  }
  const button = page.locator('#review button.copy').first();
  await button.click();
  await page.waitForTimeout(100);
  check(await button.getAttribute('data-copied') === 'true', 'a copy button copies');
  check(seen.errors.length === 0, `no script error or CSP refusal ${JSON.stringify(seen.errors)}`);
  await page.screenshot({ path: path.join(outDir, 'review.png'), fullPage: true });
  await context.close();
}

// ---- a 1,000-source report --------------------------------------------------
if (large) {
  const bytes = statSync(large).size;
  check(bytes < 5_000_000, `the 1,000-source report is under 5 MB (${(bytes / 1e6).toFixed(2)} MB)`);
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const started = Date.now();
  await page.goto(pathToFileURL(path.resolve(large)).href);
  await page.waitForSelector('#finding-list article.finding');
  const elapsed = Date.now() - started;
  const drawnAt = await page.evaluate(() => {
    const mark = performance.getEntriesByName('crosscheck-first-findings')[0];
    return mark ? Math.round(mark.startTime) : null;
  });
  console.log(`time to first findings, 1,000 sources: ${drawnAt} ms from navigation to the findings drawn (${elapsed} ms as the test waited)`);
  const drawn = await page.locator('#finding-list article.finding').count();
  const total = await counter(page);
  const text = await page.locator('#count').innerText();
  check(drawn < total ? text.startsWith(`${drawn} of ${total}`) : true, `the counter says ${drawn} of ${total} are drawn ("${text}")`);
  check(await firstFindingVisible(page) !== null, 'its first finding is visible without scrolling');
  // The per-story view: a story's button shows exactly its findings.
  const storyButton = page.locator('#stories button.story').first();
  const story = await storyButton.getAttribute('data-story');
  const expected = Number((await storyButton.innerText()).match(/\d+/)[0]);
  await storyButton.click();
  await settle(page);
  check(await counter(page) === expected, `the story button of ${story} shows its ${expected} finding(s) (${await counter(page)})`);
  const stories = await page.locator('#finding-list article.finding .meta').allTextContents();
  check(stories.length > 0 && stories.every((m) => m.includes(story)), 'and only that story\'s');
  await context.close();
}

await browser.close();
console.log(failures === 0 ? 'all browser checks passed' : `${failures} browser check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
