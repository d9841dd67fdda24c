import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { statesForZip, US_STATES, ZIP3_RANGES } from './zip3-states.js';

const FIFTY = (
  'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ ' +
  'NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY'
).split(' ');

describe('ZIP3 prefixes by state', () => {
  it('covers the 50 states, DC, the territories and the military codes', () => {
    expect(FIFTY).toHaveLength(50);
    for (const s of [...FIFTY, 'DC', 'PR', 'VI', 'GU', 'AS', 'MP', 'AA', 'AE', 'AP'])
      expect(US_STATES.has(s), s).toBe(true);
    expect(US_STATES.has('XX')).toBe(false);
  });

  it('maps well-known ZIP codes to their state', () => {
    const known: [string, string][] = [
      ['00501', 'NY'],
      ['00901', 'PR'],
      ['00802', 'VI'],
      ['02108', 'MA'],
      ['10001', 'NY'],
      ['20500', 'DC'],
      ['20166', 'VA'],
      ['30301', 'GA'],
      ['34002', 'AA'],
      ['09001', 'AE'],
      ['96201', 'AP'],
      ['60601', 'IL'],
      ['73301', 'TX'],
      ['73101', 'OK'],
      ['79901', 'TX'],
      ['88501', 'TX'],
      ['87501', 'NM'],
      ['90210', 'CA'],
      ['96813', 'HI'],
      ['96799', 'AS'],
      ['96910', 'GU'],
      ['96950', 'MP'],
      ['99501', 'AK'],
      ['98101', 'WA'],
    ];
    for (const [zip, state] of known) expect(statesForZip(zip), zip).toContain(state);
    expect(statesForZip('73301')).toEqual(['TX']);
  });

  it('knows no state for unused prefixes or malformed ZIPs', () => {
    for (const zip of ['00100', '00499', '71500', '1234', '123456', 'ABCDE'])
      expect(statesForZip(zip), zip).toBeUndefined();
  });

  it('has well-formed ranges whose every prefix maps to its state', () => {
    for (const [first, last, state] of ZIP3_RANGES) {
      expect(first).toBeLessThanOrEqual(last);
      expect(first).toBeGreaterThanOrEqual(0);
      expect(last).toBeLessThanOrEqual(999);
      expect(state).toMatch(/^[A-Z]{2}$/);
    }
    fc.assert(
      fc.property(
        fc.constantFrom(...ZIP3_RANGES),
        fc.nat(),
        fc.integer({ min: 0, max: 99 }),
        ([first, last, state], k, tail) => {
          const prefix = first + (k % (last - first + 1));
          const zip = String(prefix).padStart(3, '0') + String(tail).padStart(2, '0');
          expect(statesForZip(zip)).toContain(state);
        },
      ),
    );
  });
});
