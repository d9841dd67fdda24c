import { describe, expect, it } from 'vitest';
import { createTariffLists, pgaAgency } from './tariff-lists.js';

const lists = createTariffLists({
  pga: [
    {
      hts10: '0101210010',
      description: 'MALE HORSES, PUREBRED BREEDING',
      effective: '2012-02-03',
      expires: '2030-12-31',
      adDuty: false,
      cvDuty: false,
      codes: ['AM7', 'FD3', 'FD1'],
    },
    {
      hts10: '7306306000',
      description: 'TUBES',
      effective: '2020-07-01',
      expires: '2030-12-31',
      adDuty: true,
      cvDuty: true,
      codes: ['ZZ1'],
    },
  ],
  s301: [
    { hts8: '84835090', percent: 25 },
    { hts8: '61091000', percent: 7.5 },
    { hts8: '85044000', percent: 25 },
  ],
  s301Exclusions: [
    { hts: '8483509040', description: 'Official USTR Exemption' },
    { hts: '85044000', description: 'All power supplies' },
  ],
  s232: [
    { prefix: '7610', percent: 25, category: 'Aluminum' },
    { prefix: '76101000', percent: 50, category: 'Aluminum-Derivative' },
    { prefix: '7610100010', percent: 10, category: 'Doors' },
  ],
  adcvd: [
    { prefix: '9404', country: 'CN', caseDesc: 'Bedding (heading)' },
    { prefix: '940421', country: 'CN', caseDesc: 'Mattresses' },
    { prefix: '940421', country: 'CN', caseDesc: 'Mattresses (CVD)' },
    { prefix: '940421', country: 'CN', caseDesc: 'Mattresses' },
    { prefix: '940421', country: 'VN', caseDesc: 'Mattresses' },
  ],
  editions: { pga: '2026-02-21' },
});

describe('section301Percent', () => {
  it('takes the rate of the 8-digit subheading', () => {
    expect(lists.section301Percent('6109100012')).toBe(7.5);
    expect(lists.section301Percent('8483509010')).toBe(25);
  });

  it('gives nothing for a line not listed, or one an exclusion covers (10 digits, or a whole 8-digit)', () => {
    expect(lists.section301Percent('0101210010')).toBeUndefined();
    expect(lists.section301Percent('8483509040')).toBeUndefined();
    expect(lists.section301Exclusion('8483509040')).toBe('Official USTR Exemption');
    expect(lists.section301Exclusion('8483509010')).toBeUndefined();
    expect(lists.section301Percent('8504400010')).toBeUndefined();
    expect(lists.section301Exclusion('8504400010')).toBe('All power supplies');
  });

  it('accepts dotted numbers', () => {
    expect(lists.section301Percent('6109.10.00.12')).toBe(7.5);
  });
});

describe('section232', () => {
  it('prefers the longest listed prefix: 10 digits over 8 over a heading', () => {
    expect(lists.section232('7610100010')).toEqual({ percent: 10, category: 'Doors' });
    expect(lists.section232('7610100020')).toEqual({ percent: 50, category: 'Aluminum-Derivative' });
    expect(lists.section232('7610900080')).toEqual({ percent: 25, category: 'Aluminum' });
    expect(lists.section232('7611000000')).toBeUndefined();
  });
});

describe('adcvdHints', () => {
  it('gives the cases of the longest prefix listed for the origin, once each', () => {
    expect(lists.adcvdHints('9404210010', 'CN')).toEqual(['Mattresses', 'Mattresses (CVD)']);
    expect(lists.adcvdHints('9404900000', 'CN')).toEqual(['Bedding (heading)']);
    expect(lists.adcvdHints('9404210010', 'VN')).toEqual(['Mattresses']);
  });

  it('gives nothing for another origin or line', () => {
    expect(lists.adcvdHints('9404210010', 'US')).toEqual([]);
    expect(lists.adcvdHints('9404900000', 'VN')).toEqual([]);
    expect(lists.adcvdHints('6109100012', 'CN')).toEqual([]);
  });
});

describe('pgaFlags', () => {
  it('gives the codes, their agencies once each in order, the AD/CVD flags and the validity', () => {
    expect(lists.pgaFlags('0101210010')).toEqual({
      agencies: ['USDA-AMS', 'FDA'],
      codes: ['AM7', 'FD3', 'FD1'],
      adFlag: false,
      cvFlag: false,
      effective: '2012-02-03',
      expires: '2030-12-31',
    });
    expect(lists.pgaFlags('7306306000')).toMatchObject({ agencies: ['ZZ'], adFlag: true, cvFlag: true });
    expect(lists.pgaFlags('6109100012')).toBeUndefined();
  });

  it('names the agency of each flag family, and an unknown family by its letters', () => {
    expect(
      ['FD2', 'EP7', 'AL1', 'AQX', 'NM8', 'OM2', 'TB1', 'DE1', 'EH2', 'FS3', 'FW1', 'DT2'].map(pgaAgency),
    ).toEqual(['FDA', 'EPA', 'APHIS', 'APHIS', 'NOAA', 'NOAA', 'TTB', 'DEA', 'CDC', 'FSIS', 'FWS', 'NHTSA']);
    expect(pgaAgency('QQ1')).toBe('QQ');
  });
});

describe('createTariffLists', () => {
  it('answers nothing from lists not given, and reports the editions it has', () => {
    const empty = createTariffLists({});
    expect(empty.editions).toEqual({});
    expect(empty.pgaFlags('0101210010')).toBeUndefined();
    expect(empty.section301Percent('6109100012')).toBeUndefined();
    expect(empty.section232('7610100010')).toBeUndefined();
    expect(empty.adcvdHints('9404210010', 'CN')).toEqual([]);
    expect(lists.editions).toEqual({ pga: '2026-02-21' });
  });
});
