import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  entryCheckDigit,
  entryNumber,
  houseBill,
  indexOfId,
  MAX_FILINGS,
  postalItemId,
  s10CheckDigit,
} from './ids.js';

describe('filing ids', () => {
  it('computes the UPU S10 check digit (the standard example: 47312482 → 9)', () => {
    expect(s10CheckDigit('47312482')).toBe(9);
    expect(postalItemId(12_345, 'CN')).toMatch(/^[A-Z]{2}\d{9}CN$/);
  });

  it('writes entry numbers, house bills and postal ids in their formats', () => {
    expect(entryNumber('A7K', 0)).toMatch(/^A7K-\d{7}-\d$/);
    const e = entryNumber('A7K', 77);
    expect(Number(e.slice(-1))).toBe(entryCheckDigit('A7K', e.slice(4, 11)));
    expect(houseBill('SKYX', 5)).toMatch(/^SKYX\d{9}$/);
    const hb = houseBill('SKYX', 5);
    expect(Number(hb.slice(-1))).toBe(Number(hb.slice(4, 12)) % 7);
  });

  it('turns every id back into the index it was made from', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_FILINGS - 1 }), (i) => {
        expect(indexOfId(entryNumber('H2B', i))).toBe(i);
        expect(indexOfId(houseBill('TPAC', i))).toBe(i);
        expect(indexOfId(postalItemId(i, 'HK'))).toBe(i);
      }),
    );
    expect(indexOfId('not an id')).toBe(-1);
  });

  it('never gives two filings the same number, and keeps entry house bills apart from manifest ones', () => {
    const n = 300_000;
    const entries = new Set<string>();
    const bills = new Set<string>();
    for (let i = 0; i < n; i++) {
      entries.add(entryNumber('A7K', i).slice(4, 11));
      bills.add(houseBill('SKYX', i).slice(4, 12));
      bills.add(houseBill('SKYX', i, true).slice(4, 12));
    }
    expect(entries.size).toBe(n);
    expect(bills.size).toBe(2 * n);
  });
});
