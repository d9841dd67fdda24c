import { afterEach, describe, expect, it } from 'vitest';
import type { Filing } from '../../../core/filing/schema.js';
import { defaultPolicy } from '../../../core/policy/index.js';
import { aConsignee, aFiling, aLine } from '../../../core/validation/test-support/filing-builder.js';
import { loadDefaultReferenceData } from '../../refdata/default-reference-data.js';
import type { ScreeningStore, SubmittedRecord } from '../screening-store.js';

export const ref = loadDefaultReferenceData({});
export const policy = defaultPolicy;

/** Opens a store on fresh, empty storage; `reopen` opens the same storage again (a restart). */
export interface StoreFactory {
  fresh(): Promise<ScreeningStore>;
  reopen(): Promise<ScreeningStore>;
}

let line = 0;
export function rec(value: object): SubmittedRecord {
  const text = JSON.stringify(value);
  return { value: JSON.parse(text), line: ++line, text };
}

export function filing(id: string, value: number, overrides: Partial<Filing> = {}): Filing {
  return aFiling({
    id,
    declaredValue: value,
    lines: [aLine({ value })],
    ...overrides,
  });
}

export const arrival = (conveyanceId = 'SX1234', arrivedAt = '2025-08-20T17:30:00Z') => ({
  type: 'arrival',
  conveyanceId,
  arrivedAt,
  port: '4701',
});

/**
 * The behaviour every screening store must have, run against SQLite and PostgreSQL alike: decisions,
 * history, messages with a cursor, the $800 check with 4M, version rules, and state kept across a restart.
 */
export function screeningStoreSuite(name: string, factory: StoreFactory): void {
  describe(`${name} screening store`, () => {
    const open: ScreeningStore[] = [];
    const track = async (p: Promise<ScreeningStore>) => {
      const s = await p;
      open.push(s);
      return s;
    };
    afterEach(async () => {
      for (const s of open.splice(0)) await s.close();
    });

    it('stores a filing, releases it at arrival, and keeps each decision', async () => {
      const s = await track(factory.fresh());
      const first = await s.submit([rec(filing('F1', 120))], 'api');
      expect(first.decisions.map((d) => [d.filingId, d.status])).toEqual([['F1', 'accepted']]);
      await s.submit([rec(arrival())], 'api');
      expect(await s.decision('F1')).toMatchObject({ status: 'released', codes: ['1C'], valueUsd: 120 });
      expect((await s.decisionHistory('F1')).map((d) => d.version)).toEqual([1]);
      expect(await s.decision('NOPE')).toBeUndefined();
    });

    it('withholds with 4M once a consignee-day passes $800, and tells filer and broker', async () => {
      const s = await track(factory.fresh());
      const broker = { code: 'BRK777', name: 'Other Brokerage', role: 'broker' as const };
      await s.submit(
        [
          rec(filing('A1', 500, { broker })),
          rec(filing('A2', 400, { broker, consignee: aConsignee({ name: 'J. Smith' }) })),
          rec(filing('B1', 700, { consignee: aConsignee({ name: 'Mary Jones' }) })),
        ],
        'api',
      );
      await s.submit([rec(arrival())], 'api');
      const byId = Object.fromEntries((await s.currentDecisions()).map((d) => [d.filingId, d]));
      expect(Object.keys(byId)).toEqual(['A1', 'A2', 'B1']);
      expect(byId.A1).toMatchObject({ status: 'released', party: { totalUsd: 500 } });
      expect(byId.A2).toMatchObject({
        status: 'withheld',
        codes: ['4M', 'AGG_MAY_EXCEED'],
        party: { totalUsd: 900 },
      });
      expect(byId.B1?.status).toBe('released');
      const toBroker = await s.messages('BRK777', 0, 100);
      expect(toBroker.map((m) => [m.filingId, m.code])).toContainEqual(['A2', '4M']);
      // The cursor: nothing after the last message, and pages in id order.
      const all = await s.messages(undefined, 0, 1000);
      const last = all.at(-1)!;
      expect(await s.messages(undefined, last.id, 10)).toEqual([]);
      const page = await s.messages(undefined, 0, 1);
      expect(await s.messages(undefined, page[0]!.id, 1)).toEqual([all[1]]);
    });

    it('refuses an amendment with a lower version and a cancellation of an unknown filing', async () => {
      const s = await track(factory.fresh());
      await s.submit([rec(filing('V1', 50, { version: 2 }))], 'api');
      const r = await s.submit(
        [
          rec({ ...filing('V1', 60, { version: 1 }), type: 'amendment' }),
          rec({ type: 'cancellation', id: 'GHOST', version: 1 }),
        ],
        'api',
      );
      expect(r.findings.map((f) => f.code)).toEqual(['VERSION_NOT_HIGHER', 'CANCEL_UNKNOWN_FILING']);
      expect((await s.decision('V1'))?.valueUsd).toBe(50);
    });

    it('keeps the consignee-day total across a restart', async () => {
      const s = await track(factory.fresh());
      await s.submit([rec(filing('R1', 600))], 'api');
      await s.close();
      open.pop();
      const again = await track(factory.reopen());
      await again.submit([rec(filing('R2', 300)), rec(arrival())], 'api');
      expect(await again.decision('R2')).toMatchObject({ status: 'withheld', party: { totalUsd: 900 } });
      expect((await again.decision('R1'))?.status).toBe('released');
    });
  });
}
