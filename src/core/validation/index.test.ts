import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRecord } from '../filing/index.js';
import { FINDINGS } from '../findings/index.js';
import { validateFiling } from './index.js';
import { aConsignee, aFiling, aLine, anAmendment, aShipper } from './test-support/filing-builder.js';
import { aReferenceData } from './test-support/reference-builder.js';

const ref = aReferenceData();

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

describe('validateFiling', () => {
  it('finds nothing wrong with the builder filing, with or without a schedule', () => {
    expect(checkRecord(aFiling()).ok).toBe(true);
    expect(validateFiling(aFiling(), ref)).toEqual([]);
    expect(validateFiling(aFiling(), aReferenceData({ hts: false }))).toEqual([]);
    expect(validateFiling(anAmendment(), ref)).toEqual([]);
  });

  it('finds nothing wrong with a richer clean filing: several lines, currencies, all parties', () => {
    const f = aFiling({
      kind: 'manifest321',
      mode: 'truck',
      estimatedArrival: undefined,
      currency: 'EUR',
      declaredValue: 110,
      grossWeightKg: 2,
      lines: [
        aLine({ value: 60, currency: 'EUR', origin: 'VN', weightKg: 0.8 }),
        aLine({
          hts: '9503.00.00.90',
          description: 'plastic building block toy set',
          value: 55,
          currency: 'USD',
          weightKg: 1,
        }),
      ],
      seller: aShipper({ name: 'Bright Apparel Store' }),
      purchaser: aConsignee({ name: 'Jane Smith' }),
      deliverTo: aConsignee({
        address: { line1: '1 Market St', city: 'San Francisco', state: 'CA', postalCode: '94105-1420' },
      }),
      marketplace: { name: 'ShopHub', listingId: 'L-1', listedPrice: 24, currency: 'USD' },
    });
    expect(checkRecord(f).ok).toBe(true);
    expect(validateFiling(f, ref)).toEqual([]);
  });

  it('reports every problem of a bad filing with a precise path, in rule order', () => {
    const f = aFiling({
      filedAt: '2025-02-30T10:00:00Z',
      estimatedArrival: undefined,
      declaredValue: 10,
      currency: 'usd',
      consignee: aConsignee({ name: 'N/A', address: { postalCode: '1234' } }),
      lines: [aLine({ hts: '6109.10.00', description: 'Apparel.', origin: 'ZZ' })],
    });
    expect(validateFiling(f, ref).map((x) => [x.code, x.path])).toEqual([
      ['INSTANT_INVALID', '/filedAt'],
      ['EDA_MISSING', '/estimatedArrival'],
      ['HTS_FORMAT', '/lines/0/hts'],
      ['CURRENCY_INVALID', '/currency'],
      ['COUNTRY_INVALID', '/lines/0/origin'],
      ['DESCRIPTION_VAGUE', '/lines/0/description'],
      ['CONSIGNEE_PLACEHOLDER', '/consignee/name'],
      ['ZIP_INVALID', '/consignee/address/postalCode'],
    ]);
  });

  it('never throws nor mutates its input, and only raises catalog codes at JSON-pointer paths', () => {
    const line = fc.record({
      hts: fc.oneof(
        fc.constantFrom('6109.10.00.12', '8517620090', '7117.19.90.00'),
        fc.string({ maxLength: 20 }),
      ),
      description: fc.string({ maxLength: 40 }),
      quantity: fc.double(),
      value: fc.double(),
      currency: fc.constantFrom('USD', 'EUR', 'BDT', 'XYZ'),
      origin: fc.constantFrom('CN', 'US', 'ZZ', ''),
      weightKg: fc.option(fc.double(), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 4 }),
        fc.double(),
        fc.double(),
        fc.constantFrom('type86', 'manifest321', 'postal'),
        fc.string({ maxLength: 12 }),
        (lines, declaredValue, grossWeightKg, kind, postalCode) => {
          const f = deepFreeze(
            aFiling({
              kind: kind as 'type86',
              declaredValue,
              grossWeightKg,
              consignee: aConsignee({ address: { postalCode } }),
              lines: lines.map((l) => aLine(l)),
            }),
          );
          for (const x of validateFiling(f, ref)) {
            expect(FINDINGS[x.code]).toBeDefined();
            expect(x.path).toMatch(/^(\/[A-Za-z0-9]+)+$/);
          }
        },
      ),
    );
  });
});
