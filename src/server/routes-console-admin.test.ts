import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aServer, filingOf, type Harness } from './test-support/harness.js';

// The clock moves one hour per call, so the entries fall on known U.S. Eastern days:
// 2026-01-05T03:00Z is still 2026-01-04 in New York (EST, UTC-5).
let t = Date.parse('2026-01-05T03:00:00Z');
let h: Harness;
let admin: string;
let flr: string;
let officer: string;

type Entry = { id: number; action: string; actor: string; target: string | null; at: string };
const search = async (key: string, query: string) => {
  const r = await h.call(key, 'GET', `/v1/audit/search${query}`);
  return { status: r.statusCode, body: r.json() as { entries: Entry[]; next: number | null } };
};

beforeAll(async () => {
  h = await aServer({
    clock: () => {
      t += 3_600_000;
      return t;
    },
  });
  admin = h.key('ops', 'admin');
  flr = h.key('FLR1');
  officer = h.key('CBP', 'officer');
  for (const id of ['F1', 'F2', 'F3'])
    expect((await h.call(flr, 'POST', '/v1/filings', filingOf('FLR1', id))).statusCode).toBe(201);
  for (const org of ['K1', 'K2', 'K3']) {
    const created = await h.call(admin, 'POST', '/v1/keys', { org, role: 'filer' });
    expect(created.statusCode).toBe(201);
    if (org === 'K2') await h.call(admin, 'DELETE', `/v1/keys/${created.json().id}`);
  }
});
afterAll(() => h.close());

describe('GET /v1/audit/search', () => {
  it('lists newest first and pages back with the cursor, without repeats or gaps', async () => {
    const all = (await search(admin, '?limit=500')).body.entries;
    expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((a, b) => b - a));
    const seen: number[] = [];
    let before: number | null = null;
    do {
      const page: { entries: Entry[]; next: number | null } = (
        await search(admin, `?limit=2${before === null ? '' : `&before=${before}`}`)
      ).body;
      expect(page.entries.length).toBeLessThanOrEqual(2);
      seen.push(...page.entries.map((e) => e.id));
      before = page.next;
    } while (before !== null);
    expect(seen).toEqual(all.map((e) => e.id));
  });

  it('filters by action, action family, actor and target', async () => {
    const revokes = (await search(admin, '?action=key.revoke')).body.entries;
    expect(revokes).toHaveLength(1);
    const keys = (await search(admin, '?action=key.')).body.entries;
    expect(new Set(keys.map((e) => e.action))).toEqual(new Set(['key.create', 'key.revoke']));
    // The three keys the admin made and the one it revoked; the harness's own keys are by `test`.
    const adminId = h.server.keys().find((k) => k.role === 'admin')!.id;
    expect((await search(admin, `?action=key.&actor=key:${adminId}`)).body.entries).toHaveLength(4);
    const f2 = (await search(admin, '?target=F2')).body.entries;
    expect(f2.map((e) => [e.action, e.target])).toEqual([['filing.submit', 'F2']]);
    expect((await search(admin, '?action=filing.submit&org=NOBODY')).body.entries).toEqual([]);
  });

  it('filters by U.S. Eastern day', async () => {
    const all = (await search(admin, '?limit=500')).body.entries;
    const day = (iso: string) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date(iso));
    const first = day(all.at(-1)!.at);
    const only = (await search(admin, `?from=${first}&to=${first}&limit=500`)).body.entries;
    expect(only.length).toBeGreaterThan(0);
    expect(only.every((e) => day(e.at) === first)).toBe(true);
    expect(only).toEqual(all.filter((e) => day(e.at) === first));
    expect((await search(admin, '?from=2099-01-01')).body.entries).toEqual([]);
  });

  it('is for admins only and refuses bad queries', async () => {
    expect((await search(officer, '')).status).toBe(403);
    expect((await search(flr, '')).status).toBe(403);
    expect((await search(admin, '?from=2026-01-09&to=2026-01-01')).status).toBe(400);
    expect((await search(admin, '?from=2026-02-30')).status).toBe(400);
    expect((await search(admin, '?action=DROP TABLE')).status).toBe(400);
  });
});
