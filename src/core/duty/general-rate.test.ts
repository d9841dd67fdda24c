import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPart, type GeneralRate, parseGeneralRate, type RatePart } from './general-rate.js';

function rate(text: string): GeneralRate {
  const r = parseGeneralRate(text);
  if (!r.ok) throw new Error(`${text}: ${r.code} ${r.message}`);
  return r.rate;
}

const parts = (text: string): readonly RatePart[] => {
  const r = rate(text);
  return 'parts' in r ? r.parts : [];
};

describe('parseGeneralRate: the forms of the column-1 general rate', () => {
  it('Free, with or without a condition', () => {
    expect(rate('Free')).toEqual({ form: 'free', text: 'Free' });
    expect(rate('Free, under bond, as prescribed in U.S. note 1 to this subchapter')).toMatchObject({
      form: 'free',
      condition: 'under bond, as prescribed in U.S. note 1 to this subchapter',
    });
  });

  it('ad valorem, on the whole value unless a part of it is named', () => {
    expect(rate('6.5%')).toMatchObject({ form: 'ad-valorem', parts: [{ kind: 'ad-valorem', percent: 6.5 }] });
    expect(rate('0.9%').form).toBe('ad-valorem');
    expect(parts('6.5% on the entire set')).toEqual([{ kind: 'ad-valorem', percent: 6.5 }]);
    expect(parts('3 percent of the fair retail value')).toEqual([{ kind: 'ad-valorem', percent: 3 }]);
    expect(parts('2.5% on the value of the lead content')).toEqual([
      { kind: 'ad-valorem', percent: 2.5, on: 'value of the lead content' },
    ]);
  });

  it('specific: cents or dollars per unit, units normalized', () => {
    expect(parts('2.2¢/kg')).toEqual([{ kind: 'specific', usdPerUnit: 0.022, unit: 'kg' }]);
    expect(parts('$1.05/doz.')).toEqual([{ kind: 'specific', usdPerUnit: 1.05, unit: 'doz.' }]);
    expect(parts('0.9¢ each')).toEqual([{ kind: 'specific', usdPerUnit: 0.009, unit: 'each' }]);
    expect(parts('$2.16 each')).toEqual([{ kind: 'specific', usdPerUnit: 2.16, unit: 'each' }]);
    const unitOf = (t: string) => (parts(t)[0] as { unit: string }).unit;
    expect(unitOf('14.27¢/ liter')).toBe('liter');
    expect(unitOf('23.7¢/pf.liter')).toBe('proof liter');
    expect(unitOf('18.9¢/pf. liter')).toBe('proof liter');
    expect(unitOf('10.5¢/bbl')).toBe('bbl');
    expect(unitOf('$1.13/m3')).toBe('m3');
    expect(unitOf('14.5¢/m2')).toBe('m2');
    expect(unitOf('$4.95/t')).toBe('t');
    expect(unitOf('38.4¢/1000')).toBe('thousand');
    expect(unitOf('20¢/thousand + 3.5%')).toBe('thousand');
    expect(unitOf('6.5¢/gross')).toBe('gross');
    expect(unitOf('68¢/head')).toBe('head');
    expect(unitOf('90¢/pr. + 37.5%')).toBe('pair');
    expect(unitOf('0.3¢/line/ gross + 4.6%')).toBe('line/gross');
  });

  it('specific on a quantity other than the article: drained weight, sugars, metal content, clean wool', () => {
    expect(parts('3.7¢/kg on drained weight')).toEqual([
      { kind: 'specific', usdPerUnit: 0.037, unit: 'kg', on: 'drained weight' },
    ]);
    expect(parts('3.6606¢/kg of total sugars')[0]).toMatchObject({ on: 'total sugars' });
    expect(parts('37.5¢/kg on tungsten content')[0]).toMatchObject({ on: 'tungsten content' });
    expect(parts('5¢/kg on contents and container')[0]).toMatchObject({ on: 'contents and container' });
    expect(parts('18.7¢/clean kg')[0]).toMatchObject({ unit: 'kg', on: 'clean yield' });
  });

  it('compound: a sum of parts, with or without spaces around +', () => {
    expect(rate('37.5¢/kg + 3%')).toEqual({
      form: 'compound',
      text: '37.5¢/kg + 3%',
      parts: [
        { kind: 'specific', usdPerUnit: 0.375, unit: 'kg' },
        { kind: 'ad-valorem', percent: 3 },
      ],
    });
    expect(parts('5.6¢/kg + 2.7%')).toHaveLength(2);
    expect(parts('$1.35/kg + 6.8%')[0]).toEqual({ kind: 'specific', usdPerUnit: 1.35, unit: 'kg' });
    expect(parts('0.9¢/kg + 14%')[1]).toEqual({ kind: 'ad-valorem', percent: 14 });
    expect(parts('$1.035/kg +13.6%')).toHaveLength(2);
    expect(parts('3.9% on the movement and case+ 5.3% on the battery')).toEqual([
      { kind: 'ad-valorem', percent: 3.9, on: 'movement and case' },
      { kind: 'ad-valorem', percent: 5.3, on: 'battery' },
    ]);
    expect(parts('36¢ each + 5.6% + 2¢/jewel')).toEqual([
      { kind: 'specific', usdPerUnit: 0.36, unit: 'each' },
      { kind: 'ad-valorem', percent: 5.6 },
      { kind: 'specific', usdPerUnit: 0.02, unit: 'jewel' },
    ]);
    expect(parts('43¢ each + 2.8¢/jewel over 7 + 3.7% on the case')[1]).toEqual({
      kind: 'specific',
      usdPerUnit: 0.028,
      unit: 'jewel',
      on: 'jewels over 7',
    });
    expect(parts('3.1¢/liter + 22.1¢/pf. liter on ethyl alcohol content')[1]).toMatchObject({
      unit: 'proof liter',
      on: 'ethyl alcohol content',
    });
  });

  it('references to another line, with the Chapter 99 additional percent', () => {
    expect(rate('The duty provided in the applicable subheading + 25%')).toMatchObject({
      form: 'reference',
      additionalPercent: 25,
    });
    expect(rate('The duty provided in the applicable subheading plus 25%')).toMatchObject({
      additionalPercent: 25,
    });
    expect(rate('The duty provided inthe applicable subheading+ 25%')).toMatchObject({
      additionalPercent: 25,
    });
    expect(rate('The duty rate provided in such subheading minus 0.5%')).toMatchObject({
      additionalPercent: -0.5,
    });
    const steel = rate(
      'The duty provided in the applicable subheading + a duty of 50% upon the value of the steel content.',
    );
    expect(steel).toMatchObject({ form: 'reference', additionalPercent: 50 });
    expect((steel as { reason: string }).reason).toContain('steel content');
    expect(rate('The duty provided in the applicable subheading')).not.toHaveProperty('additionalPercent');
    expect(
      (
        rate('The duty provided in subheadings 8716.39.00, 8716.90.30 or 8716.90.50 + 100%') as {
          reason: string;
        }
      ).reason,
    ).toContain('8716.39.00, 8716.90.30 or 8716.90.50');
    expect(rate('The rate applicable to the article of which it is a part or accessory').form).toBe(
      'reference',
    );
    expect(rate('See additional U.S. note 3').form).toBe('reference');
    expect(rate('See 9903.88.15').form).toBe('reference');
    expect(rate('No change').form).toBe('reference');
  });

  it('rates that need facts no filing has are not computable, with the reason', () => {
    const sugar = rate(
      '3.6606¢/kg less 0.020668¢/kg for each degree under 100 degrees (and fractions of a degree in proportion) but not less than 3.143854¢/kg',
    );
    expect(sugar).toMatchObject({ form: 'not-computable' });
    expect((sugar as { reason: string }).reason).toMatch(/sliding scale/);
    expect(
      rate('A duty upon the value of the repairs or alterations (see U.S. note 3 of this subchapter)').form,
    ).toBe('not-computable');
    expect(rate('Free-5%')).toMatchObject({
      form: 'not-computable',
      reason: 'a range of rates, not one rate',
    });
    expect(rate('2% to 4.5%').form).toBe('not-computable');
  });

  it('footnote markers and a final period are not part of the rate', () => {
    expect(rate('6.5%1/')).toMatchObject({ form: 'ad-valorem', parts: [{ percent: 6.5 }] });
    expect(rate('Free 2/').form).toBe('free');
    expect(rate('  2.2¢/kg  3/ ')).toMatchObject({ form: 'specific' });
  });

  it('malformed and empty texts are error values with a stable code, never a throw', () => {
    for (const bad of ['5.5.%', '¢/kg', 'abc', '3% +', '2.2¢/furlong', '$/kg', '12', 'Freeish', '5% ++ 2%']) {
      const r = parseGeneralRate(bad);
      expect(r, bad).toMatchObject({ ok: false, code: 'RATE_MALFORMED', text: bad });
      expect(r.ok ? '' : r.message, bad).not.toBe('');
    }
    expect(parseGeneralRate('2.2¢/furlong')).toMatchObject({ message: expect.stringContaining("'furlong'") });
    expect(parseGeneralRate('   ')).toMatchObject({ ok: false, code: 'RATE_EMPTY' });
  });

  it('formatPart prints a part back the way the schedule writes it', () => {
    expect(parts('37.5¢/kg + 3%').map(formatPart)).toEqual(['37.5¢/kg', '3%']);
    expect(parts('$1.05/doz.').map(formatPart)).toEqual(['$1.05/doz.']);
    expect(parts('16¢ each + 2.5% on the case').map(formatPart)).toEqual(['16¢ each', '2.5% on case']);
  });
});

describe('parseGeneralRate properties', () => {
  const amount = fc.integer({ min: 0, max: 99_999 }).map((n) => n / 100);
  const percentText = amount.map((p) => `${p}%`);
  const specificText = fc
    .tuple(amount, fc.constantFrom('kg', 'liter', 'doz.', 'pr.', 'gross', 'm2', 'bbl'), fc.boolean())
    .map(([a, u, dollars]) => (dollars ? `$${a}/${u}` : `${a}¢/${u}`));

  it('any sum of well-formed parts parses into exactly those parts, never negative', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(percentText, specificText), { minLength: 1, maxLength: 4 }), (texts) => {
        const r = parseGeneralRate(texts.join(' + '));
        expect(r.ok).toBe(true);
        if (!r.ok || !('parts' in r.rate)) return;
        expect(r.rate.parts).toHaveLength(texts.length);
        expect(r.rate.form).toBe(
          texts.length === 1 ? (texts[0]!.endsWith('%') ? 'ad-valorem' : 'specific') : 'compound',
        );
        for (const p of r.rate.parts)
          expect(p.kind === 'ad-valorem' ? p.percent : p.usdPerUnit).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        const r = parseGeneralRate(s);
        expect(typeof r.ok).toBe('boolean');
      }),
    );
  });
});
