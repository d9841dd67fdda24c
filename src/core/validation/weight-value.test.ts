import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Filing } from '../filing/schema.js';
import type { Finding } from '../findings/index.js';
import { aFiling, aLine } from './test-support/filing-builder.js';
import { aReferenceData } from './test-support/reference-builder.js';
import { checkWeightValue } from './weight-value.js';
import { bandForChapter, DEFAULT_BAND } from './weight-value-bands.js';

const ref = aReferenceData();
function run(f: Filing): Finding[] {
  const out: Finding[] = [];
  checkWeightValue(f, ref, out);
  return out;
}
const pairs = (fs: Finding[]) => fs.map((x) => [x.code, x.path]);

describe('weight-to-value bands', () => {
  it('gives apparel, electronics, jewelry and plastics their bands and others the default', () => {
    expect(bandForChapter('61')).toEqual({ min: 0.5, max: 3000 });
    expect(bandForChapter('62')).toEqual({ min: 0.5, max: 3000 });
    expect(bandForChapter('71').max).toBeGreaterThanOrEqual(100_000);
    expect(bandForChapter('39').max).toBeLessThan(bandForChapter('85').max);
    expect(bandForChapter('01')).toBe(DEFAULT_BAND);
    expect(bandForChapter('')).toBe(DEFAULT_BAND);
  });
});

describe('weight-to-value plausibility', () => {
  it('accepts typical values per kilogram', () => {
    expect(run(aFiling())).toEqual([]);
    const ring = aLine({
      hts: '7113.19.50.90',
      description: 'gold ring, 14 karat',
      value: 700,
      weightKg: 0.004,
    });
    expect(run(aFiling({ declaredValue: 700, grossWeightKg: 0.05, lines: [ring] }))).toEqual([]);
  });

  it('flags the shipment when declared USD per gross kg is outside the band of its main chapter', () => {
    // 40 kg of T-shirts for $3.
    const cheap = aFiling({
      declaredValue: 3,
      grossWeightKg: 40,
      lines: [aLine({ value: 3, weightKg: undefined })],
    });
    expect(run(cheap)).toEqual([
      expect.objectContaining({
        code: 'WEIGHT_VALUE_IMPLAUSIBLE',
        severity: 'warn',
        path: '/grossWeightKg',
        message: expect.stringContaining('$0.075/kg declared, expected $0.5–$3,000/kg for HTS chapter 61'),
      }),
    ]);
  });

  it('takes the chapter of the most valuable line, in USD', () => {
    // $300 in 0.05 kg is $6,000/kg: too much for T-shirts, fine for the earbuds worth more in USD.
    const lines = [
      aLine({ value: 100, weightKg: undefined }),
      aLine({
        hts: '8517.62.00.90',
        description: 'wireless earbuds',
        value: 2000,
        currency: 'JPY',
        weightKg: undefined,
      }),
    ];
    expect(run(aFiling({ declaredValue: 300, grossWeightKg: 0.05, lines }))).toEqual([
      expect.objectContaining({ path: '/grossWeightKg', message: expect.stringContaining('chapter 61') }),
    ]);
    const earbudsMain = [lines[0]!, { ...lines[1]!, currency: 'USD', value: 200 }];
    expect(run(aFiling({ declaredValue: 300, grossWeightKg: 0.05, lines: earbudsMain }))).toEqual([]);
  });

  it('flags a weighed line outside its chapter band, at the line weight', () => {
    const f = aFiling({ lines: [aLine({ value: 24, weightKg: 0.001 })], grossWeightKg: 0.5 });
    expect(pairs(run(f))).toEqual([['WEIGHT_VALUE_IMPLAUSIBLE', '/lines/0/weightKg']]);
    expect(run(f)[0]!.message).toContain('$24,000/kg declared');
  });

  it('warns when line weights add up to more than 5 % over the gross weight', () => {
    const ok = aFiling({
      grossWeightKg: 1,
      declaredValue: 48,
      lines: [aLine({ weightKg: 0.5 }), aLine({ weightKg: 0.55 })],
    });
    expect(run(ok)).toEqual([]);
    const over = aFiling({
      grossWeightKg: 1,
      declaredValue: 48,
      lines: [aLine({ weightKg: 0.5 }), aLine({ weightKg: 0.6 })],
    });
    expect(run(over)).toEqual([
      expect.objectContaining({
        code: 'LINE_WEIGHT_EXCEEDS_GROSS',
        severity: 'warn',
        path: '/grossWeightKg',
        message: expect.stringContaining('lines weigh 1.10 kg in all, gross weight is 1 kg'),
      }),
    ]);
  });

  it('compares line weights with the gross weight even when a currency has no rate', () => {
    const f = aFiling({
      currency: 'BDT',
      lines: [aLine({ currency: 'BDT', weightKg: 2 })],
      grossWeightKg: 1,
    });
    expect(pairs(run(f))).toEqual([['LINE_WEIGHT_EXCEEDS_GROSS', '/grossWeightKg']]);
  });

  it('leaves non-positive amounts to the amount rule', () => {
    expect(run(aFiling({ grossWeightKg: 0 }))).toEqual([]);
    expect(run(aFiling({ declaredValue: -5, lines: [aLine({ value: -5, weightKg: 0 })] }))).toEqual([]);
  });

  it('flags a shipment exactly when its USD per kg leaves the band', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 10_000, noNaN: true }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (usd, kg) => {
          const f = aFiling({
            declaredValue: usd,
            grossWeightKg: kg,
            lines: [aLine({ value: usd, weightKg: undefined })],
          });
          const perKg = usd / kg;
          const { min, max } = bandForChapter('61');
          expect(run(f).length === 1).toBe(perKg < min || perKg > max);
        },
      ),
    );
  });
});
