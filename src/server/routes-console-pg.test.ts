import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicies, policyByName } from '../adapters/policy/load-policies.js';
import { loadDefaultReferenceData } from '../adapters/refdata/default-reference-data.js';
import { DEFAULT_RULES, loadTargeting } from '../adapters/risk/load-targeting.js';
import { generateDay } from '../generate/index.js';
import type { ServerOptions } from './build-server.js';
import { type ApiHarness, aPgServer, aServer, pgReachable } from './test-support/harness.js';

// The console's reads (and the other reads of the API) on PostgreSQL answer exactly what they answer on
// SQLite: one generated day, with targeting, sent to a server on each store, then every read endpoint asked
// the same questions on both. The SQL dialects differ (JSON paths, IN lists, collation, aggregates); the
// answers may not.
const reachable = await pgReachable();
type Keyed = ApiHarness & { key(org: string, role?: 'filer' | 'officer' | 'analyst' | 'admin'): string };
const servers: { name: string; h: Keyed; keys: Map<string, string> }[] = [];
const DAY = '2025-08-20';

beforeAll(async () => {
  if (!reachable) return;
  const opts: Partial<ServerOptions> = {
    policy: policyByName('ace-2025-08-12', loadPolicies()).policy,
    ref: loadDefaultReferenceData({ riskRules: DEFAULT_RULES() }),
    targeting: loadTargeting(),
    clock: () => Date.parse('2026-01-05T12:00:00Z'),
  };
  const records = [...generateDay({ filings: 300, seed: 9, day: DAY }).records] as unknown as {
    type: string;
    id?: string;
    filer?: { code: string };
  }[];
  for (const [name, open] of [
    ['SQLite', () => aServer(opts)],
    ['PostgreSQL', () => aPgServer(opts)],
  ] as const) {
    const h: Keyed = await open();
    const keys = new Map<string, string>();
    for (const role of ['officer', 'analyst', 'admin'] as const) keys.set(role, h.key('CBP', role));
    const owner = new Map<string, string>();
    for (const r of records) {
      if (r.type === 'filing') owner.set(r.id!, r.filer!.code);
      const org = r.type === 'arrival' ? undefined : owner.get(r.id!)!;
      if (org !== undefined && !keys.has(org)) keys.set(org, h.key(org));
      const res = await h.call(keys.get(org ?? 'officer'), 'POST', '/v1/filings', r);
      expect(res.statusCode, res.body).toBeLessThan(300);
    }
    servers.push({ name, h, keys });
  }
  // A case worked to seizure on both, so dispositions and seizures show.
  for (const { h, keys } of servers) {
    const queue = (await h.call(keys.get('officer'), 'GET', '/v1/queue?status=withheld&limit=1')).json();
    const id = `${queue.rows[0].filingId}.v${queue.rows[0].version}`;
    for (const body of [
      { kind: 'start-exam', notes: 'x' },
      { kind: 'record-exam', result: 'seizure-worthy', notes: 'x', findings: ['F'] },
      { kind: 'close', disposition: 'seized', reason: 'x' },
    ]) {
      const r = await h.call(keys.get('officer'), 'POST', `/v1/cases/${id}/commands`, body);
      expect(r.statusCode, r.body).toBe(200);
    }
  }
}, 120_000);
afterAll(async () => {
  for (const s of servers) await s.h.close();
});

/** The same request to both servers; the two bodies. */
async function both(role: string, method: 'GET' | 'POST', url: string, body?: unknown) {
  const out = [];
  for (const { h, keys } of servers) {
    const r = await h.call(keys.get(role), method, url, body);
    expect(r.statusCode, `${url}: ${r.body}`).toBe(200);
    out.push(r.json());
  }
  // biome-ignore lint/suspicious/noExplicitAny: reply bodies, compared whole
  return out as [any, any];
}

/** Every row of a paged list, following `next`. */
async function pages(role: string, path: string) {
  const out = [];
  for (const { h, keys } of servers) {
    const rows: unknown[] = [];
    let after: string | null = null;
    for (let n = 0; n < 100; n++) {
      const sep = path.includes('?') ? '&' : '?';
      const url: string = `${path}${sep}limit=7${after === null ? '' : `&after=${encodeURIComponent(after)}`}`;
      const page = (await h.call(keys.get(role), 'GET', url)).json();
      rows.push(...page.rows);
      after = page.next;
      if (after === null) break;
    }
    out.push(rows);
  }
  return out as [unknown[], unknown[]];
}

describe.skipIf(!reachable)('console and API reads: PostgreSQL answers as SQLite does', () => {
  it('GET /v1/queue: held and withheld by score, filtered, paged with the cursor', async () => {
    const [s, p] = await pages('officer', '/v1/queue?status=held,withheld,released');
    expect(s.length).toBeGreaterThan(100);
    expect(p).toEqual(s);
    for (const q of ['?code=4M', '?lane=hold', '?origin=CN', '?port=4701', '?status=rejected']) {
      const [a, b] = await both('analyst', 'GET', `/v1/queue${q}`);
      expect(b, q).toEqual(a);
    }
  });

  it('GET /v1/filings: newest first, an officer’s and a filer’s own, paged', async () => {
    const [s, p] = await pages('officer', '/v1/filings');
    expect(s).toHaveLength(300);
    expect(p).toEqual(s);
    const filer = [...servers[0]!.keys.keys()].find((k) => !['officer', 'analyst', 'admin'].includes(k))!;
    const [a, b] = await pages(filer, '/v1/filings');
    expect(a.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });

  it('GET /v1/filings/{id} and /v1/parties/{key}: the shipment, its group, its day, shared addresses', async () => {
    const [queue] = await both('officer', 'GET', '/v1/queue?status=withheld,held,released&limit=20');
    for (const row of queue.rows as { filingId: string; filer: string }[]) {
      const [a, b] = await both('officer', 'GET', `/v1/filings/${row.filingId}`);
      expect(b).toEqual(a);
      const [fa, fb] = await both(row.filer, 'GET', `/v1/filings/${row.filingId}`);
      expect(fb).toEqual(fa);
      if (a.decision.party !== null) {
        const [pa, pb] = await both(
          'analyst',
          'GET',
          `/v1/parties/${encodeURIComponent(a.decision.party.key)}`,
        );
        expect(pa.filings.length).toBeGreaterThan(0);
        expect(pb).toEqual(pa);
      }
    }
  });

  it('GET /v1/dashboard: volumes, rates, top parties and seizures, over days', async () => {
    for (const q of ['', `?from=${DAY}&to=${DAY}`, '?from=2025-08-21']) {
      const [a, b] = await both('analyst', 'GET', `/v1/dashboard${q}`);
      expect(b, q).toEqual(a);
    }
    const [a] = await both('analyst', 'GET', '/v1/dashboard');
    expect(a.seizuresByCategory.length).toBe(1);
  });

  it('what-if: the stored days and a replay of one under two policies', async () => {
    const [a, b] = await both('analyst', 'GET', '/v1/simulate/datasets');
    expect(a.datasets.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
    const body = { dataset: `store:${a.datasets[0].day}`, policy: 'law', vs: 'ace-2025-08-12' };
    const [sa, sb] = await both('analyst', 'POST', '/v1/simulate', body);
    expect(sb).toEqual(sa);
    const [pa, pb] = await both('analyst', 'GET', '/v1/policies');
    expect(pb).toEqual(pa);
  });

  it('whoami and the pre-check answer the same (the pre-check stores nothing on either)', async () => {
    const filer = [...servers[0]!.keys.keys()].find((k) => !['officer', 'analyst', 'admin'].includes(k))!;
    const [wa, wb] = await both(filer, 'GET', '/v1/whoami');
    expect(wb).toEqual(wa);
    const [before] = await both('officer', 'GET', '/v1/filings?limit=1');
    const sample = generateDay({ filings: 5, seed: 77, day: DAY }).records;
    const lines = [...sample].map((r) => JSON.stringify(r)).join('\n');
    const out = [];
    for (const { h, keys } of servers) {
      const r = await h.app.inject({
        method: 'POST',
        url: '/v1/precheck',
        headers: { authorization: `Bearer ${keys.get(filer)}`, 'content-type': 'application/x-ndjson' },
        payload: `${lines}\n{oops\n`,
      });
      expect(r.statusCode).toBe(200);
      out.push(r.json());
    }
    expect(out[0].summary.records).toBeGreaterThan(5);
    expect(out[1]).toEqual(out[0]);
    const [after] = await both('officer', 'GET', '/v1/filings?limit=1');
    expect(after).toEqual(before);
  });

  it('cases, scorecards, messages, decisions and the audit log read the same', async () => {
    for (const url of [
      '/v1/cases?limit=500',
      '/v1/cases?state=closed-seized',
      '/v1/scorecards',
      '/v1/scorecards?subject=broker&period=day',
      '/v1/messages?limit=1000',
    ]) {
      const [a, b] = await both('officer', 'GET', url);
      expect(b, url).toEqual(a);
    }
    const [one] = await both('officer', 'GET', '/v1/cases?state=closed-seized');
    const id = one.cases[0].case.id as string;
    const [ca, cb] = await both('officer', 'GET', `/v1/cases/${id}`);
    expect(cb).toEqual(ca);
    const filing = one.cases[0].case.filingId as string;
    for (const url of [`/v1/filings/${filing}/decision`, `/v1/filings/${filing}/history`]) {
      const [a, b] = await both('analyst', 'GET', url);
      expect(b, url).toEqual(a);
    }
    // Keys were made by the test at its own clock; everything else at the servers' (the same) clock.
    const made = (r: { entries: { action: string; at: string }[] }) =>
      r.entries.map((e) => (e.action === 'key.create' ? { ...e, at: '' } : e));
    for (const url of ['/v1/audit?limit=1000', '/v1/audit/search?action=case.&limit=50']) {
      const [a, b] = await both('admin', 'GET', url);
      expect(a.entries.length).toBeGreaterThan(3);
      expect(made(b), url).toEqual(made(a));
    }
  });
});
