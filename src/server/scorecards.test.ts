import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aServer, filingOf, type Harness } from './test-support/harness.js';

let h: Harness;
let f1: string;
let f2: string;
let officer: string;
let analyst: string;
beforeEach(async () => {
  h = await aServer({ clock: () => Date.parse('2026-01-05T12:00:00Z') });
  f1 = h.key('FLR1');
  f2 = h.key('FLR2');
  officer = h.key('CBP', 'officer');
  analyst = h.key('CBP', 'analyst');
});
afterEach(() => h.close());

const filing = (filer: string, id: string, value: number, filedAt: string, consignee?: string) =>
  filingOf(filer, id, {
    conveyanceId: 'CV-1',
    filedAt,
    declaredValue: value,
    lines: [{ ...filingOf(filer, 'x').lines[0]!, value }],
    ...(consignee === undefined ? {} : { consignee: { ...filingOf(filer, 'x').consignee, name: consignee } }),
  });

describe('scorecards', () => {
  it('counts each shipment’s screening outcome and every exam and seizure, per filer, against all filers', async () => {
    // FLR1: two filings for one consignee-day ($500 + $500: the second is withheld) and a rejected one;
    // FLR2: one filing for another consignee, released.
    await h.call(f1, 'POST', '/v1/filings', filing('FLR1', 'A1', 500, '2025-08-20T09:00:00Z'));
    await h.call(f1, 'POST', '/v1/filings', filing('FLR1', 'A2', 500, '2025-08-20T10:00:00Z'));
    const bad = {
      ...filing('FLR1', 'A3', 20, '2025-08-20T10:00:00Z'),
      lines: [{ ...filingOf('FLR1', 'x').lines[0]!, hts: '12' }],
    };
    expect((await h.call(f1, 'POST', '/v1/filings', bad)).json().decision.status).toBe('rejected');
    await h.call(
      f2,
      'POST',
      '/v1/filings',
      filing('FLR2', 'B1', 30, '2025-08-20T10:00:00Z', 'ZELDA QUINTERO'),
    );
    await h.call(officer, 'POST', '/v1/filings', {
      type: 'arrival',
      conveyanceId: 'CV-1',
      arrivedAt: '2025-08-20T17:00:00Z',
      port: '4701',
    });
    const id = 'A2.v1';
    const step = (body: unknown) => h.call(officer, 'POST', `/v1/cases/${id}/commands`, body);
    await step({ kind: 'start-exam', notes: '' });
    await step({ kind: 'record-exam', result: 'seizure-worthy', notes: '', findings: [] });
    expect((await step({ kind: 'close', disposition: 'seized', reason: 'pills' })).statusCode).toBe(200);

    const r = await h.call(analyst, 'GET', '/v1/scorecards?subject=filer&period=day');
    expect(r.statusCode).toBe(200);
    const rows = r.json().rows;
    // Decisions count on the day they were taken, exams and seizures on the day they happened.
    expect(rows.map((x: { code: string; key: string }) => `${x.code} ${x.key}`)).toEqual([
      'FLR1 2025-08-20',
      'FLR1 2026-01-05',
      'FLR2 2025-08-20',
    ]);
    // The seizure does not turn the withheld shipment into something else in the counts: it was withheld.
    expect(rows[0].counts).toMatchObject({ decisions: 3, rejected: 1, withheld: 1, released: 1, exams: 0 });
    expect(rows[0].baseline).toMatchObject({ decisions: 4, released: 2 });
    expect(rows[0].metrics.withhold.subject.rate).toBeCloseTo(1 / 3);
    expect(rows[1].counts).toMatchObject({
      decisions: 0,
      exams: 1,
      examDiscrepancies: 1,
      seizureWorthy: 1,
      seizures: 1,
    });
    expect(rows[2].counts).toMatchObject({ decisions: 1, released: 1, seizures: 0 });

    const brokers = (await h.call(officer, 'GET', '/v1/scorecards?subject=broker&period=month')).json().rows;
    expect(brokers).toMatchObject([
      { code: 'BRK900', key: '2025-08', counts: { decisions: 4 } },
      { code: 'BRK900', key: '2026-01', counts: { seizures: 1 } },
    ]);
    const one = (await h.call(officer, 'GET', '/v1/scorecards?code=FLR2')).json().rows;
    expect(one.map((x: { code: string }) => x.code)).toEqual(['FLR2']);

    // A filer sees its own row, with the baseline, and nobody else's.
    const mine = (await h.call(f2, 'GET', '/v1/scorecards?period=week')).json().rows;
    expect(mine).toMatchObject([{ code: 'FLR2', key: '2025-W34', baseline: { decisions: 4 } }]);
    const theirs = await h.call(f2, 'GET', '/v1/scorecards?code=FLR1');
    expect([theirs.statusCode, theirs.json().error.code]).toEqual([403, 'FORBIDDEN']);
    const bad2 = await h.call(analyst, 'GET', '/v1/scorecards?period=year');
    expect([bad2.statusCode, bad2.json().error.code]).toEqual([400, 'SCHEMA_INVALID']);
  });
});
