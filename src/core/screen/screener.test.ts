import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../policy/index.js';
import type { Prepared } from './prepared.js';
import { Screener } from './screener.js';
import { MemorySink } from './test-support/memory-sink.js';
import { aCancellation, anArrival, aPrepared } from './test-support/prepared-builder.js';

function run(records: readonly Prepared[]): { sink: MemorySink; screener: Screener } {
  const sink = new MemorySink();
  const screener = new Screener(defaultPolicy);
  for (const r of records) screener.apply(r, sink);
  return { sink, screener };
}

const status = (sink: MemorySink) => Object.fromEntries([...sink.current()].map(([id, d]) => [id, d.status]));

describe('the $800 aggregation check', () => {
  it('warns at filing and withholds (4M) at arrival the filing that takes the consignee-day above $800', () => {
    const { sink } = run([
      aPrepared({ id: 'A', usd: 500 }),
      aPrepared({ id: 'B', usd: 400, filedAt: '2025-08-20T11:00:00Z' }),
    ]);
    expect(status(sink)).toEqual({ A: 'accepted', B: 'accepted' });
    const b = sink.current().get('B')!;
    expect(b.findings.map((f) => f.code)).toEqual(['AGG_MAY_EXCEED']);
    expect(b.party).toMatchObject({ dayBasis: 'estimated-arrival', totalUsd: 900, limitUsd: 800 });
    expect(
      sink.messages.filter((m) => m.code === 'AGG_MAY_EXCEED').map((m) => [m.role, m.recipient]),
    ).toEqual([
      ['filer', 'FLR1'],
      ['broker', 'BRK1'],
    ]);

    run([]).screener; // no shared state between engines
    const { sink: s2 } = run([
      aPrepared({ id: 'A', usd: 500 }),
      aPrepared({ id: 'B', usd: 400, filedAt: '2025-08-20T11:00:00Z' }),
      anArrival('CV1', '2025-08-20T20:00:00Z'),
    ]);
    expect(status(s2)).toEqual({ A: 'released', B: 'withheld' });
    expect(s2.current().get('A')!.codes).toEqual(['1C']);
    expect(s2.current().get('B')!.codes[0]).toBe('4M');
    expect(s2.current().get('B')!.party).toMatchObject({
      dayBasis: 'actual-arrival',
      day: '2025-08-20',
      totalUsd: 900,
    });
    expect(s2.messages.filter((m) => m.code === '4M')).toHaveLength(2);
  });

  it('keeps exactly $800.00 within the limit', () => {
    const { sink } = run([
      aPrepared({ id: 'A', usd: 500 }),
      aPrepared({ id: 'B', usd: 300, filedAt: '2025-08-20T11:00:00Z' }),
      anArrival('CV1', '2025-08-20T20:00:00Z'),
    ]);
    expect(status(sink)).toEqual({ A: 'released', B: 'released' });
  });

  it('groups spelling variants of one person at one address', () => {
    const { sink } = run([
      aPrepared({ id: 'A', usd: 500, name: 'John Smith' }),
      aPrepared({
        id: 'B',
        usd: 400,
        name: 'SMITH, J.',
        address: { line1: '123 MAIN ST #4', line2: '' },
        filedAt: '2025-08-20T11:00:00Z',
      }),
      anArrival('CV1', '2025-08-20T20:00:00Z'),
    ]);
    expect(status(sink)).toEqual({ A: 'released', B: 'withheld' });
    const [a, b] = [sink.current().get('A')!, sink.current().get('B')!];
    expect(b.party!.key).toBe(a.party!.key);
    expect(b.party!.match).not.toBe('new-group');
  });

  it('does not group different people at one address', () => {
    const { sink } = run([
      aPrepared({ id: 'A', usd: 500, name: 'John Smith' }),
      aPrepared({ id: 'B', usd: 400, name: 'Mary Smith', filedAt: '2025-08-20T11:00:00Z' }),
      anArrival('CV1', '2025-08-20T20:00:00Z'),
    ]);
    expect(status(sink)).toEqual({ A: 'released', B: 'released' });
  });

  it('leaves mail out of the check', () => {
    const { sink } = run([
      aPrepared({ id: 'P', usd: 900, kind: 'postal', mode: 'mail', conveyance: 'MAIL1' }),
      aPrepared({ id: 'A', usd: 500 }),
      anArrival('MAIL1', '2025-08-20T15:00:00Z'),
      anArrival('CV1', '2025-08-20T20:00:00Z'),
    ]);
    expect(status(sink)).toEqual({ P: 'released', A: 'released' });
  });

  it('uses the actual arrival day in U.S. Eastern time, not the estimated one', () => {
    const { sink } = run([
      aPrepared({ id: 'A', usd: 500, conveyance: 'CV1' }),
      aPrepared({ id: 'B', usd: 400, conveyance: 'CV2', filedAt: '2025-08-20T11:00:00Z' }),
      anArrival('CV1', '2025-08-21T03:30:00Z'), // 23:30 EDT on the 20th
      anArrival('CV2', '2025-08-21T04:30:00Z'), // 00:30 EDT on the 21st
    ]);
    expect(status(sink)).toEqual({ A: 'released', B: 'released' });
    expect(
      sink
        .current()
        .get('B')!
        .findings.map((f) => f.code),
    ).toContain('AGG_MAY_EXCEED');
    expect([sink.current().get('A')!.party!.day, sink.current().get('B')!.party!.day]).toEqual([
      '2025-08-20',
      '2025-08-21',
    ]);
  });

  it('takes several arrivals of one day in order: the later conveyance is withheld', () => {
    const { sink } = run([
      aPrepared({ id: 'EARLY_FILED', usd: 500, conveyance: 'LATE_CV', filedAt: '2025-08-20T09:00:00Z' }),
      aPrepared({ id: 'LATE_FILED', usd: 400, conveyance: 'EARLY_CV', filedAt: '2025-08-20T10:00:00Z' }),
      anArrival('EARLY_CV', '2025-08-20T14:00:00Z'),
      anArrival('LATE_CV', '2025-08-20T16:00:00Z'),
    ]);
    expect(status(sink)).toEqual({ EARLY_FILED: 'withheld', LATE_FILED: 'released' });
  });

  it('corrects the totals on amendment: lowering a value releases the later filing', () => {
    const { sink } = run([
      aPrepared({ id: 'A', usd: 500 }),
      aPrepared({ id: 'B', usd: 400, filedAt: '2025-08-20T11:00:00Z' }),
      anArrival('CV1', '2025-08-20T20:00:00Z'),
      aPrepared({ id: 'A', usd: 300, version: 2, type: 'amendment' }),
    ]);
    expect(status(sink)).toEqual({ A: 'released', B: 'released' });
    expect(sink.current().get('A')!.version).toBe(2);
    expect(sink.messages.filter((m) => m.filingId === 'B').map((m) => m.code)).toEqual([
      'AGG_MAY_EXCEED',
      'AGG_MAY_EXCEED',
      '4M',
      '4M',
      '1C',
      '1C',
    ]);
  });

  it('corrects the totals on cancellation', () => {
    const { sink } = run([
      aPrepared({ id: 'A', usd: 500 }),
      aPrepared({ id: 'B', usd: 400, filedAt: '2025-08-20T11:00:00Z' }),
      aCancellation('A'),
      anArrival('CV1', '2025-08-20T20:00:00Z'),
    ]);
    expect(status(sink)).toEqual({ A: 'cancelled', B: 'released' });
  });

  it('rejects a Type 86 filed after its conveyance arrived, and rejected filings do not count', () => {
    const { sink } = run([
      aPrepared({ id: 'A', usd: 500 }),
      anArrival('CV1', '2025-08-20T12:00:00Z'),
      aPrepared({ id: 'LATE', usd: 400, filedAt: '2025-08-20T13:00:00Z' }),
      aPrepared({ id: 'BAD', usd: 400, rejectCode: true }),
    ]);
    expect(status(sink)).toEqual({ A: 'released', LATE: 'rejected', BAD: 'rejected' });
    expect(sink.current().get('LATE')!.codes).toEqual(['FILED_AFTER_ARRIVAL']);
    expect(sink.messages.filter((m) => m.code === 'REJECTED')).toHaveLength(4);
  });
});

describe('versions and idempotency', () => {
  it('ignores a record it has already applied and reports a conflicting or lower version', () => {
    const sink = new MemorySink();
    const s = new Screener(defaultPolicy);
    s.apply(aPrepared({ id: 'A', usd: 100 }), sink);
    s.apply(aPrepared({ id: 'A', usd: 150, version: 2, type: 'amendment' }), sink);
    const before = sink.effects;
    s.apply(aPrepared({ id: 'A', usd: 100 }), sink);
    s.apply(aPrepared({ id: 'A', usd: 150, version: 2, type: 'amendment' }), sink);
    s.apply(aCancellation('A', 2), sink);
    s.apply(aCancellation('A', 2), sink);
    expect(sink.effects).toBe(before + 4); // the cancelled decision, its state row, a message to filer and broker
    s.apply(aPrepared({ id: 'A', usd: 999, version: 2, type: 'amendment' }, 9), sink);
    s.apply(aPrepared({ id: 'A', usd: 999, version: 1 }, 10), sink);
    s.apply(aCancellation('NOPE', 1, 11), sink);
    expect(sink.findings.map((f) => [f.code, f.line])).toEqual([
      ['VERSION_CONFLICT', 9],
      ['VERSION_NOT_HIGHER', 10],
      ['CANCEL_UNKNOWN_FILING', 11],
    ]);
  });
});

// ---- properties over random traffic ----------------------------------------------------------
const NAMES = ['John Smith', 'J. Smith', 'SMITH JOHN', 'Mary Smith', 'Wei Wang'];
const CONVEYANCES = ['CV1', 'CV2', 'CV3'];
const ARRIVALS = ['2025-08-20T14:00:00Z', '2025-08-20T20:00:00Z', '2025-08-21T05:00:00Z'];

const trafficArb = fc
  .array(
    fc.oneof(
      {
        weight: 6,
        arbitrary: fc.record({
          k: fc.constant('f' as const),
          id: fc.integer({ min: 0, max: 11 }),
          usd: fc.integer({ min: 1, max: 700 }),
          name: fc.integer({ min: 0, max: 4 }),
          cv: fc.integer({ min: 0, max: 2 }),
          mail: fc.boolean(),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({ k: fc.constant('a' as const), cv: fc.integer({ min: 0, max: 2 }) }),
      },
      {
        weight: 1,
        arbitrary: fc.record({ k: fc.constant('c' as const), id: fc.integer({ min: 0, max: 11 }) }),
      },
    ),
    { maxLength: 40 },
  )
  .map((ops) => {
    const versions = new Map<number, number>();
    return ops.map((op, i): Prepared => {
      if (op.k === 'a') return anArrival(CONVEYANCES[op.cv]!, ARRIVALS[op.cv]!, i + 1);
      // A cancellation of a filing not yet seen is rejected, and would take effect if the input were replayed
      // after the filing: replays of whole files are made exact by the ingest checkpoint, not here.
      if (op.k === 'c')
        return versions.has(op.id)
          ? aCancellation(`F${op.id}`, versions.get(op.id)!, i + 1)
          : anArrival('CV1', ARRIVALS[0]!, i + 1);
      const v = (versions.get(op.id) ?? 0) + 1;
      versions.set(op.id, v);
      return aPrepared(
        {
          id: `F${op.id}`,
          version: v,
          type: v === 1 ? 'filing' : 'amendment',
          usd: op.usd,
          name: NAMES[op.name]!,
          conveyance: op.mail ? 'MAIL' : CONVEYANCES[op.cv]!,
          ...(op.mail ? { kind: 'postal' as const, mode: 'mail' as const } : {}),
          filedAt: `2025-08-20T${String(8 + (i % 5)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00Z`,
        },
        i + 1,
      );
    });
  });

const outcome = (sink: MemorySink) =>
  Object.fromEntries(
    [...sink.current()].map(([id, d]) => [id, [d.version, d.status, d.party?.totalUsd ?? null]]),
  );

describe('properties', () => {
  it('totals and decisions do not depend on how the input is chunked (restart from the store at any boundary)', () => {
    fc.assert(
      fc.property(
        trafficArb,
        fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 4 }),
        (records, cuts) => {
          const whole = run(records).sink;
          const sink = new MemorySink();
          let screener = new Screener(defaultPolicy);
          records.forEach((r, i) => {
            if (cuts.includes(i)) {
              screener = new Screener(defaultPolicy);
              screener.restore(sink.snapshot());
            }
            screener.apply(r, sink);
          });
          expect(outcome(sink)).toEqual(outcome(whole));
          expect(sink.messages).toEqual(whole.messages);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('re-applying the whole input changes nothing', () => {
    fc.assert(
      fc.property(trafficArb, (records) => {
        const { sink, screener } = run(records);
        const before = sink.effects;
        const findings = sink.findings.length;
        for (const r of records) screener.apply(r, sink);
        expect(sink.effects - before).toBe(sink.findings.length - findings); // only re-reported record errors
      }),
      { numRuns: 200 },
    );
  });

  it('amending and then cancelling a filing restores every other filing’s totals', () => {
    fc.assert(
      fc.property(trafficArb, fc.integer({ min: 1, max: 700 }), (records, usd) => {
        const base = run(records).sink;
        const extra: Prepared[] = [
          aPrepared({ id: 'X', usd: 300, name: 'John Smith', filedAt: '2025-08-20T07:00:00Z' }, 900),
          aPrepared(
            {
              id: 'X',
              usd,
              version: 2,
              type: 'amendment',
              name: 'J. Smith',
              filedAt: '2025-08-20T07:00:00Z',
            },
            901,
          ),
          aCancellation('X', 2, 902),
        ];
        const withX = run([...records, ...extra]).sink;
        const o = outcome(withX);
        delete o.X;
        expect(o).toEqual(outcome(base));
      }),
      { numRuns: 200 },
    );
  });
});
