import { describe, expect, it } from 'vitest';
import { createHtsSchedule, createReferenceData } from './index.js';

const entry = (hts10: string) => ({ hts10, description: `line ${hts10}`, unit: 'No.', generalRate: 'Free' });

describe('createHtsSchedule', () => {
  it('looks lines up by 10-digit number and counts them', () => {
    const s = createHtsSchedule('2026 Basic Edition', [entry('6109100012'), entry('8517620090')]);
    expect(s.edition).toBe('2026 Basic Edition');
    expect(s.size).toBe(2);
    expect(s.get('6109100012')?.description).toBe('line 6109100012');
    expect(s.get('6109.10.00.12')).toBeUndefined();
    expect([...s.entries()].map((e) => e.hts10)).toEqual(['6109100012', '8517620090']);
  });
});

describe('createReferenceData', () => {
  it('answers from the lists and rates it was given, and the built-in ZIP table', () => {
    const rates = new Map([
      ['USD', 1],
      ['EUR', 1.1],
    ]);
    const ref = createReferenceData({
      countries: ['US', 'CN'],
      currencies: ['USD', 'EUR', 'BDT'],
      usdPerUnit: rates,
    });
    expect(ref.hts).toBeUndefined();
    expect(ref.isCountry('CN')).toBe(true);
    expect(ref.isCountry('ZZ')).toBe(false);
    expect(ref.isCurrency('BDT')).toBe(true);
    expect(ref.usdPerUnit('EUR')).toBe(1.1);
    expect(ref.usdPerUnit('BDT')).toBeUndefined();
    expect(ref.statesForZip('62701')).toEqual(['IL']);
    expect(ref.isUsState('IL')).toBe(true);
    expect(ref.isUsState('ZZ')).toBe(false);
  });

  it('copies its inputs', () => {
    const rates = new Map([['USD', 1]]);
    const countries = ['US'];
    const ref = createReferenceData({ countries, currencies: ['USD'], usdPerUnit: rates });
    rates.set('EUR', 2);
    countries.push('CN');
    expect(ref.usdPerUnit('EUR')).toBeUndefined();
    expect(ref.isCountry('CN')).toBe(false);
  });

  it('carries the schedule when one is given', () => {
    const hts = createHtsSchedule('Test', [entry('6109100012')]);
    const ref = createReferenceData({ countries: [], currencies: [], usdPerUnit: new Map(), hts });
    expect(ref.hts).toBe(hts);
  });
});
