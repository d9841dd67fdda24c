import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// End to end in a real browser: the built CLI makes a demo store and prints a key per role, `minimis serve`
// serves the built console, headless Chromium drives it. Run after `npm run build` (as `npm test` does).
const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist/src/cli/main.js');
const artifacts = process.env.MINIMIS_ARTIFACTS ?? join(root, 'web/e2e/artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let dir: string;
let db: string;
let server: ChildProcess;
let url: string;
let browser: Browser;
const keys: Record<string, string> = {};
let filerOrg: string;

beforeAll(async () => {
  if (!existsSync(cli) || !existsSync(join(root, 'dist/web/index.html')))
    throw new Error('run `npm run build` first: the browser tests drive the built CLI and console');
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
  mkdirSync(artifacts, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'minimis-e2e-'));
  const demo = spawnText(['demo', '--filings', '1500', '--seed', '5', '--dir', join(dir, 'demo')]);
  for (const m of demo.matchAll(/^ {2}(officer|analyst|filer)\s+(\S+)\s+(mm_\S+)$/gm)) {
    keys[m[1]!] = m[3]!;
    if (m[1] === 'filer') filerOrg = m[2]!;
  }
  expect(Object.keys(keys).sort()).toEqual(['analyst', 'filer', 'officer']);
  db = join(dir, 'demo', 'minimis.db');
  server = spawn(process.execPath, [cli, 'serve', '--db', db, '--port', '0'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  url = await new Promise<string>((ok, fail) => {
    let err = '';
    server.stderr!.on('data', (b: Buffer) => {
      err += b.toString();
      const m = /listening on (http:\/\/\S+?)[ ,]/.exec(err);
      if (m !== null) ok(m[1]!);
    });
    server.on('exit', (code) => fail(new Error(`minimis serve exited ${code}: ${err}`)));
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

function spawnText(args: string[]): string {
  // The demo prints its summary and the keys on stderr.
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`minimis ${args.join(' ')} failed: ${r.stderr}`);
  return `${r.stdout}${r.stderr}`;
}

async function signIn(role: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (e) => {
    throw e;
  });
  await page.goto(`${url}/`);
  await page.getByLabel('API key').fill(keys[role]!);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.getByTestId('who').textContent()).toContain(role);
  return page;
}
const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

describe('the web console', () => {
  it('officer: works the queue, opens a shipment and acts on its case with confirmation', async () => {
    const page = await signIn('officer');
    await page.getByRole('link', { name: 'Work queue' }).click();
    const count = page.getByTestId('queue-count');
    await expect
      .poll(async () => Number((await count.textContent())?.replace(/,/g, '')), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await shot(page, 'officer-queue');
    await page.getByLabel('Code').fill('NO-SUCH-CODE');
    await expect.poll(() => count.textContent()).toBe('0');
    await page.getByLabel('Code').fill('');
    await page.getByRole('region', { name: 'Shipments' }).getByRole('link').first().click();
    await page.getByRole('heading', { name: /^Shipment / }).waitFor();
    await page.getByRole('heading', { name: /Consignee-day/ }).waitFor();
    await page.getByRole('heading', { name: /Risk: score/ }).waitFor();
    const open = page.getByRole('button', { name: 'Open a case' });
    const request = page.getByRole('button', { name: 'Request documents' });
    await Promise.race([open.waitFor(), request.waitFor()]);
    if (await open.isVisible()) await open.click();
    await request.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Reason / notes').fill('Please send the invoice and proof of payment.');
    await shot(page, 'officer-confirm');
    await dialog.getByRole('button', { name: 'Confirm: Request documents' }).click();
    await expect
      .poll(() => page.getByTestId('case-state').textContent(), { timeout: 10_000 })
      .toBe('awaiting-documents');
    await shot(page, 'officer-case');
    await page.close();
  });

  it('filer: uploads a manifest and sees every finding with its fix', async () => {
    const page = await signIn('filer');
    const good = new Database(db, { readonly: true })
      .prepare(
        'SELECT v.body FROM filing_versions v JOIN filing_state s ON s.id = v.id WHERE s.filer = ? LIMIT 1',
      )
      .get(filerOrg) as { body: string };
    const bad = {
      ...JSON.parse(good.body),
      id: 'E2E-BAD-1',
      lines: [{ ...JSON.parse(good.body).lines[0], hts: '12' }],
    };
    const file = join(dir, 'manifest.ndjson');
    writeFileSync(file, `${good.body}\n${JSON.stringify(bad)}\n`);
    await page.getByRole('link', { name: 'Check a manifest' }).click();
    await page.getByLabel('Manifest file').setInputFiles(file);
    await expect
      .poll(() => page.getByTestId('precheck-summary').textContent(), { timeout: 10_000 })
      .toMatch(/^2 records/);
    const table = page.getByTestId('precheck-table');
    await expect.poll(() => table.textContent()).toContain('/lines/0/hts');
    await shot(page, 'filer-precheck');
    await page.getByRole('link', { name: 'My filings' }).click();
    await page.getByRole('region', { name: 'Shipments' }).getByRole('link').first().waitFor();
    await page.getByRole('link', { name: 'Messages' }).click();
    await page.getByRole('heading', { name: 'Messages', exact: true }).waitFor();
    await shot(page, 'filer-messages');
    await page.close();
  });

  it('filer: cannot open another filer’s shipment by editing the URL', async () => {
    const other = new Database(db, { readonly: true })
      .prepare('SELECT id FROM filing_state WHERE filer <> ? AND (broker IS NULL OR broker <> ?) LIMIT 1')
      .get(filerOrg, filerOrg) as { id: string };
    const page = await signIn('filer');
    await page.goto(`${url}/#/shipment/${encodeURIComponent(other.id)}`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Not found');
    expect(await page.getByRole('heading', { name: /^Shipment / }).count()).toBe(0);
    await shot(page, 'filer-not-found');
    await page.close();
  });

  it('analyst: sees the dashboard and compares two policies', async () => {
    const page = await signIn('analyst');
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await expect.poll(() => page.getByTestId('kpi-filings').textContent(), { timeout: 10_000 }).toBe('1,500');
    await page.getByRole('img', { name: 'Daily volume by kind' }).waitFor();
    await shot(page, 'analyst-dashboard');
    await page.getByRole('link', { name: 'Policy what-if' }).click();
    await page.getByLabel('Policy B').selectOption('end-de-minimis');
    await page.getByRole('button', { name: 'Compare' }).click();
    await expect
      .poll(async () => Number((await page.getByTestId('whatif-changed').textContent())?.replace(/,/g, '')), {
        timeout: 60_000,
      })
      .toBeGreaterThan(0);
    await shot(page, 'analyst-whatif');
    await page.close();
  });
});
