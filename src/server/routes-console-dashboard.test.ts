import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPgServer, aServer, filingOf, pgReachable } from './test-support/harness.js';

// FLRA files A1 and A2 ($500 each) and A3 (rejected: no goods description), FLRB files B1 ($90), all to
// one consignee.
// Both conveyances arrive on 2025-08-21 (Eastern) while the filings estimated 2025-08-20: a shipment counts
// on its arrival day, a rejected one (which never arrives for the engine) on its estimated arrival day.
// A2 and B1 are withheld (4M); an officer examines A2 and seizes it.
const line = filingOf('X', 'x').lines[0]!;
const priced = (filer: string, id: string, usd: number) =>
  filingOf(filer, id, { declaredValue: usd, lines: [{ ...line, value: usd }] });

type Opened = Awaited<ReturnType<typeof aServer>> | Awaited<ReturnType<typeof aPgServer>>;
const stores: [string, () => Promise<Opened>, boolean][] = [
  ['SQLite', () => aServer(), true],
  ['PostgreSQL', () => aPgServer(), await pgReachable()],
];

for (const [store, open, reachable] of stores)
  describe.skipIf(!reachable)(`GET /v1/dashboard on ${store}`, () => {
    let h: Opened;
    let analyst: string;
    beforeAll(async () => {
      h = await open();
      const a = h.key('FLRA');
      const b = h.key('FLRB');
      const officer = h.key('CBP', 'officer');
      analyst = h.key('CBP', 'analyst');
      const rejected = priced('FLRA', 'A3', 30);
      rejected.lines = [{ ...line, value: 30, description: '' }];
      for (const [key, f] of [
        [a, priced('FLRA', 'A1', 500)],
        [a, priced('FLRA', 'A2', 500)],
        [a, rejected],
        [b, { ...priced('FLRB', 'B1', 90), lines: [{ ...line, value: 90, origin: 'VN' }] }],
      ] as const)
        expect((await h.call(key, 'POST', '/v1/filings', f)).json()).toMatchObject({
          decision: { filingId: f.id },
        });
      const arrivedAt = '2025-08-21T14:00:00Z';
      for (const [key, conveyanceId] of [
        [a, 'CV-FLRA'],
        [b, 'CV-FLRB'],
      ] as const)
        expect(
          (
            await h.call(key, 'POST', '/v1/filings', {
              type: 'arrival',
              conveyanceId,
              arrivedAt,
              port: '2704',
            })
          ).statusCode,
        ).toBe(200);
      const step = async (body: unknown) =>
        expect((await h.call(officer, 'POST', '/v1/cases/A2.v1/commands', body)).statusCode).toBe(200);
      await step({ kind: 'start-exam', notes: '' });
      await step({ kind: 'record-exam', result: 'seizure-worthy', notes: 'counterfeit', findings: [] });
      await step({ kind: 'close', disposition: 'seized', reason: 'counterfeit goods' });
    });
    afterAll(() => h.close());

    it('counts each shipment on its arrival day, a rejected one on its estimated day', async () => {
      const d = (await h.call(analyst, 'GET', '/v1/dashboard')).json();
      expect(d.filings).toBe(4);
      expect(d.byDay).toEqual([
        { day: '2025-08-20', type86: 1, manifest321: 0, postal: 0 },
        { day: '2025-08-21', type86: 3, manifest321: 0, postal: 0 },
      ]);
      const only20 = (await h.call(analyst, 'GET', '/v1/dashboard?from=2025-08-20&to=2025-08-20')).json();
      expect(only20.filings).toBe(1);
      expect(only20.byStatus).toEqual([{ key: 'rejected', n: 1 }]);
    });

    it('counts statuses, lanes and origins, seizures by HTS chapter, and ranks non-compliant parties', async () => {
      const d = (await h.call(analyst, 'GET', '/v1/dashboard')).json();
      expect(d.byStatus).toEqual([
        { key: 'disposed', n: 1 },
        { key: 'rejected', n: 1 },
        { key: 'released', n: 1 },
        { key: 'withheld', n: 1 },
      ]);
      expect(d.byLane).toEqual([{ key: 'unassigned', n: 4 }]);
      expect(d.byOrigin).toEqual([
        { key: 'CN', n: 3 },
        { key: 'VN', n: 1 },
      ]);
      expect(d.seizuresByCategory).toEqual([{ key: `HTS ${line.hts.slice(0, 2)}`, n: 1 }]);
      expect(d.rates.rejected).toBeCloseTo(1 / 4);
      // FLRA: A2 seized and A3 rejected; FLRB's B1 takes the consignee's day over $800 (4M). BRK900 brokers
      // all four.
      expect(d.topFilers).toEqual([
        {
          code: 'FLRA',
          filings: 3,
          rejected: 1,
          withheld: 0,
          held: 0,
          seized: 1,
          nonCompliant: 2,
          rate: 2 / 3,
        },
        { code: 'FLRB', filings: 1, rejected: 0, withheld: 1, held: 0, seized: 0, nonCompliant: 1, rate: 1 },
      ]);
      expect(d.topBrokers).toEqual([
        {
          code: 'BRK900',
          filings: 4,
          rejected: 1,
          withheld: 1,
          held: 0,
          seized: 1,
          nonCompliant: 3,
          rate: 0.75,
        },
      ]);
    });
    it('answers again from the stored groups until the store changes, then counts the change', async () => {
      const before = (await h.call(analyst, 'GET', '/v1/dashboard')).json();
      expect((await h.call(analyst, 'GET', '/v1/dashboard')).json()).toEqual(before);
      const c = h.key('FLRC');
      expect((await h.call(c, 'POST', '/v1/filings', priced('FLRC', 'C1', 20))).statusCode).toBe(201);
      const after = (await h.call(analyst, 'GET', '/v1/dashboard')).json();
      expect(after.filings).toBe(before.filings + 1);
      // Not arrived yet: it counts on its estimated arrival day.
      expect(after.byDay[0]).toEqual({ ...before.byDay[0], type86: before.byDay[0].type86 + 1 });
    });
  });
