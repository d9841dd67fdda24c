import { describe, expect, it } from 'vitest';
import { type ShipmentFacts, valueAt } from '../../core/policy/index.js';
import { easternWallClockToUtc } from '../../core/time/index.js';
import { loadPolicies, policyByName, withOverrides } from './load-policies.js';

/**
 * Every regime of the law, checked on both sides of the instant it takes effect. Instants are
 * U.S. Eastern wall-clock times, as the executive orders and statutes give them.
 */
const policies = loadPolicies();
const law = policyByName('law', policies);
const et = (date: string, hh = 0, mm = 0) => easternWallClockToUtc(date, hh, mm);
const justBefore = (ms: number) => ms - 60_000;

const parcel = (over: Partial<ShipmentFacts> = {}): ShipmentFacts => ({
  kind: 'type86',
  mode: 'air',
  claim: 'section321',
  filer: 'A7K',
  filerRole: 'broker',
  carrier: 'SKYX',
  valueCents: 5_000,
  origins: ['DE'],
  shipperCountry: 'DE',
  ecommerce: false,
  goods: [],
  ...over,
});
const outcome = (facts: ShipmentFacts, at: number, p = law) => {
  const e = p.policy.eligibility!(facts, at);
  return e.code === undefined ? e.outcome : `${e.outcome}:${e.code}`;
};
const param = (name: string, at: number, p = law) => valueAt(p.params!.get(name)!, at)?.value;

describe('threshold: $200 before 2016-03-10, $800 after, repealed 2027-07-01', () => {
  const tfta = et('2016-03-10');
  it('a $500 shipment turns eligible at 00:00 Eastern on 2016-03-10', () => {
    const f = parcel({ valueCents: 50_000 });
    expect(outcome(f, justBefore(tfta))).toBe('ineligible:VALUE_OVER_THRESHOLD');
    expect(outcome(f, tfta)).toBe('eligible');
  });
  it('exactly $800 is within the limit, $800.01 is not', () => {
    expect(outcome(parcel({ valueCents: 80_000 }), et('2024-06-01'))).toBe('eligible');
    expect(outcome(parcel({ valueCents: 80_001 }), et('2024-06-01'))).toBe('ineligible:VALUE_OVER_THRESHOLD');
  });
  it('the aggregation threshold follows the same history', () => {
    expect(law.policy.aggregation(justBefore(tfta)).thresholdCents).toBe(20_000);
    expect(law.policy.aggregation(tfta).thresholdCents).toBe(80_000);
  });
  it('is repealed from 2027-07-01, when the reason given changes from suspension to repeal', () => {
    const repeal = et('2027-07-01');
    expect(outcome(parcel(), justBefore(repeal))).toBe('ineligible:DE_MINIMIS_SUSPENDED');
    expect(outcome(parcel(), repeal)).toBe('ineligible:DE_MINIMIS_REPEALED');
    expect(law.policy.aggregation(repeal).atArrival).toBe('off');
  });
});

describe('China and Hong Kong suspension', () => {
  const cn = parcel({ origins: ['CN'], shipperCountry: 'CN' });
  it('starts 2025-02-04 00:01 Eastern and is paused on 2025-02-07', () => {
    expect(outcome(cn, et('2025-02-04', 0, 0))).toBe('eligible');
    expect(outcome(cn, et('2025-02-04', 0, 1))).toBe('ineligible:ORIGIN_SUSPENDED');
    expect(outcome(cn, justBefore(et('2025-02-07')))).toBe('ineligible:ORIGIN_SUSPENDED');
    expect(outcome(cn, et('2025-02-07'))).toBe('eligible');
  });
  it('resumes 2025-05-02 00:01 Eastern, with ACE code 318, for Hong Kong too but not for Vietnam', () => {
    expect(outcome(cn, et('2025-05-02', 0, 0))).toBe('eligible');
    const e = law.policy.eligibility!(cn, et('2025-05-02', 0, 1));
    expect(e.aceCode).toBe('318');
    expect(e.steps.at(-1)?.citation).toMatch(/EO 14256/);
    expect(outcome(parcel({ origins: ['HK'] }), et('2025-05-02', 0, 1))).toBe('ineligible:ORIGIN_SUSPENDED');
    expect(outcome(parcel({ origins: ['VN'] }), et('2025-05-02', 0, 1))).toBe('eligible');
  });
  it('one line of Chinese origin is enough', () => {
    expect(outcome(parcel({ origins: ['DE', 'CN'] }), et('2025-06-01'))).toBe('ineligible:ORIGIN_SUSPENDED');
  });
  it('postal items pay 120% or $100, then 54% or $100 from 2025-05-14 00:01', () => {
    const mail = parcel({ kind: 'postal', mode: 'mail', origins: ['CN'] });
    expect(outcome(mail, et('2025-05-02', 0, 0))).toBe('eligible');
    expect(outcome(mail, et('2025-05-02', 0, 1))).toBe('dutiable-postal:POSTAL_DUTY');
    expect(param('postal-duty', et('2025-05-14', 0, 0))).toMatchObject({ adValorem: 120, perItemUsd: 100 });
    expect(param('postal-duty', et('2025-05-14', 0, 1))).toMatchObject({ adValorem: 54, perItemUsd: 100 });
    // The $200 step once planned for 2025-06-01 never took effect.
    expect(param('postal-duty', et('2025-06-02'))).toMatchObject({ perItemUsd: 100 });
  });
});

describe('all-country suspension from 2025-08-29 00:01 Eastern', () => {
  const start = et('2025-08-29', 0, 1);
  it('rejects Section 321 for every origin and mode but mail', () => {
    expect(outcome(parcel(), justBefore(start))).toBe('eligible');
    expect(outcome(parcel(), start)).toBe('ineligible:DE_MINIMIS_SUSPENDED');
    expect(outcome(parcel({ kind: 'manifest321', mode: 'truck', origins: ['CA'] }), start)).toBe(
      'ineligible:DE_MINIMIS_SUSPENDED',
    );
  });
  it('postal items pay the IEEPA rate or $80/$160/$200 per item until 2026-02-28', () => {
    const mail = parcel({ kind: 'postal', mode: 'mail' });
    expect(outcome(mail, justBefore(start))).toBe('eligible');
    expect(outcome(mail, start)).toBe('dutiable-postal:POSTAL_DUTY');
    const bands = param('postal-duty', start) as { perItemBands: { usd: number }[] };
    expect(bands.perItemBands.map((b) => b.usd)).toEqual([80, 160, 200]);
    expect(param('postal-duty', justBefore(et('2026-03-01')))).toMatchObject({ adValorem: 'ieepa' });
    expect(
      (param('postal-duty', justBefore(et('2026-03-01'))) as { perItemBands: unknown }).perItemBands,
    ).not.toBeNull();
    expect(param('postal-duty', et('2026-03-01'))).toMatchObject({ perItemBands: null });
  });
});

describe('gifts and travelers', () => {
  it('a gift is $100, $200 when sent from the U.S. Virgin Islands, Guam or American Samoa', () => {
    const gift = parcel({ claim: 'gift', kind: 'postal', mode: 'mail', valueCents: 15_000 });
    expect(outcome(gift, et('2024-01-01'))).toBe('ineligible:GIFT_OVER_LIMIT');
    expect(outcome({ ...gift, shipperCountry: 'VI' }, et('2024-01-01'))).toBe('eligible');
    expect(outcome({ ...gift, shipperCountry: 'GU' }, et('2024-01-01'))).toBe('eligible');
  });
  it('gifts and travelers keep their exemptions after the 2027 repeal and during suspensions', () => {
    expect(outcome(parcel({ claim: 'gift', valueCents: 9_000 }), et('2027-07-02'))).toBe('eligible');
    expect(outcome(parcel({ claim: 'traveler', valueCents: 20_000 }), et('2025-09-01'))).toBe('eligible');
    expect(outcome(parcel({ claim: 'traveler', valueCents: 20_001 }), et('2025-09-01'))).toBe(
      'ineligible:TRAVELER_OVER_LIMIT',
    );
  });
});

describe('excluded goods', () => {
  const at = et('2024-06-01');
  it('alcohol, tobacco and quota goods at any value', () => {
    expect(outcome(parcel({ goods: ['alcohol'] }), at)).toBe('ineligible:GOODS_EXCLUDED');
    expect(outcome(parcel({ goods: ['tobacco'] }), at)).toBe('ineligible:GOODS_EXCLUDED');
    expect(outcome(parcel({ goods: ['quota'] }), at)).toBe('ineligible:GOODS_EXCLUDED');
  });
  it('perfume only when the shipment is worth more than $5', () => {
    expect(outcome(parcel({ goods: ['perfume'], valueCents: 500 }), at)).toBe('eligible');
    expect(outcome(parcel({ goods: ['perfume'], valueCents: 501 }), at)).toBe('ineligible:GOODS_EXCLUDED');
  });
  it('PGA-flagged goods only on release from manifest; AD/CVD goods always', () => {
    expect(outcome(parcel({ goods: ['pga'] }), at)).toBe('eligible');
    expect(outcome(parcel({ goods: ['pga'], kind: 'manifest321' }), at)).toBe('ineligible:GOODS_EXCLUDED');
    expect(outcome(parcel({ goods: ['adcvd'] }), at)).toBe('ineligible:GOODS_EXCLUDED');
  });
  it('trade-remedy goods stay eligible under the law, not under the January 2025 proposal', () => {
    const s301 = parcel({ goods: ['section301'], origins: ['CN'] });
    const proposed = policyByName('proposed-2025-01', policies);
    expect(outcome(s301, et('2025-01-22'))).toBe('eligible');
    expect(outcome(s301, justBefore(et('2025-01-21')), proposed)).toBe('eligible');
    expect(outcome(s301, et('2025-01-21'), proposed)).toBe('ineligible:GOODS_EXCLUDED');
  });
});

describe('the aggregation check releases', () => {
  it('nothing automated, then a warning (2025-01-11), then 4M withholding from 2025-08-12', () => {
    const a = (d: string) => law.policy.aggregation(et(d));
    expect([a('2024-12-01').atFiling, a('2024-12-01').atArrival]).toEqual(['off', 'off']);
    expect([a('2025-01-11').atFiling, a('2025-01-11').atArrival]).toEqual(['warn', 'off']);
    expect(law.policy.aggregation(justBefore(et('2025-08-12'))).atArrival).toBe('off');
    expect(a('2025-08-12').atArrival).toBe('withhold');
    expect(a('2025-08-12').excludedModes).toContain('mail');
  });
});

describe('civil penalty and fees', () => {
  it('§1321(c) penalty from 2025-07-04 until the repeal', () => {
    expect(param('civil-penalty-usd', justBefore(et('2025-07-04')))).toBeNull();
    expect(param('civil-penalty-usd', et('2025-07-04'))).toEqual({ first: 5000, later: 10000 });
    expect(param('civil-penalty-usd', et('2027-07-01'))).toBeNull();
  });
  it('the informal-entry MPF changes each fiscal year on October 1', () => {
    expect(param('mpf-informal-usd', justBefore(et('2024-10-01')))).toMatchObject({ automated: 2.53 });
    expect(param('mpf-informal-usd', et('2024-10-01'))).toMatchObject({ automated: 2.62 });
  });
});

describe('scenarios', () => {
  const at = et('2024-06-01');
  it('pause Type 86, keep manifest claims of compliant U.S.-based carriers', () => {
    const p = policyByName('pause-type86', policies);
    expect(outcome(parcel(), at, p)).toBe('ineligible:TYPE86_PAUSED');
    expect(outcome(parcel({ kind: 'manifest321', filer: 'TPAC', carrier: 'TPAC' }), at, p)).toBe(
      'ineligible:CARRIER_NOT_ALLOWED',
    );
    expect(outcome(parcel({ kind: 'manifest321', filer: 'SKYX', carrier: 'SKYX' }), at, p)).toBe('eligible');
  });
  it('delink e-commerce', () => {
    const p = policyByName('delink-ecommerce', policies);
    expect(outcome(parcel({ ecommerce: true }), at, p)).toBe('ineligible:ECOMMERCE_EXCLUDED');
    expect(outcome(parcel({ ecommerce: false }), at, p)).toBe('eligible');
  });
  it('end de minimis', () => {
    expect(outcome(parcel(), at, policyByName('end-de-minimis', policies))).toBe(
      'ineligible:DE_MINIMIS_REPEALED',
    );
  });
  it('per-filer suspension from Type 86 takes effect on its date', () => {
    const p = policyByName('suspend-filers', policies);
    const s5w = parcel({ filer: 'S5W' });
    expect(outcome(s5w, justBefore(et('2025-06-01')), p)).toBe('eligible');
    // Outside the China suspension: a German-origin parcel.
    expect(outcome(s5w, et('2025-06-01'), p)).toBe('ineligible:FILER_SUSPENDED');
    expect(outcome(parcel({ filer: 'A7K' }), et('2025-06-01'), p)).toBe('eligible');
  });
  it('a custom threshold from the command line, from its date', () => {
    const p = withOverrides(law, ['threshold-usd=200@2024-01-01']);
    const f = parcel({ valueCents: 30_000 });
    expect(outcome(f, justBefore(et('2024-01-01')), p)).toBe('eligible');
    expect(outcome(f, et('2024-01-01'), p)).toBe('ineligible:VALUE_OVER_THRESHOLD');
    expect(p.policy.aggregation(et('2024-01-01')).thresholdCents).toBe(20_000);
  });
  it('an unknown policy name lists the known ones', () => {
    expect(() => policyByName('no-such', policies)).toThrow(/known: law, .*ace-2025-08-12/);
  });
});
