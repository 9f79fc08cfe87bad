// Drives the dashboard in Debian's chromium for DashboardE2E (JUnit starts the server and reads
// this script's stdout). Protocol, one line each:
//   STEP <name>                 a step begins
//   READY <points>              the canary page shows its charts; the test now adds ticks
//   POINTS <before> <after>     the weight chart gained points live
//   CONSOLE <type> <text>       a console error or page error the test must judge
//   OK                          every step passed (exit 0); FAIL <reason> otherwise (exit 1)
// Environment: SLUICE_URL, SLUICE_TOKEN, SHOT_DIR (screenshots), CHROMIUM (default /usr/bin/chromium).
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const url = process.env.SLUICE_URL;
const token = process.env.SLUICE_TOKEN;
const shots = process.env.SHOT_DIR || 'target/browser-screenshots';
const TIMEOUT = 20_000;
mkdirSync(shots, { recursive: true });

const say = (line) => process.stdout.write(`${line}\n`);
const profile = mkdtempSync(join(tmpdir(), 'sluice-chromium-'));
let context;
let page;

async function step(name, fn) {
  say(`STEP ${name}`);
  await fn();
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

async function main() {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1400, height: 1000 },
  });
  page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('console', (m) => { if (m.type() === 'error') say(`CONSOLE error ${m.text().replace(/\n/g, ' ')}`); });
  page.on('pageerror', (e) => say(`CONSOLE pageerror ${String(e).replace(/\n/g, ' ')}`));

  await step('overview', async () => {
    await page.goto(`${url}/#/overview`);
    await page.getByRole('heading', { name: 'Needs attention' }).waitFor();
    await page.locator('main table').first().getByText('faces/broken').waitFor();
    await page.locator('#live.on').waitFor();
  });

  await step('kustomizations', async () => {
    await page.goto(`${url}/#/kustomizations`);
    await page.waitForFunction(() => document.querySelector('#ks-graph')?.dataset.nodes === '4');
    const edges = await page.locator('#ks-graph').getAttribute('data-edges');
    if (edges !== '5') throw new Error(`dependency graph has ${edges} edges, expected 5`);
  });

  await step('canary-live', async () => {
    await page.goto(`${url}/#/canaries/faces/face`);
    const weight = page.locator('#chart-weight');
    await weight.waitFor();
    const before = Number(await weight.getAttribute('data-points'));
    say(`READY ${before}`);
    await page.waitForFunction((n) => Number(document.querySelector('#chart-weight').dataset.points) >= n + 3, before);
    await page.waitForFunction(() => Number(document.querySelector('canvas[data-metric="request-success-rate"]')?.dataset.points) >= 3);
    const after = Number(await weight.getAttribute('data-points'));
    say(`POINTS ${before} ${after}`);
    await page.locator('.timeline').getByText('Advance face.faces canary weight 30').first().waitFor();
  });

  await step('unauthorized', async () => {
    await page.locator('button[data-action="promote"]').click();
    await page.locator('#toast.error').filter({ hasText: '401' }).waitFor();
  });

  await step('promote-with-token', async () => {
    await page.fill('#token', token);
    await page.click('#token-form button[type="submit"]');
    await page.locator('#token-state').filter({ hasText: 'token set' }).waitFor();
    await page.locator('button[data-action="promote"]').click();
    await page.locator('#toast.show:not(.error)').filter({ hasText: 'promote requested' }).waitFor();
    await page.getByText('promote@').first().waitFor();
  });

  await step('approve-gate', async () => {
    await page.goto(`${url}/#/canaries/faces/faces-gui`);
    await page.locator('button[data-action="approve"]').click();
    await page.locator('#toast.show:not(.error)').filter({ hasText: 'gate opened' }).waitFor();
  });

  await step('events', async () => {
    await page.goto(`${url}/#/events`);
    await page.getByRole('heading', { name: 'Events' }).waitFor();
    await page.fill('input[name="q"]', 'weight 30');
    await page.click('form.filters button[type="submit"]');
    await page.locator('main table').getByText('Advance face.faces canary weight 30').waitFor();
  });

  await step('workloads', async () => {
    await page.goto(`${url}/#/workloads`);
    await page.locator('main table').getByText('81.5%').waitFor();
  });
}

try {
  await main();
  say('OK');
  await context.close();
  process.exitCode = 0;
} catch (e) {
  say(`FAIL ${String(e.message || e).split('\n')[0]}`);
  if (page) await page.screenshot({ path: join(shots, 'failure.png'), fullPage: true }).catch(() => {});
  if (context) await context.close().catch(() => {});
  process.exitCode = 1;
} finally {
  rmSync(profile, { recursive: true, force: true });
}
