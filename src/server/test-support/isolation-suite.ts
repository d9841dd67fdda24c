import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../adapters/storage/server-data.js';
import { type ApiHarness, filingOf } from './harness.js';

type KeyedHarness = ApiHarness & { key(org: string, role?: Role): string };

/**
 * Filer A's key against filer B's data on every route: never B's data, and "not found" where a filing is
 * addressed, so that A cannot even tell that B's filing exists. Run on SQLite (isolation.test.ts) and on
 * PostgreSQL (isolation-pg.test.ts).
 */
export function isolationSuite(store: string, open: () => Promise<KeyedHarness>): void {
  let h: KeyedHarness;
  let a: string;
  let b: string;
  let hookB: number;
  beforeAll(async () => {
    h = await open();
    a = h.key('FLRA');
    b = h.key('FLRB');
    const big = filingOf('FLRB', 'B1', {
      declaredValue: 900,
      lines: [{ ...filingOf('FLRB', 'x').lines[0]!, value: 900 }],
    });
    expect(
      (
        await h.call(b, 'POST', '/v1/filings', {
          ...big,
          broker: { code: 'BRKB', name: 'B', role: 'broker' },
        })
      ).statusCode,
    ).toBe(201);
    hookB = (await h.call(b, 'POST', '/v1/webhooks', { url: 'http://127.0.0.1:9/hook' })).json().webhook.id;
    // B's shipment withheld at arrival: a case of B's.
    await h.call(b, 'POST', '/v1/filings', { ...big, id: 'B2', conveyanceId: 'CV-B2' });
    const arrived = await h.call(b, 'POST', '/v1/filings', {
      type: 'arrival',
      conveyanceId: 'CV-B2',
      arrivedAt: '2025-08-21T17:00:00Z',
      port: '4701',
    });
    expect(arrived.json().decisionsChanged).toBe(1);
    expect((await h.call(b, 'GET', '/v1/cases/B2.v1')).statusCode).toBe(200);
  });
  afterAll(() => h.close());

  const ndjson = (key: string, lines: unknown[]) =>
    h.app.inject({
      method: 'POST',
      url: '/v1/filings:batch',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
      payload: lines.map((l) => JSON.stringify(l)).join('\n'),
    });

  const cases: [string, () => ReturnType<ApiHarness['call']>, number, string][] = [
    ['GET decision', () => h.call(a, 'GET', '/v1/filings/B1/decision'), 404, 'NOT_FOUND'],
    ['GET history', () => h.call(a, 'GET', '/v1/filings/B1/history'), 404, 'NOT_FOUND'],
    ['GET messages of B', () => h.call(a, 'GET', '/v1/messages?recipient=FLRB'), 403, 'FORBIDDEN'],
    ['GET messages of B’s broker', () => h.call(a, 'GET', '/v1/messages?recipient=BRKB'), 403, 'FORBIDDEN'],
    [
      'amend B’s filing',
      () => h.call(a, 'POST', '/v1/filings', { ...filingOf('FLRA', 'B1'), type: 'amendment', version: 2 }),
      409,
      'FILING_ID_TAKEN',
    ],
    [
      'file under B’s id',
      () => h.call(a, 'POST', '/v1/filings', filingOf('FLRA', 'B1')),
      409,
      'FILING_ID_TAKEN',
    ],
    ['file as B', () => h.call(a, 'POST', '/v1/filings', filingOf('FLRB', 'A9')), 403, 'FORBIDDEN'],
    [
      'cancel B’s filing',
      () => h.call(a, 'POST', '/v1/filings', { type: 'cancellation', id: 'B1', version: 1 }),
      404,
      'CANCEL_UNKNOWN_FILING',
    ],
    [
      'record the arrival of B’s conveyance',
      () =>
        h.call(a, 'POST', '/v1/filings', {
          type: 'arrival',
          conveyanceId: 'CV-FLRB',
          arrivedAt: '2025-08-20T17:00:00Z',
          port: '4701',
        }),
      404,
      'CONVEYANCE_NOT_FOUND',
    ],
    [
      'list B’s webhook deliveries',
      () => h.call(a, 'GET', `/v1/webhooks/${hookB}/deliveries`),
      404,
      'NOT_FOUND',
    ],
    [
      'register a webhook for B',
      () => h.call(a, 'POST', '/v1/webhooks', { url: 'http://127.0.0.1:9/x', org: 'FLRB' }),
      403,
      'FORBIDDEN',
    ],
    ['read B’s case', () => h.call(a, 'GET', '/v1/cases/B2.v1'), 404, 'CASE_NOT_FOUND'],
    [
      'answer B’s document request',
      () =>
        h.call(a, 'POST', '/v1/cases/B2.v1/commands', { kind: 'filer-answer', documents: [], message: 'x' }),
      404,
      'CASE_NOT_FOUND',
    ],
    [
      'dispute B’s case',
      () => h.call(a, 'POST', '/v1/cases/B2.v1/commands', { kind: 'filer-dispute', reason: 'x' }),
      404,
      'CASE_NOT_FOUND',
    ],
    [
      'annotate B’s case',
      () => h.call(a, 'POST', '/v1/cases/B2.v1/commands', { kind: 'annotate', note: 'x' }),
      404,
      'CASE_NOT_FOUND',
    ],
    ['open a case of B’s filing', () => h.call(a, 'POST', '/v1/cases', { filingId: 'B2' }), 403, 'FORBIDDEN'],
    ['list cases by lane', () => h.call(a, 'GET', '/v1/cases?lane=unassigned'), 403, 'FORBIDDEN'],
    ['read B’s scorecard', () => h.call(a, 'GET', '/v1/scorecards?code=FLRB'), 403, 'FORBIDDEN'],
    [
      'read B’s broker scorecard',
      () => h.call(a, 'GET', '/v1/scorecards?subject=broker&code=BRKB'),
      403,
      'FORBIDDEN',
    ],
    [
      'suspend B',
      () =>
        h.call(a, 'POST', '/v1/suspensions', {
          kind: 'suspend',
          filer: 'FLRB',
          effectiveAt: '2025-08-01T00:00:00Z',
          reason: { category: 'other', text: 'x' },
          remedialPlan: { summary: 'x', actions: ['x'], dueAt: null },
        }),
      403,
      'FORBIDDEN',
    ],
    [
      'reinstate B',
      () =>
        h.call(a, 'POST', '/v1/suspensions', {
          kind: 'reinstate',
          filer: 'FLRB',
          effectiveAt: '2025-08-01T00:00:00Z',
          reason: 'x',
        }),
      403,
      'FORBIDDEN',
    ],
    ['list suspensions', () => h.call(a, 'GET', '/v1/suspensions'), 403, 'FORBIDDEN'],
    ['read the audit log', () => h.call(a, 'GET', '/v1/audit'), 403, 'FORBIDDEN'],
    ['list keys', () => h.call(a, 'GET', '/v1/keys'), 403, 'FORBIDDEN'],
    ['create a key', () => h.call(a, 'POST', '/v1/keys', { org: 'FLRB', role: 'filer' }), 403, 'FORBIDDEN'],
    ['revoke B’s key', () => h.call(a, 'DELETE', '/v1/keys/2'), 403, 'FORBIDDEN'],
  ];

  describe(`filer isolation on ${store}: filer A against filer B on every route`, () => {
    it.each(cases.map(([name, call, status, code]) => ({ name, call, status, code })))(
      '$name → $status $code, and nothing of B in the reply',
      async ({ call, status, code }) => {
        const r = await call();
        expect(r.statusCode).toBe(status);
        expect(r.json()).toEqual({ error: expect.objectContaining({ code }) });
        // Only what A sent may come back: no decision, message, party, value or broker of B.
        expect(r.body).not.toMatch(/decision|"messages"|JOHN|900|BRKB|9\/hook/);
      },
    );

    it('batch lines get the same answers line by line', async () => {
      const r = await ndjson(a, [
        { ...filingOf('FLRA', 'B1'), type: 'amendment', version: 2 },
        { type: 'cancellation', id: 'B1', version: 1 },
        filingOf('FLRB', 'A9'),
      ]);
      const lines = r.body
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines.slice(0, 3).map((l) => l.error.code)).toEqual([
        'FILING_ID_TAKEN',
        'CANCEL_UNKNOWN_FILING',
        'FORBIDDEN',
      ]);
    });

    it('A’s own feeds hold nothing of B; B’s filing and webhook are untouched', async () => {
      const m = await h.call(a, 'GET', '/v1/messages');
      expect(m.json().messages).toEqual([]);
      expect((await h.call(a, 'GET', '/v1/cases')).json().cases).toEqual([]);
      expect((await h.call(a, 'GET', '/v1/cases?filer=FLRB')).json().cases).toEqual([]);
      expect((await h.call(a, 'GET', '/v1/scorecards')).json().rows).toEqual([]);
      const bCase = (await h.call(b, 'GET', '/v1/cases/B2.v1')).json();
      expect(bCase.case).toMatchObject({ state: 'open', seq: 1 });
      expect((await h.call(a, 'GET', '/v1/webhooks')).json().webhooks).toEqual([]);
      const d = await h.call(b, 'GET', '/v1/filings/B1/decision');
      expect(d.json().decision).toMatchObject({ version: 1, status: 'accepted' });
      expect((await h.call(b, 'GET', '/v1/messages')).json().messages.length).toBeGreaterThan(0);
    });

    it('B’s broker reads the filing it brokers and its own messages, not B’s', async () => {
      const broker = h.key('BRKB');
      expect((await h.call(broker, 'GET', '/v1/filings/B1/decision')).statusCode).toBe(200);
      const mine = (await h.call(broker, 'GET', '/v1/messages')).json().messages;
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((x: { recipient: string }) => x.recipient === 'BRKB')).toBe(true);
    });
  });
}
