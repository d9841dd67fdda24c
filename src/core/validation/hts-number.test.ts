import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../findings/index.js';
import { checkHts, htsDigits } from './hts-number.js';
import { aFiling, aLine } from './test-support/filing-builder.js';
import { aReferenceData, TEST_HTS_EDITION } from './test-support/reference-builder.js';

const withSchedule = aReferenceData();
const noSchedule = aReferenceData({ hts: false });
function run(hts: string[], ref = withSchedule): Finding[] {
  const out: Finding[] = [];
  checkHts(aFiling({ lines: hts.map((h) => aLine({ hts: h })) }), ref, out);
  return out;
}

describe('HTS number', () => {
  it('strips dots, spaces and dashes', () => {
    expect(htsDigits('6109.10.00.12')).toBe('6109100012');
    expect(htsDigits(' 6109 10 0012 ')).toBe('6109100012');
    expect(htsDigits('6109-10-00-12')).toBe('6109100012');
  });

  it('accepts a 10-digit line of the schedule in any common spelling', () => {
    expect(run(['6109.10.00.12', '6109100012', '6109 10 00 12', '8517.62.0090'])).toEqual([]);
  });

  it('rejects a number that is not 10 digits, saying how many it has (HTS_FORMAT)', () => {
    expect(run(['6109.10.00'], noSchedule)).toEqual([
      expect.objectContaining({
        code: 'HTS_FORMAT',
        path: '/lines/0/hts',
        message: expect.stringContaining("'6109.10.00' has 8 digits"),
      }),
    ]);
    expect(run(['6109.10.00.12', '61091000123'])[0]).toMatchObject({
      path: '/lines/1/hts',
      message: expect.stringContaining('11 digits'),
    });
    expect(run(['6109.10.00.1A'])[0]!.message).toContain('has 9 digits and other characters');
    expect(run([''])[0]!.message).toContain("'' has 0 digits");
  });

  it('rejects a well-formed number that is not in the loaded schedule, naming the edition (HTS_UNKNOWN)', () => {
    expect(run(['6109.10.00.99'])).toEqual([
      expect.objectContaining({
        code: 'HTS_UNKNOWN',
        path: '/lines/0/hts',
        message: expect.stringContaining(
          `'6109.10.00.99' is not a 10-digit line of the HTS ${TEST_HTS_EDITION}`,
        ),
      }),
    ]);
  });

  it('checks only the format when no schedule is loaded', () => {
    expect(run(['6109.10.00.99'], noSchedule)).toEqual([]);
  });

  it('accepts any 10 digits with separators anywhere, and rejects any other digit count (no schedule)', () => {
    const sep = fc.constantFrom('', '.', ' ', '-');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), sep), { minLength: 0, maxLength: 16 }),
        (parts) => {
          const hts = parts.map(([d, s]) => `${d}${s}`).join('');
          const found = run([hts], noSchedule);
          expect(found.length === 0).toBe(parts.length === 10);
        },
      ),
    );
  });
});
