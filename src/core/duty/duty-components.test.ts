import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DatedValue, ParameterHistory, ParameterSet } from '../policy/index.js';
import { createTariffLists, type TariffLists } from '../refdata/tariff-lists.js';
import { easternWallClockToUtc } from '../time/index.js';
import {
  type DutyComponent,
  type EstimateContext,
  type EstimateLine,
  estimateShipment,
  type PostalMethod,
} from './duty-components.js';
import { generalDuty, partDuty } from './general-duty.js';
import { parseGeneralRate, type RatePart } from './general-rate.js';

const et = (date: string, h = 0, m = 0) => easternWallClockToUtc(date, h, m);

function history(name: string, entries: [from: string | undefined, value: unknown][]): ParameterHistory {
  const values: DatedValue[] = entries.map(([from, value]) => ({
    fromMs: from === undefined ? Number.NEGATIVE_INFINITY : et(from),
    from: from ?? 'origin',
    value,
    citation: `test ${name} ${from ?? 'origin'}`,
  }));
  return { name, description: name, values };
}

const BANDS = [
  { belowPercent: 16, usd: 80 },
  { belowPercent: 25.0001, usd: 160 },
  { belowPercent: 1000, usd: 200 },
];

const PARAMS: ParameterSet = new Map(
  [
    history('ieepa-rates', [
      [undefined, { default: 0, byCountry: {} }],
      ['2025-08-07', { default: 10, byCountry: { CN: 30, VN: 20 } }],
    ]),
    history('postal-duty', [
      [undefined, null],
      ['2025-05-14', { origins: ['CN', 'HK'], adValorem: 54, perItemUsd: 100, perItemBands: null }],
      ['2025-08-29', { origins: ['*'], adValorem: 'ieepa', perItemUsd: null, perItemBands: BANDS }],
      ['2026-03-01', { origins: ['*'], adValorem: 'ieepa', perItemUsd: null, perItemBands: null }],
    ]),
    history('mpf-informal-usd', [
      [undefined, { automated: 2, manual: 6, cbpPrepared: 9 }],
      ['2024-10-01', { automated: 2.62, manual: 7.86, cbpPrepared: 11.79 }],
      ['2025-10-01', { automated: 2.69, manual: 8.06, cbpPrepared: 12.09 }],
    ]),
    history('mpf-formal', [
      [undefined, { percent: 0.3464, minUsd: 25, maxUsd: 485 }],
      ['2024-10-01', { percent: 0.3464, minUsd: 32.71, maxUsd: 634.62 }],
      ['2025-10-01', { percent: 0.3464, minUsd: 33.58, maxUsd: 651.5 }],
    ]),
  ].map((h) => [h.name, h]),
);

const SCHEDULE = new Map<string, string>([
  ['6109100012', '16.5%'],
  ['0402290000', '37.5¢/kg + 3%'],
  ['6505000000', '$1.05/doz.'],
  ['7615102015', '3.1%'],
  ['9102110000', '51¢ each + 6.25% on the case and strap, band or bracelet + 5.3% on the battery'],
  ['2009890000', 'The rate applicable to the natural juice in heading 2009'],
  ['1701130000', '3.6606¢/kg less 0.020668¢/kg for each degree under 100 degrees'],
  ['9999000000', '5..5%'],
  ['8501000000', 'Free'],
]);

const TARIFFS: TariffLists = createTariffLists({
  s301: [{ hts8: '61091000', percent: 7.5 }],
  s232: [{ prefix: '76151020', percent: 50, category: 'Aluminum-Derivative' }],
  editions: { s301: 'test 301', s232: 'test 232' },
});

function ctx(at: number, over: Partial<EstimateContext> = {}): EstimateContext {
  return {
    params: PARAMS,
    atMs: at,
    generalRate: (h) => SCHEDULE.get(h),
    hasSchedule: true,
    tariffs: TARIFFS,
    ...over,
  };
}

const line = (
  hts: string,
  origin: string,
  valueUsd: number,
  more: Partial<EstimateLine> = {},
): EstimateLine => ({
  hts,
  origin,
  valueUsd,
  quantity: 1,
  unit: 'PCS',
  ...more,
});

const courier = { kind: 'informal', mode: 'air' };
const mail = { kind: 'postal', mode: 'mail' };
const SEPT = et('2025-09-15');

function only(cs: readonly DutyComponent[], kind: DutyComponent['kind']): DutyComponent {
  const found = cs.filter((c) => c.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0] as DutyComponent;
}

const cents = (c: DutyComponent) => (c.computed ? c.cents : Number.NaN);

describe('estimateShipment: components of an informal or formal entry', () => {
  it('a Chinese T-shirt: general 16.5%, Section 301 7.5%, IEEPA 30%, informal MPF of the date', () => {
    const e = estimateShipment([line('6109.10.00.12', 'CN', 40)], courier, ctx(SEPT));
    expect(e.entry).toBe('informal');
    expect(e.components.map((c) => c.kind)).toEqual(['general', 'section301', 'ieepa', 'mpf']);
    expect(only(e.components, 'general')).toMatchObject({
      computed: true,
      cents: 660,
      basis: '16.5% × $40.00',
    });
    expect(only(e.components, 'general').citation).toContain('6109.10.00.12');
    expect(cents(only(e.components, 'section301'))).toBe(300);
    expect(cents(only(e.components, 'ieepa'))).toBe(1200);
    // No Section 232 duty on the line: the component is absent, not a zero.
    expect(e.components.find((c) => c.kind === 'section232')).toBeUndefined();
    expect(only(e.components, 'mpf')).toMatchObject({ cents: 262 });
    expect(only(e.components, 'mpf').citation).toContain('2024-10-01');
    expect(e).toMatchObject({ dutyCents: 2160, feesCents: 262, notComputed: 0 });
    expect(
      cents(
        only(
          estimateShipment([line('6109100012', 'CN', 40)], courier, ctx(et('2025-10-01'))).components,
          'mpf',
        ),
      ),
    ).toBe(269);
  });

  it('Section 301 is for products of China only; IEEPA is 0 before its first order', () => {
    const hk = estimateShipment([line('6109100012', 'HK', 40)], courier, ctx(et('2025-01-15')));
    expect(hk.components.map((c) => c.kind)).toEqual(['general', 'mpf']);
  });

  it('a specific rate reads the declared weight, a compound one adds its parts', () => {
    const e = estimateShipment(
      [line('0402290000', 'VN', 10, { quantity: 4, unit: 'PCS', weightKg: 2 })],
      courier,
      ctx(SEPT),
    );
    expect(only(e.components, 'general')).toMatchObject({
      computed: true,
      cents: 105,
      basis: '37.5¢/kg × declared weight 2 kg + 3% × $10.00',
    });
    expect(cents(only(e.components, 'ieepa'))).toBe(200);
  });

  it('a rate per dozen converts pieces, and half a cent rounds up', () => {
    const e = estimateShipment(
      [line('6505000000', 'DE', 20, { quantity: 30, unit: 'PCS' })],
      courier,
      ctx(SEPT),
    );
    expect(only(e.components, 'general')).toMatchObject({
      cents: 263,
      basis: '$1.05/doz. × 30 PCS = 2.5 doz.',
    });
  });

  it('without the quantity a specific rate is not computed, and says why; the rest still is', () => {
    const e = estimateShipment(
      [line('0402290000', 'VN', 10, { quantity: 4, unit: 'PCS' })],
      courier,
      ctx(SEPT),
    );
    const g = only(e.components, 'general');
    expect(g).toMatchObject({ computed: false, code: 'QUANTITY_MISSING' });
    expect(g.computed ? '' : g.why).toContain('no declared weight');
    expect(e.notComputed).toBe(1);
    expect(e.dutyCents).toBe(200);
  });

  it('parts on the case or battery, references and sliding scales are not computed, with their reason', () => {
    const codes = (hts: string) => {
      const c = only(estimateShipment([line(hts, 'CH', 100)], courier, ctx(SEPT)).components, 'general');
      return c.computed ? 'computed' : c.code;
    };
    expect(codes('9102110000')).toBe('PARTIAL_VALUE');
    expect(codes('2009890000')).toBe('RATE_REFERENCE');
    expect(codes('1701130000')).toBe('RATE_NOT_COMPUTABLE');
  });

  it('a malformed rate in the schedule is a component with its code and text, never a throw', () => {
    const e = estimateShipment([line('9999000000', 'DE', 100)], courier, ctx(SEPT));
    const g = only(e.components, 'general');
    expect(g).toMatchObject({ computed: false, code: 'RATE_MALFORMED' });
    expect(g.computed ? '' : g.why).toContain("'5..5%'");
    expect(e.dutyCents).toBe(1000);
  });

  it('Section 232 by longest prefix, on the whole value for a derivative (an upper estimate)', () => {
    const e = estimateShipment([line('7615102015', 'DE', 100)], courier, ctx(SEPT));
    const s = only(e.components, 'section232');
    expect(s).toMatchObject({ computed: true, cents: 5000 });
    expect(s.computed ? s.basis : '').toContain('upper estimate');
    expect(e.dutyCents).toBe(310 + 5000 + 1000);
  });

  it('lists, schedule lines and parameters that are missing are counted as not computed', () => {
    const noLists = estimateShipment(
      [line('6109100012', 'CN', 40)],
      courier,
      ctx(SEPT, { tariffs: undefined }),
    );
    expect(only(noLists.components, 'section301')).toMatchObject({
      computed: false,
      code: 'LIST_NOT_LOADED',
    });
    expect(only(noLists.components, 'section232')).toMatchObject({
      computed: false,
      code: 'LIST_NOT_LOADED',
    });
    const unknown = estimateShipment([line('0101010101', 'DE', 40)], courier, ctx(SEPT));
    expect(only(unknown.components, 'general')).toMatchObject({ code: 'HTS_UNKNOWN' });
    const noSchedule = estimateShipment(
      [line('0101010101', 'DE', 40)],
      courier,
      ctx(SEPT, { hasSchedule: false, generalRate: () => undefined }),
    );
    expect(only(noSchedule.components, 'general')).toMatchObject({ code: 'LIST_NOT_LOADED' });
    const noMpf = estimateShipment(
      [line('8501000000', 'DE', 40)],
      courier,
      ctx(SEPT, { params: new Map([...PARAMS].filter(([k]) => k !== 'mpf-informal-usd')) }),
    );
    expect(only(noMpf.components, 'mpf')).toMatchObject({ computed: false, code: 'PARAMETER_MISSING' });
    expect(noMpf.feesCents).toBe(0);
  });

  it('above $2,500 the entry is formal: MPF 0.3464% with the floor and cap of the date', () => {
    const small = estimateShipment([line('8501000000', 'DE', 3000)], courier, ctx(SEPT));
    expect(small.entry).toBe('formal');
    expect(only(small.components, 'mpf')).toMatchObject({ cents: 3271 });
    expect(
      cents(
        only(
          estimateShipment([line('8501000000', 'DE', 3000)], courier, ctx(et('2025-10-01'))).components,
          'mpf',
        ),
      ),
    ).toBe(3358);
    const mid = estimateShipment([line('8501000000', 'DE', 50_000)], courier, ctx(SEPT));
    expect(cents(only(mid.components, 'mpf'))).toBe(17_320);
    const big = estimateShipment([line('8501000000', 'DE', 300_000)], courier, ctx(et('2025-10-01')));
    expect(only(big.components, 'mpf')).toMatchObject({ cents: 65_150 });
    const at2500 = estimateShipment([line('8501000000', 'DE', 2500)], courier, ctx(SEPT));
    expect(at2500.entry).toBe('informal');
  });
});

describe('estimateShipment: a line value that is not an amount', () => {
  it('gives no duty for the line, counted as not computed, never a negative amount', () => {
    const e = estimateShipment(
      [line('6109100012', 'CN', -40), line('8501000000', 'DE', 10)],
      courier,
      ctx(SEPT),
    );
    expect(e.components[0]).toMatchObject({ kind: 'general', computed: false, code: 'VALUE_INVALID' });
    expect(e.components.filter((c) => c.line === 0)).toHaveLength(1);
    expect(e).toMatchObject({ dutyCents: 100, feesCents: 262, notComputed: 1 });
    const post = estimateShipment([line('6109100012', 'CN', Number.NaN)], mail, ctx(SEPT));
    expect(post.components).toMatchObject([{ kind: 'postal', computed: false, code: 'VALUE_INVALID' }]);
  });
});

describe('estimateShipment: postal items pay the postal IEEPA duty only', () => {
  const post = (lines: EstimateLine[], at: number, method?: PostalMethod) =>
    estimateShipment(lines, mail, ctx(at, method === undefined ? {} : { postalMethod: method }));

  it('May 2025, China: 54% ad valorem or $100 per item', () => {
    const at = et('2025-06-01');
    const lines = [line('6109100012', 'CN', 50)];
    const av = post(lines, at);
    expect(av.entry).toBe('postal');
    expect(av.components.map((c) => c.kind)).toEqual(['postal']);
    expect(av).toMatchObject({ dutyCents: 2700, feesCents: 0 });
    expect(post(lines, at, 'per-item').dutyCents).toBe(10_000);
    expect(post(lines, at, 'lower').dutyCents).toBe(2700);
    expect(post([line('6109100012', 'CN', 500)], at, 'lower').dutyCents).toBe(10_000);
  });

  it('an origin the postal table does not cover needs an ordinary entry', () => {
    const e = post([line('6109100012', 'DE', 50)], et('2025-06-01'));
    expect(e.entry).toBe('informal');
    expect(e.components.map((c) => c.kind)).toContain('mpf');
  });

  it('from 2025-08-29: each item line at its origin IEEPA rate, or $80/$160/$200 by the highest rate', () => {
    const at = et('2025-09-01');
    const mixed = [line('6109100012', 'CN', 50), line('6109100012', 'VN', 20)];
    expect(post(mixed, at).components.map(cents)).toEqual([1500, 400]);
    expect(post(mixed, at, 'per-item').dutyCents).toBe(20_000);
    expect(post([line('6109100012', 'VN', 20)], at, 'per-item').dutyCents).toBe(16_000);
    expect(post([line('6109100012', 'DE', 20)], at, 'per-item').dutyCents).toBe(8000);
  });

  it('from 2026-03-01 the per-item option is gone, whatever method is asked for', () => {
    const e = post([line('6109100012', 'CN', 50)], et('2026-03-01'), 'per-item');
    expect(e.dutyCents).toBe(1500);
  });
});

describe('estimate properties', () => {
  const value = fc.integer({ min: 0, max: 1_000_000 }).map((c) => c / 100);
  const percent = fc.integer({ min: 0, max: 50_000 }).map((p) => p / 100);
  const perKg = fc.integer({ min: 0, max: 100_000 }).map((c) => c / 1000);

  it('ad valorem is linear in the value', () => {
    fc.assert(
      fc.property(percent, value, fc.integer({ min: 0, max: 20 }), (p, v, k) => {
        const parsed = parseGeneralRate(`${p}%`);
        const one = generalDuty(parsed, { valueUsd: v });
        const many = generalDuty(parsed, { valueUsd: v * k });
        if (!one.ok || !many.ok) throw new Error('ad valorem must compute');
        expect(many.usd).toBeCloseTo(one.usd * k, 6);
      }),
    );
  });

  it('a compound rate is the sum of its parts, to the cent', () => {
    fc.assert(
      fc.property(perKg, percent, value, fc.integer({ min: 0, max: 10_000 }), (s, p, v, w) => {
        const weightKg = w / 100;
        const facts = { valueUsd: v, weightKg };
        const parsed = parseGeneralRate(`$${s}/kg + ${p}%`);
        const whole = generalDuty(parsed, facts);
        const parts: RatePart[] = [
          { kind: 'specific', usdPerUnit: s, unit: 'kg' },
          { kind: 'ad-valorem', percent: p },
        ];
        const each = parts.map((part) => partDuty(part, facts));
        if (!whole.ok || !each.every((d) => d.ok)) throw new Error('compound must compute');
        const sum = each.reduce((acc, d) => acc + (d.ok ? d.usd : 0), 0);
        expect(whole.usd).toBeCloseTo(sum, 9);
      }),
    );
  });

  it('no component is ever negative, and the totals are the sums of the components shown', () => {
    const hts = fc.constantFrom(...SCHEDULE.keys(), '0101010101');
    const origin = fc.constantFrom('CN', 'HK', 'VN', 'DE', 'MX');
    const anyLine = fc.record({
      hts,
      origin,
      valueUsd: fc.oneof({ weight: 8, arbitrary: value }, fc.constantFrom(-5, Number.NaN)),
      quantity: fc.integer({ min: 0, max: 500 }),
      unit: fc.constantFrom('PCS', 'KG', 'DOZ', 'PRS', 'SET'),
      weightKg: fc.option(
        fc.integer({ min: 0, max: 50_000 }).map((g) => g / 1000),
        { nil: undefined },
      ),
    });
    const at = fc.constantFrom('2025-01-15', '2025-06-01', '2025-09-15', '2026-03-02').map((d) => et(d));
    const kind = fc.constantFrom(courier, mail);
    const method = fc.constantFrom<PostalMethod>('ad-valorem', 'per-item', 'lower');
    fc.assert(
      fc.property(fc.array(anyLine, { minLength: 1, maxLength: 5 }), kind, at, method, (lines, k, t, m) => {
        const e = estimateShipment(lines, k, ctx(t, { postalMethod: m }));
        let duty = 0;
        let fees = 0;
        let missing = 0;
        for (const c of e.components) {
          if (!c.computed) {
            missing++;
            continue;
          }
          expect(Number.isInteger(c.cents)).toBe(true);
          expect(c.cents).toBeGreaterThanOrEqual(0);
          if (c.kind === 'mpf') fees += c.cents;
          else duty += c.cents;
        }
        expect(e).toMatchObject({ dutyCents: duty, feesCents: fees, notComputed: missing });
      }),
    );
  });
});
