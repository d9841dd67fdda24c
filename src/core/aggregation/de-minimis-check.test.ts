import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkConsigneeDay, type DayMember, mayExceed } from './de-minimis-check.js';

const LIMIT = 80_000;
const m = (id: string, valueCents: number, arrivedAtMs = 1000, filedAtMs = 0): DayMember => ({
  id,
  valueCents,
  arrivedAtMs,
  filedAtMs,
});

describe('checkConsigneeDay', () => {
  it('keeps exactly $800 within the limit and withholds the filing that passes it and every later one', () => {
    const out = checkConsigneeDay(
      [m('a', 50_000, 1, 1), m('b', 30_000, 1, 2), m('c', 1, 1, 3), m('d', 10, 1, 4)],
      LIMIT,
    );
    expect(out.map((o) => [o.id, o.runningCents, o.overLimit])).toEqual([
      ['a', 50_000, false],
      ['b', 80_000, false],
      ['c', 80_001, true],
      ['d', 80_011, true],
    ]);
  });

  it('takes filings in manifest order: arrival, then filing time, then id', () => {
    const out = checkConsigneeDay([m('late', 70_000, 2000, 0), m('early', 70_000, 1000, 5)], LIMIT);
    expect(out.map((o) => [o.id, o.overLimit])).toEqual([
      ['early', false],
      ['late', true],
    ]);
  });

  it('does not mutate its input', () => {
    const input = Object.freeze([m('b', 10, 2), m('a', 10, 1)]);
    checkConsigneeDay(input, LIMIT);
    expect(input.map((x) => x.id)).toEqual(['b', 'a']);
  });

  const members = fc.uniqueArray(
    fc.record({
      id: fc.string({ minLength: 1, maxLength: 6 }),
      valueCents: fc.integer({ min: 1, max: 120_000 }),
      arrivedAtMs: fc.integer({ min: 1, max: 5 }),
      filedAtMs: fc.integer({ min: 0, max: 5 }),
    }),
    { selector: (x) => x.id, maxLength: 30 },
  );

  it('property: a withheld filing never has a running total at or below the limit, and withholds are a suffix', () => {
    fc.assert(
      fc.property(members, fc.integer({ min: 0, max: 200_000 }), (ms, limit) => {
        const out = checkConsigneeDay(ms, limit);
        let seen = false;
        for (const o of out) {
          if (o.overLimit) expect(o.runningCents).toBeGreaterThan(limit);
          if (seen) expect(o.overLimit).toBe(true);
          seen ||= o.overLimit;
        }
      }),
    );
  });

  it('property: the outcome does not depend on the order the members are given in', () => {
    fc.assert(
      fc.property(members, fc.integer({ min: 0, max: 200_000 }), (ms, limit) => {
        const sorted = checkConsigneeDay(ms, limit);
        const reversed = checkConsigneeDay([...ms].reverse(), limit);
        expect(reversed).toEqual(sorted);
      }),
    );
  });

  it('property: the day total equals the sum of the values', () => {
    fc.assert(
      fc.property(members, (ms) => {
        const out = checkConsigneeDay(ms, LIMIT);
        const total = ms.reduce((s, x) => s + x.valueCents, 0);
        expect(out.at(-1)?.runningCents ?? 0).toBe(total);
      }),
    );
  });
});

describe('mayExceed', () => {
  it('warns only when the estimated day total would pass the limit', () => {
    expect(mayExceed(70_000, 10_000, LIMIT)).toBe(false);
    expect(mayExceed(70_000, 10_001, LIMIT)).toBe(true);
  });
});
