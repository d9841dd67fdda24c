import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Filing } from '../filing/schema.js';
import type { Finding } from '../findings/index.js';
import { checkAmounts } from './amounts.js';
import { aFiling, aLine } from './test-support/filing-builder.js';
import { aReferenceData } from './test-support/reference-builder.js';

const ref = aReferenceData();
function run(f: Filing): Finding[] {
  const out: Finding[] = [];
  checkAmounts(f, ref, out);
  return out;
}
const pairs = (fs: Finding[]) => fs.map((x) => [x.code, x.path]);

describe('values, weights and quantities', () => {
  it('accepts positive amounts', () => {
    expect(run(aFiling())).toEqual([]);
    expect(run(aFiling({ lines: [aLine({ weightKg: undefined })] }))).toEqual([]);
  });

  it('rejects zero, negative and non-finite amounts, each at its path', () => {
    const f = aFiling({
      declaredValue: 0,
      grossWeightKg: -1,
      lines: [
        aLine({ value: Number.NaN, quantity: 0, weightKg: 0 }),
        aLine({ value: Number.POSITIVE_INFINITY }),
      ],
    });
    expect(pairs(run(f))).toEqual([
      ['VALUE_NOT_POSITIVE', '/declaredValue'],
      ['WEIGHT_NOT_POSITIVE', '/grossWeightKg'],
      ['VALUE_NOT_POSITIVE', '/lines/0/value'],
      ['QUANTITY_NOT_POSITIVE', '/lines/0/quantity'],
      ['WEIGHT_NOT_POSITIVE', '/lines/0/weightKg'],
      ['VALUE_NOT_POSITIVE', '/lines/1/value'],
    ]);
    expect(run(f)[1]!.message).toContain('got -1 kg');
  });

  it('rejects a header value below the sum of the lines (ACE 119), with both amounts in USD', () => {
    const found = run(aFiling({ declaredValue: 40, lines: [aLine({ value: 24 }), aLine({ value: 24 })] }));
    expect(found).toEqual([
      expect.objectContaining({
        code: 'VALUE_BELOW_LINES',
        aceCode: '119',
        path: '/declaredValue',
        message: expect.stringContaining('declared $40.00, the 2 line(s) add up to $48.00'),
      }),
    ]);
  });

  it('compares in USD across currencies, within one cent', () => {
    // 100 EUR = $110; lines $60 + 50 EUR ($55) = $115 → below.
    const below = aFiling({
      currency: 'EUR',
      declaredValue: 100,
      lines: [aLine({ value: 60 }), aLine({ value: 50, currency: 'EUR' })],
    });
    expect(pairs(run(below))).toEqual([['VALUE_BELOW_LINES', '/declaredValue']]);
    // 100 EUR = $110; lines $110.005 → within the cent.
    const equal = aFiling({ currency: 'EUR', declaredValue: 100, lines: [aLine({ value: 110.005 })] });
    expect(run(equal)).toEqual([]);
  });

  it('does not compare when a currency has no rate (CURRENCY_NO_RATE says why)', () => {
    expect(run(aFiling({ declaredValue: 1, lines: [aLine({ currency: 'BDT', value: 5000 })] }))).toEqual([]);
  });

  it('raises VALUE_BELOW_LINES exactly when the header is more than a cent below the lines', () => {
    const cents = fc.integer({ min: 1, max: 100_000 });
    fc.assert(
      fc.property(
        fc.array(cents, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: -500, max: 500 }),
        (lineCents, delta) => {
          const total = lineCents.reduce((a, b) => a + b, 0);
          fc.pre(total + delta > 0);
          const f = aFiling({
            declaredValue: (total + delta) / 100,
            lines: lineCents.map((c) => aLine({ value: c / 100 })),
          });
          const flagged = run(f).some((x) => x.code === 'VALUE_BELOW_LINES');
          expect(flagged).toBe(delta < -1);
        },
      ),
    );
  });
});
