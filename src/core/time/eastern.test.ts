import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { easternDay, formatEastern, parseInstant } from './eastern.js';

const intlDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', dateStyle: 'short' });

describe('easternDay', () => {
  it('puts 03:30 UTC on the previous Eastern day and 05:00 UTC in winter on the same day', () => {
    expect(easternDay(Date.parse('2025-08-13T03:30:00Z'))).toBe('2025-08-12');
    expect(easternDay(Date.parse('2025-08-13T04:00:00Z'))).toBe('2025-08-13');
    expect(easternDay(Date.parse('2025-01-10T04:59:59Z'))).toBe('2025-01-09');
    expect(easternDay(Date.parse('2025-01-10T05:00:00Z'))).toBe('2025-01-10');
  });

  it('switches at 02:00 local on the DST dates', () => {
    // 2025-03-09 02:00 EST = 07:00 UTC; 2025-11-02 02:00 EDT = 06:00 UTC
    expect(formatEastern(Date.parse('2025-03-09T06:59:00Z'))).toBe('2025-03-09 01:59 EST');
    expect(formatEastern(Date.parse('2025-03-09T07:00:00Z'))).toBe('2025-03-09 03:00 EDT');
    expect(formatEastern(Date.parse('2025-11-02T05:59:00Z'))).toBe('2025-11-02 01:59 EDT');
    expect(formatEastern(Date.parse('2025-11-02T06:00:00Z'))).toBe('2025-11-02 01:00 EST');
  });

  it('agrees with the IANA zone for any instant 2000–2030', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2030, 11, 31) }), (ms) => {
        expect(easternDay(ms)).toBe(intlDay.format(ms));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseInstant', () => {
  it('rejects impossible dates that Date.parse would roll over', () => {
    expect(parseInstant('2025-02-30T10:00:00Z')).toBeNaN();
    expect(parseInstant('2025-02-28T10:00:00Z')).toBe(Date.UTC(2025, 1, 28, 10));
    expect(parseInstant('2025-02-28T10:00:00-05:00')).toBe(Date.UTC(2025, 1, 28, 15));
  });
});
