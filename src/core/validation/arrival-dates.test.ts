import { describe, expect, it } from 'vitest';
import type { Filing } from '../filing/schema.js';
import type { Finding } from '../findings/index.js';
import { checkArrivalDates } from './arrival-dates.js';
import { aFiling } from './test-support/filing-builder.js';

function run(f: Filing): Finding[] {
  const out: Finding[] = [];
  checkArrivalDates(f, out);
  return out;
}
const pairs = (fs: Finding[]) => fs.map((x) => [x.code, x.path]);

describe('arrival dates', () => {
  it('accepts a Type 86 with one estimated arrival, as a string or a one-item array', () => {
    expect(run(aFiling())).toEqual([]);
    expect(run(aFiling({ estimatedArrival: ['2025-08-20T18:00:00-04:00'] }))).toEqual([]);
  });

  it('rejects a Type 86 without an estimated arrival (ACE 282), also an empty list', () => {
    expect(run(aFiling({ estimatedArrival: undefined }))).toEqual([
      expect.objectContaining({ code: 'EDA_MISSING', aceCode: '282', path: '/estimatedArrival' }),
    ]);
    expect(pairs(run(aFiling({ estimatedArrival: [] })))).toEqual([['EDA_MISSING', '/estimatedArrival']]);
  });

  it('rejects a Type 86 with more than one estimated arrival (ACE 288)', () => {
    const f = aFiling({ estimatedArrival: ['2025-08-20T18:00:00Z', '2025-08-21T18:00:00Z'] });
    expect(run(f)).toEqual([
      expect.objectContaining({
        code: 'EDA_DUPLICATE',
        aceCode: '288',
        path: '/estimatedArrival',
        message: expect.stringContaining('2 dates given'),
      }),
    ]);
  });

  it('does not require an estimated arrival of other kinds', () => {
    for (const kind of ['manifest321', 'postal', 'informal', 'formal'] as const) {
      expect(run(aFiling({ kind, estimatedArrival: undefined }))).toEqual([]);
      expect(
        run(aFiling({ kind, estimatedArrival: ['2025-08-20T18:00:00Z', '2025-08-21T18:00:00Z'] })),
      ).toEqual([]);
    }
  });

  it('rejects dates that are not on the calendar (INSTANT_INVALID), of any kind', () => {
    expect(pairs(run(aFiling({ filedAt: '2025-02-29T10:00:00Z' })))).toEqual([
      ['INSTANT_INVALID', '/filedAt'],
    ]);
    expect(pairs(run(aFiling({ estimatedArrival: '2025-04-31T10:00:00Z' })))).toEqual([
      ['INSTANT_INVALID', '/estimatedArrival'],
    ]);
    const f = aFiling({ kind: 'postal', estimatedArrival: ['2025-08-20T18:00:00Z', '2025-13-01T00:00:00Z'] });
    expect(run(f)).toEqual([
      expect.objectContaining({
        code: 'INSTANT_INVALID',
        path: '/estimatedArrival/1',
        message: expect.stringContaining("'2025-13-01T00:00:00Z' is not a calendar date"),
      }),
    ]);
    expect(run(aFiling({ filedAt: '2024-02-29T23:59:00+05:30' }))).toEqual([]);
  });
});
