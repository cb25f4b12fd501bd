// The dashboard, end to end, in headless Chromium: log in with a token, see a fill arrive live over the alerts
// WebSocket, toggle a strategy and check the API shows the change, keep a screenshot. run.sh starts the stack and
// passes: PAPERTRADER_URL (the gateway), PAPERTRADER_TOKEN (a trader token), CHROMIUM (the browser binary),
// ARTIFACTS (where the screenshot goes).
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const base = process.env.PAPERTRADER_URL;
const token = process.env.PAPERTRADER_TOKEN;
const artifacts = process.env.ARTIFACTS;
const executablePath = process.env.CHROMIUM;
for (const [name, value] of Object.entries({ PAPERTRADER_URL: base, PAPERTRADER_TOKEN: token, ARTIFACTS: artifacts, CHROMIUM: executablePath })) {
  if (!value) throw new Error(`${name} is not set (run ./run.sh)`);
}
mkdirSync(artifacts, { recursive: true });

const results = [];
async function step(name, action) {
  const started = Date.now();
  try {
    await action();
    results.push(`ok - ${name} (${Date.now() - started} ms)`);
    console.log(`dashboard-e2e: ok - ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    console.log(`dashboard-e2e: not ok - ${name}: ${error.message}`);
    throw error;
  }
}

async function api(path, options = {}) {
  const response = await fetch(base + path, {
    method: options.method || 'GET',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (!response.ok) throw new Error(`${options.method || 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
const consoleErrors = [];
page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()); });
page.on('pageerror', (error) => consoleErrors.push(error.message));
let failed = false;
try {
  await step('the page asks for a token, and a bad one is refused', async () => {
    await page.goto(base + '/');
    await page.locator('#login-view').waitFor({ state: 'visible' });
    await page.fill('#token', 'not-a-token');
    await page.click('#login button[type=submit]');
    await page.locator('#login-error', { hasText: 'refused' }).waitFor({ timeout: 10000 });
  });

  await step('logging in with a trader token shows the dashboard and a live alerts connection', async () => {
    await page.fill('#token', token);
    await page.click('#login button[type=submit]');
    await page.locator('#dashboard-view').waitFor({ state: 'visible', timeout: 15000 });
    await page.locator('#login-view').waitFor({ state: 'hidden', timeout: 5000 });
    await page.locator('#connection[data-state="live"]').waitFor({ timeout: 15000 });
    await page.locator('#watchlist tbody tr').first().waitFor({ timeout: 10000 });
  });

  await step('starting the feed from the dashboard brings a fill live over the WebSocket', async () => {
    await page.fill('#feed-speed', '20');
    await page.click('#feed-start');
    await page.locator('#fills tbody tr[data-live="true"]').first().waitFor({ timeout: 60000 });
    await page.locator('#alerts li[data-type="fill"]').first().waitFor({ timeout: 5000 });
    const fills = await api('/api/orders/fills?size=500');
    const liveId = await page.locator('#fills tbody tr[data-live="true"]').first().getAttribute('data-fill-id');
    if (!fills.items.some((fill) => fill.id === liveId)) throw new Error(`fill ${liveId} is not in GET /api/orders/fills`);
  });

  await step('the equity curve and the positions follow the portfolio updates', async () => {
    await page.locator('#equity-chart canvas').waitFor({ timeout: 10000 });
    await page.locator('#alerts li[data-type="portfolio"]').first().waitFor({ timeout: 15000 });
    const figures = await page.textContent('#equity-figures');
    if (!/points/.test(figures)) throw new Error(`no equity figures: ${figures}`);
  });

  await step('toggling a strategy off changes the watchlist in the API', async () => {
    const toggle = page.locator('#watchlist input[type=checkbox]').first();
    const id = await toggle.getAttribute('data-watchlist-id');
    if (!(await toggle.isChecked())) throw new Error(`watchlist entry ${id} is already off`);
    await toggle.click();
    await page.locator(`#watchlist input[data-watchlist-id="${id}"][data-saved="false"]`).waitFor({ timeout: 10000 });
    const entries = await api('/api/monitor/watchlist');
    const entry = entries.find((candidate) => String(candidate.id) === id);
    if (!entry || entry.enabled !== false) throw new Error(`GET /api/monitor/watchlist still shows ${JSON.stringify(entry)}`);
  });

  await step('the kill switch halts and resumes the router', async () => {
    await page.fill('#halt-reason', 'dashboard e2e');
    await page.click('#halt');
    await page.locator('#halt-state[data-halted="true"]').waitFor({ timeout: 10000 });
    if (!(await api('/api/router/status')).halted) throw new Error('the router is not halted');
    await page.click('#resume');
    await page.locator('#halt-state[data-halted="false"]').waitFor({ timeout: 10000 });
  });

  await step('a screenshot is kept', async () => {
    await page.screenshot({ path: join(artifacts, 'dashboard.png'), fullPage: true });
  });

  if (consoleErrors.length) {
    console.log(`dashboard-e2e: browser console errors:\n  ${consoleErrors.join('\n  ')}`);
  }
} catch (error) {
  failed = true;
  await page.screenshot({ path: join(artifacts, 'dashboard-failure.png'), fullPage: true }).catch(() => {});
  console.log(`dashboard-e2e: failure screenshot in ${join(artifacts, 'dashboard-failure.png')}`);
  if (consoleErrors.length) console.log(`dashboard-e2e: browser console errors:\n  ${consoleErrors.join('\n  ')}`);
} finally {
  await browser.close();
}
console.log(`dashboard-e2e: ${results.length} passed, ${failed ? 1 : 0} failed`);
process.exit(failed ? 1 : 0);
