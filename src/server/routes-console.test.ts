import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerStaticConsole } from './static-console.js';
import { aServer, filingOf, type Harness } from './test-support/harness.js';

// Two filers: FLRA files A1 and A2 ($500 each, same consignee, same conveyance), FLRB files B1 ($900) to
// another consignee. After the arrival A2 and B1 are withheld (4M): A2 because it takes the day to $1,000.
let h: Harness;
let a: string;
let b: string;
let officer: string;
let analyst: string;
const line = filingOf('X', 'x').lines[0]!;
const priced = (filer: string, id: string, usd: number, consignee?: string) =>
  filingOf(filer, id, {
    declaredValue: usd,
    lines: [{ ...line, value: usd }],
    ...(consignee === undefined
      ? {}
      : {
          consignee: {
            ...filingOf('X', 'x').consignee,
            name: consignee,
            address: { ...filingOf('X', 'x').consignee.address, line1: '9 Other Rd' },
          },
        }),
  });

beforeAll(async () => {
  h = await aServer();
  a = h.key('FLRA');
  b = h.key('FLRB');
  officer = h.key('CBP', 'officer');
  analyst = h.key('CBP', 'analyst');
  for (const [key, f] of [
    [a, priced('FLRA', 'A1', 500)],
    [a, priced('FLRA', 'A2', 500)],
    [b, priced('FLRB', 'B1', 900, 'Zed Quill')],
  ] as const)
    expect((await h.call(key, 'POST', '/v1/filings', f)).statusCode).toBe(201);
  const arrivedAt = '2025-08-20T14:00:00Z';
  for (const [key, conveyanceId] of [
    [a, 'CV-FLRA'],
    [b, 'CV-FLRB'],
  ] as const)
    expect(
      (await h.call(key, 'POST', '/v1/filings', { type: 'arrival', conveyanceId, arrivedAt, port: '2704' }))
        .statusCode,
    ).toBe(200);
});
afterAll(() => h.close());

describe('GET /v1/whoami', () => {
  it('names the organization and role of the key', async () => {
    const me = (await h.call(a, 'GET', '/v1/whoami')).json();
    expect(me).toEqual({ org: 'FLRA', role: 'filer', keyId: expect.any(Number) });
    expect(h.server.key(me.keyId)?.org).toBe('FLRA');
    expect((await h.call(officer, 'GET', '/v1/whoami')).json()).toMatchObject({
      org: 'CBP',
      role: 'officer',
    });
    expect((await h.call(undefined, 'GET', '/v1/whoami')).statusCode).toBe(401);
  });
});

describe('GET /v1/queue', () => {
  it('lists withheld and held shipments for officers, highest score first, with filters and a cursor', async () => {
    const all = (await h.call(officer, 'GET', '/v1/queue')).json();
    expect(all.rows.map((r: { filingId: string }) => r.filingId).sort()).toEqual(['A2', 'B1']);
    expect(all.rows[0]).toMatchObject({
      status: 'withheld',
      codes: expect.arrayContaining(['4M']),
      port: '2704',
    });
    const byFiler = (await h.call(analyst, 'GET', '/v1/queue?filer=FLRB')).json();
    expect(byFiler.rows.map((r: { filingId: string }) => r.filingId)).toEqual(['B1']);
    expect((await h.call(officer, 'GET', '/v1/queue?code=NOPE')).json().rows).toEqual([]);
    const first = (await h.call(officer, 'GET', '/v1/queue?limit=1')).json();
    expect(first.rows).toHaveLength(1);
    const second = (
      await h.call(officer, 'GET', `/v1/queue?limit=1&after=${encodeURIComponent(first.next)}`)
    ).json();
    expect(second.rows).toHaveLength(1);
    expect(second.rows[0].filingId).not.toBe(first.rows[0].filingId);
    const released = (await h.call(officer, 'GET', '/v1/queue?status=released')).json();
    expect(released.rows.map((r: { filingId: string }) => r.filingId)).toEqual(['A1']);
  });

  it('is not for filers, and refuses a cursor it did not give', async () => {
    const r = await h.call(a, 'GET', '/v1/queue');
    expect([r.statusCode, r.json().error.code]).toEqual([403, 'FORBIDDEN']);
    const bad = await h.call(officer, 'GET', '/v1/queue?after=garbage');
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'SCHEMA_INVALID']);
  });
});

describe('GET /v1/filings', () => {
  it('gives a filer only its own filings, without lanes or scores', async () => {
    const r = (await h.call(a, 'GET', '/v1/filings')).json();
    expect(r.rows.map((x: { filingId: string }) => x.filingId).sort()).toEqual(['A1', 'A2']);
    expect(
      r.rows.every((x: { lane: string; score: unknown }) => x.lane === 'unassigned' && x.score === null),
    ).toBe(true);
    expect((await h.call(officer, 'GET', '/v1/filings')).json().rows).toHaveLength(3);
  });
});

describe('GET /v1/filings/:id', () => {
  it('shows an officer the filed record, the consignee group and the day in manifest order', async () => {
    const r = await h.call(officer, 'GET', '/v1/filings/A2');
    expect(r.statusCode).toBe(200);
    const s = r.json();
    expect(s.filed.id).toBe('A2');
    expect(s.decision.status).toBe('withheld');
    expect(s.group.variants.length).toBeGreaterThan(0);
    expect(
      s.day.filings.map((f: { filingId: string; totalUsd: number }) => [f.filingId, f.totalUsd]),
    ).toEqual([
      ['A1', 500],
      ['A2', 1000],
    ]);
    expect(s.sharedAddress).toEqual([]);
  });

  it('is "not found" for another filer’s shipment, exactly like a missing one', async () => {
    const theirs = await h.call(a, 'GET', '/v1/filings/B1');
    const missing = await h.call(a, 'GET', '/v1/filings/NOPE');
    expect([theirs.statusCode, theirs.json().error.code]).toEqual([404, 'NOT_FOUND']);
    expect(missing.statusCode).toBe(404);
  });

  it('shows a filer its own shipment without the group, other parties or targeting', async () => {
    const s = (await h.call(b, 'GET', '/v1/filings/B1')).json();
    expect(s.group).toBeNull();
    expect(s.sharedAddress).toEqual([]);
    expect(s.decision.lane).toBe('unassigned');
    expect(s.day.filings.map((f: { filingId: string }) => f.filingId)).toEqual(['B1']);
  });
});

describe('GET /v1/parties/:key', () => {
  it('gives officers a group with its filings; filers are refused', async () => {
    const key = (await h.call(officer, 'GET', '/v1/filings/A1')).json().decision.party.key as string;
    const r = (await h.call(officer, 'GET', `/v1/parties/${encodeURIComponent(key)}`)).json();
    expect(r.filings.map((f: { filingId: string }) => f.filingId)).toEqual(['A1', 'A2']);
    expect((await h.call(a, 'GET', `/v1/parties/${encodeURIComponent(key)}`)).statusCode).toBe(403);
    expect((await h.call(officer, 'GET', '/v1/parties/nobody')).statusCode).toBe(404);
  });
});

describe('GET /v1/dashboard', () => {
  it('counts shipments by day, kind and status, and ranks non-compliant filers', async () => {
    const d = (await h.call(analyst, 'GET', '/v1/dashboard')).json();
    expect(d.filings).toBe(3);
    expect(d.byDay).toEqual([{ day: '2025-08-20', type86: 3, manifest321: 0, postal: 0 }]);
    expect(d.rates.withheld4M).toBeCloseTo(2 / 3);
    expect(d.topFilers.map((p: { code: string; nonCompliant: number }) => [p.code, p.nonCompliant])).toEqual([
      ['FLRB', 1],
      ['FLRA', 1],
    ]);
    expect((await h.call(analyst, 'GET', '/v1/dashboard?from=2025-08-21')).json().filings).toBe(0);
    expect((await h.call(a, 'GET', '/v1/dashboard')).statusCode).toBe(403);
  });
});

describe('POST /v1/precheck', () => {
  const send = (key: string, type: string, payload: string) =>
    h.app.inject({
      method: 'POST',
      url: '/v1/precheck',
      headers: { authorization: `Bearer ${key}`, 'content-type': type },
      payload,
    });

  it('reports every finding per line with its fix, and stores nothing', async () => {
    const before = h.store.count('filing_state');
    const good = priced('FLRA', 'P1', 20);
    const bad = { ...priced('FLRA', 'P2', 20), lines: [{ ...line, hts: '12' }] };
    const r = await send(
      a,
      'application/x-ndjson',
      [good, bad, priced('FLRB', 'P3', 20)].map((x) => JSON.stringify(x)).join('\n') + '\n{oops\n',
    );
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.summary).toMatchObject({ records: 4, clean: 1, refused: 1 });
    const p2 = body.lines.find((l: { id: string }) => l.id === 'P2');
    expect(p2.findings[0]).toMatchObject({ path: '/lines/0/hts', fix: expect.any(String) });
    expect(body.lines[2].refusal.code).toBe('FORBIDDEN');
    expect(body.lines[3]).toMatchObject({ line: 4, type: 'invalid', findings: [{ code: 'PARSE_ERROR' }] });
    expect(h.store.count('filing_state')).toBe(before);
  });

  it('reads CSV as `minimis screen` does', async () => {
    const csv =
      'type,id,version,kind,mode,filer.code,filer.name,filer.role,conveyanceId,filedAt,declaredValue,currency,lines.hts\n' +
      'filing,C1,1,type86,air,FLRA,A,broker,CV1,2025-08-19T12:00:00Z,10,USD,9999\n';
    const r = await send(a, 'text/csv', csv);
    expect(r.statusCode).toBe(200);
    const [only] = r.json().lines;
    expect(only.line).toBe(2);
    expect(only.findings.length).toBeGreaterThan(0);
    expect(only.findings.every((f: { fix: string }) => f.fix.length > 0)).toBe(true);
  });

  it('refuses other media types', async () => {
    expect((await send(a, 'text/plain', 'x')).statusCode).toBe(415);
  });
});

describe('what-if', () => {
  it('lists policies and stored days, and compares two policies on a day', async () => {
    const names = (await h.call(analyst, 'GET', '/v1/policies'))
      .json()
      .policies.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['law', 'end-de-minimis']));
    const ds = (await h.call(analyst, 'GET', '/v1/simulate/datasets')).json().datasets;
    expect(ds).toEqual([{ id: 'store:2025-08-20', day: '2025-08-20', filings: 3 }]);
    const r = await h.call(analyst, 'POST', '/v1/simulate', {
      dataset: 'store:2025-08-20',
      policy: 'law',
      vs: 'end-de-minimis',
    });
    expect(r.statusCode).toBe(200);
    const run = r.json().runs[0];
    expect(run.filings).toBe(3);
    expect(run.b.eligible).toBe(0);
    const unknown = await h.call(analyst, 'POST', '/v1/simulate', {
      dataset: 'store:2025-08-20',
      policy: 'nope',
      vs: 'law',
    });
    expect([unknown.statusCode, unknown.json().error.path]).toEqual([400, '/policy']);
    expect((await h.call(a, 'GET', '/v1/policies')).statusCode).toBe(403);
  });
});

describe('the console page', () => {
  it('serves the built page and its assets without a key, and nothing outside the assets folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minimis-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>minimis</title>');
    writeFileSync(join(dir, 'assets', 'app-1.js'), 'console.log(1)');
    const app = Fastify();
    registerStaticConsole(app, dir);
    const page = await app.inject('/');
    expect([page.statusCode, page.headers['content-type']]).toEqual([200, 'text/html; charset=utf-8']);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect((await app.inject('/assets/app-1.js')).headers['content-type']).toBe(
      'text/javascript; charset=utf-8',
    );
    expect((await app.inject('/assets/..%2Findex.html')).statusCode).toBe(404);
    expect((await app.inject('/assets/missing.js')).statusCode).toBe(404);
    const unbuilt = Fastify();
    registerStaticConsole(unbuilt, undefined);
    expect((await unbuilt.inject('/')).body).toContain('npm run build');
  });

  it('is public on the API server, while the API still needs a key', async () => {
    expect((await h.call(undefined, 'GET', '/')).statusCode).not.toBe(401);
    expect((await h.call(undefined, 'GET', '/v1/queue')).statusCode).toBe(401);
  });
});
