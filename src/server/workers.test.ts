import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ServerStore } from '../adapters/storage/sqlite/server-store.js';
import { SqliteStore } from '../adapters/storage/sqlite/sqlite-store.js';
import { createKey } from './api-keys.js';
import { filingOf } from './test-support/harness.js';
import { builtCli, spawnServe } from './test-support/spawn-serve.js';

// The built command (npm test builds first): the same requests to a server preparing records on its own
// thread and to one preparing them on worker threads must get the same answers and store the same decisions.
const dir = mkdtempSync(join(tmpdir(), 'minimis-serve-workers-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

async function serve(workers: number): Promise<{ url: string; key: string; officer: string }> {
  const db = join(dir, `w${workers}.db`);
  const setup = new SqliteStore(db);
  const keys = new ServerStore(setup.db);
  const actor = { actor: 'test', org: null, role: null };
  const key = createKey(keys, { org: 'FLR1', role: 'filer' }, actor, '2026-01-01T00:00:00Z').key;
  const officer = createKey(keys, { org: 'CBP', role: 'officer' }, actor, '2026-01-01T00:00:00Z').key;
  setup.close();
  const { child, url } = await spawnServe([
    '--db',
    db,
    '--port',
    '0',
    '--no-hts',
    '--no-tariffs',
    '--policy',
    'ace-2025-08-12',
    '--workers',
    String(workers),
  ]);
  children.push(child);
  return { url, key, officer };
}

const filing = (id: string, value: number, name: string) =>
  filingOf('FLR1', id, {
    conveyanceId: 'CV-W',
    declaredValue: value,
    lines: [{ ...filingOf('FLR1', 'x').lines[0]!, value }],
    consignee: { ...filingOf('FLR1', 'x').consignee, name },
  });

/** Filings of a few consignees in an interleaved order, bad lines among them, then the arrival. */
function batchBody(): string {
  const lines: string[] = [];
  for (let i = 0; i < 1200; i++)
    lines.push(JSON.stringify(filing(`W${i}`, 90 + (i % 7) * 60, `PERSON ${i % 9} SMITH`)));
  lines.splice(17, 0, '{"type": "filing", "id": ');
  lines.splice(40, 0, '');
  lines.splice(41, 0, '   ');
  lines.splice(600, 0, JSON.stringify({ ...filing('BAD', 10, 'X'), lines: [] }));
  lines.splice(
    700,
    0,
    JSON.stringify({ ...filing('W3', 55, 'PERSON 3 SMITH'), type: 'amendment', version: 2 }),
  );
  lines.push(
    JSON.stringify({
      type: 'arrival',
      conveyanceId: 'CV-W',
      arrivedAt: '2025-08-20T17:00:00Z',
      port: '4701',
    }),
  );
  return lines.join('\n');
}

async function run(s: { url: string; key: string; officer: string }) {
  const auth = { authorization: `Bearer ${s.key}` };
  const batch = await fetch(`${s.url}/v1/filings:batch`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/x-ndjson' },
    body: batchBody(),
  });
  const results = await batch.text();
  const singles: string[] = [];
  for (const body of [
    JSON.stringify(filing('S1', 700, 'PERSON 1 SMITH')),
    JSON.stringify(filing('S1', 700, 'PERSON 1 SMITH')),
    '{"type":',
    JSON.stringify({ ...filing('S2', 10, 'Q'), extra: 1 }),
    JSON.stringify(filing('S3', 20, 'PERSON 2 SMITH'), null, 2),
  ]) {
    const r = await fetch(`${s.url}/v1/filings`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body,
    });
    singles.push(`${r.status} ${await r.text()}`);
  }
  const decisions: unknown[] = [];
  for (const id of ['W0', 'W3', 'W17', 'W500', 'W1199', 'S1', 'S3']) {
    const r = await fetch(`${s.url}/v1/filings/${id}/history`, {
      headers: { authorization: `Bearer ${s.officer}` },
    });
    decisions.push(await r.json());
  }
  return { results, singles, decisions };
}

describe.skipIf(!existsSync(builtCli))('`minimis serve --workers`', () => {
  it('answers and decides exactly as without workers, in request order', async () => {
    const [plain, pooled] = await Promise.all([serve(0), serve(2)]);
    const a = await run(plain);
    const b = await run(pooled);
    expect(b.results).toBe(a.results);
    expect(b.singles).toEqual(a.singles);
    expect(b.decisions).toEqual(a.decisions);
    // The run did what it should: withholds at arrival, malformed lines and a schema error reported.
    expect(a.results).toMatch(/"decisionsChanged":[1-9]/);
    expect(JSON.stringify(a.decisions)).toContain('"status":"withheld"');
    expect(a.results).toContain('JSON_MALFORMED');
    expect(a.results.trim().split('\n').at(-1)).toMatch(/^{"summary":{"lines":1206,"ok":1202,"failed":2}/);
    expect(a.singles.map((x) => x.slice(0, 3))).toEqual(['201', '200', '400', '400', '201']);
  }, 60_000);
});
