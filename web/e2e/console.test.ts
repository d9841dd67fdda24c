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
  for (const m of demo.matchAll(/^ {2}(officer|analyst|filer|admin)\s+(\S+)\s+(mm_\S+)$/gm)) {
    keys[m[1]!] = m[3]!;
    if (m[1] === 'filer') filerOrg = m[2]!;
  }
  expect(Object.keys(keys).sort()).toEqual(['admin', 'analyst', 'filer', 'officer']);
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

async function newPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (e) => {
    throw e;
  });
  await page.goto(`${url}/`);
  return page;
}

async function signIn(role: string, key = keys[role]!): Promise<Page> {
  const page = await newPage();
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.getByTestId('who').textContent()).toContain(role);
  return page;
}

/** The filing the officer asks documents for; the filer answers and disputes it, the officer reads that. */
let requested: string;
const ANSWER = 'Invoice 4411 attached; the buyer paid by card on 2025-08-18.';
const DISPUTE = 'The goods are a gift for a relative, not a commercial shipment.';
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
    // A shipment the demo filer files (not only brokers), so that the filer can answer the request.
    await page.getByLabel('Filer or broker').fill(filerOrg);
    const row = page
      .getByRole('region', { name: 'Shipments' })
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: filerOrg, exact: true }) })
      .first();
    const link = row.getByRole('link');
    requested = (await link.textContent())!;
    await link.click();
    await page.getByRole('heading', { name: `Shipment ${requested}`, exact: false }).waitFor();
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

  it('filer: answers the document request with a note and a document, then disputes; the case moves', async () => {
    const page = await signIn('filer');
    await page.getByRole('link', { name: 'Messages' }).click();
    await page.getByRole('link', { name: `Answer the request for ${requested}` }).click();
    await page.getByRole('heading', { name: /^Shipment / }).waitFor();
    const state = page.getByTestId('case-state');
    await expect.poll(() => state.textContent()).toBe('awaiting-documents');
    await page.getByRole('button', { name: 'Answer the document request' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Your answer').fill(ANSWER);
    await dialog.getByRole('button', { name: 'Add a document' }).click();
    await dialog.getByLabel('Document 1 name').fill('commercial invoice');
    await dialog.getByLabel('Document 1 reference').fill('invoice-4411.pdf');
    await shot(page, 'filer-answer');
    await dialog.getByRole('button', { name: 'Confirm: Answer the document request' }).click();
    await expect.poll(() => state.textContent(), { timeout: 10_000 }).toBe('documents-received');
    expect(await page.getByTestId('document-answer').textContent()).toContain(ANSWER);
    // Answered requests cannot be answered twice; a dispute is still open to the filer.
    expect(await page.getByRole('button', { name: 'Answer the document request' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Dispute the decision' }).click();
    await dialog.getByLabel('Why you dispute the decision').fill(DISPUTE);
    await dialog.getByRole('button', { name: 'Confirm: Dispute the decision' }).click();
    await expect.poll(() => state.textContent(), { timeout: 10_000 }).toBe('disputed');
    await shot(page, 'filer-disputed');
    await page.getByRole('link', { name: 'Messages' }).click();
    const req = page.getByTestId('document-requests').getByRole('row').filter({ hasText: requested });
    await expect.poll(() => req.getByRole('cell').nth(1).textContent()).toBe('disputed');
    expect(await req.getByRole('cell').nth(5).textContent()).toMatch(
      /^answered \d{4}-\d{2}-\d{2} \d{2}:\d{2} ET/,
    );
    await page.close();
  });

  it('officer: sees the filer’s answer and dispute on the shipment and answers the dispute', async () => {
    const page = await signIn('officer');
    await page.goto(`${url}/#/shipment/${encodeURIComponent(requested)}`);
    const answer = page.getByTestId('document-answer');
    await expect.poll(() => answer.textContent(), { timeout: 10_000 }).toContain(ANSWER);
    expect(await answer.textContent()).toContain('invoice-4411.pdf');
    expect(await page.getByTestId('disputes').textContent()).toContain(DISPUTE);
    await page.getByRole('button', { name: 'Answer the dispute' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Accept the dispute').check();
    await dialog.getByLabel('Answer to the filer').fill('Accepted: the invoice shows a personal gift.');
    await dialog.getByRole('button', { name: 'Confirm: Answer the dispute' }).click();
    // Answering the dispute resumes the state it was raised in.
    await expect
      .poll(() => page.getByTestId('case-state').textContent(), { timeout: 10_000 })
      .toBe('documents-received');
    await shot(page, 'officer-answered');
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

  it('admin: creates a key shown once, revokes it (it can no longer sign in), suspends a filer, reads the audit log', async () => {
    const page = await signIn('admin');
    await page.getByRole('heading', { name: 'API keys' }).waitFor();
    const create = page.getByRole('form', { name: 'Create a key' });
    await create.getByLabel('Organization').fill('E2EORG');
    await create.getByLabel('Role').selectOption('analyst');
    await create.getByLabel('Label (optional)').fill('browser test');
    await create.getByRole('button', { name: 'Create key' }).click();
    const value = page.getByTestId('new-key-value');
    await value.waitFor();
    const made = await value.inputValue();
    expect(made).toMatch(/^mm_/);
    const id = Number(/Key (\d+) for E2EORG/.exec((await page.getByTestId('new-key').textContent())!)?.[1]);
    await shot(page, 'admin-key-created');
    // The new key works.
    const other = await signIn('analyst', made);
    await other.close();
    await page.getByRole('button', { name: 'I have saved it — hide' }).click();
    expect(await page.getByTestId('new-key').count()).toBe(0);
    // By keyboard: Enter on the row's button opens the confirmation, Escape cancels it and nothing changes.
    const revokeButton = page.getByRole('button', { name: `Revoke key ${id} (E2EORG · analyst)` });
    await revokeButton.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await page.locator(`tr[data-key-id="${id}"]`).textContent()).toContain('active');
    await revokeButton.click();
    await shot(page, 'admin-revoke-confirm');
    await dialog.getByRole('button', { name: 'Confirm: Revoke key' }).click();
    await expect
      .poll(() => page.getByRole('status').allTextContents())
      .toContain(`Key ${id} (E2EORG · analyst) revoked.`);
    await page.getByLabel('Revoked keys too').check();
    await expect
      .poll(() => page.locator(`tr[data-key-id="${id}"]`).textContent())
      .toMatch(/revoked \d{4}-\d{2}-\d{2} \d{2}:\d{2} ET \(E[SD]T\)/);
    // The revoked key is refused at sign-in.
    const refused = await newPage();
    await refused.getByLabel('API key').fill(made);
    await refused.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => refused.getByRole('alert').textContent()).toContain('revoked');
    expect(await refused.getByTestId('who').count()).toBe(0);
    await refused.close();

    await page.getByRole('link', { name: 'Suspensions' }).click();
    const form = page.getByTestId('suspend-form');
    await form.getByLabel('Filer code').fill('E2EFLR');
    await form.getByLabel('Category').selectOption('undervaluation');
    await form
      .getByLabel(/^Reason/)
      .fill('Declared values a tenth of the marketplace price on 40 shipments.');
    await form.getByLabel('Remedial plan: summary').fill('Verify values against the order before filing.');
    await form.getByLabel(/actions required/).fill('Train staff\nAudit 100 filings a month');
    await form.getByRole('button', { name: 'Suspend…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm: Suspend' }).click();
    await expect.poll(() => page.getByTestId('suspension-done').textContent()).toContain('E2EFLR suspended');
    const row = page.getByTestId('suspensions-table').getByRole('row', { name: /E2EFLR/ });
    expect(await row.textContent()).toContain('Verify values against the order before filing.');
    expect(await row.getByRole('cell').nth(0).textContent()).toBe('suspended');
    await shot(page, 'admin-suspended');

    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByLabel('Action').selectOption('key.revoke');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const audit = page.getByTestId('audit-table');
    // Only the one revocation: the header row and one entry, naming the key and the admin who did it.
    await expect.poll(() => audit.getByRole('row').count()).toBe(2);
    expect(await audit.getByRole('row').nth(1).textContent()).toMatch(
      new RegExp(`key:\\d+ · CBP · adminkey\\.revokekey:${id}`),
    );
    await page.getByLabel('Action').selectOption('suspension.');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect
      .poll(() => audit.getByRole('row').nth(1).textContent())
      .toContain('suspension.suspendE2EFLR');
    await shot(page, 'admin-audit');
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
