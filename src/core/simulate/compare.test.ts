import { describe, expect, it } from 'vitest';
import { compare, type Outcome } from './compare.js';

const o = (
  id: string,
  status: Outcome['status'],
  eligibility: string,
  code: string | null,
  valueUsd = 50,
): Outcome => ({
  id,
  status,
  eligibility,
  code,
  valueUsd,
  origin: 'CN',
  chapter: '61',
  ...(status === 'released'
    ? {}
    : {
        duty: {
          entry: 'informal',
          dutyUsd: 10,
          feesUsd: 2.69,
          notComputed: 1,
          byKind: { general: 4, ieepa: 6, mpf: 2.69 },
          notComputedByKind: { section301: 1 },
          basis: [],
        },
      }),
});

describe('comparing two policies filing by filing', () => {
  it('counts eligible filings, entries to file (informal up to $2,500), 4M and duties on each side', () => {
    const a = new Map([
      ['1', o('1', 'released', 'eligible', null)],
      ['2', o('2', 'released', 'eligible', null, 3000)],
      ['3', o('3', 'withheld', 'eligible', '4M')],
    ]);
    const b = new Map([
      ['1', o('1', 'rejected', 'ineligible', 'DE_MINIMIS_REPEALED')],
      ['2', o('2', 'rejected', 'ineligible', 'DE_MINIMIS_REPEALED', 3000)],
      ['3', o('3', 'rejected', 'ineligible', 'DE_MINIMIS_REPEALED')],
    ]);
    const c = compare({ policy: 'law', outcomes: a }, { policy: 'end', outcomes: b });
    expect(c.a.eligible).toBe(2);
    expect(c.a.withheld4M).toBe(1);
    expect(c.a.entriesNeeded).toEqual({ informal: 1, formal: 0 });
    expect(c.b.entriesNeeded).toEqual({ informal: 2, formal: 1 });
    expect(c.b.dutyByOrigin).toEqual({ CN: 30 });
    expect(c.changed).toBe(3);
    expect(c.changes[0]).toMatchObject({
      from: 'released',
      to: 'rejected',
      reason: 'DE_MINIMIS_REPEALED',
      count: 2,
    });
  });
  it('a new reason for the same outcome is not a change', () => {
    const a = new Map([['1', o('1', 'rejected', 'ineligible', 'DE_MINIMIS_SUSPENDED')]]);
    const b = new Map([['1', o('1', 'rejected', 'ineligible', 'DE_MINIMIS_REPEALED')]]);
    expect(compare({ policy: 'a', outcomes: a }, { policy: 'b', outcomes: b }).changed).toBe(0);
  });
  it('totals the duty by component kind and counts the components not computed', () => {
    const b = new Map([
      ['1', o('1', 'rejected', 'ineligible', 'DE_MINIMIS_REPEALED')],
      ['2', o('2', 'withheld', 'eligible', '4M')],
      ['3', o('3', 'released', 'eligible', null)],
    ]);
    const s = compare({ policy: 'a', outcomes: b }, { policy: 'b', outcomes: b }).b;
    expect(s.dutyByKind).toEqual({ general: 8, ieepa: 12, mpf: 5.38 });
    expect(s.dutyNotComputed).toBe(2);
    expect(s.dutyNotComputedByKind).toEqual({ section301: 2 });
    expect(s.feesUsd).toBe(5.38);
  });
});
