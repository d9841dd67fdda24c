import { describe, expect, it } from 'vitest';
import { compare, type Outcome } from '../core/simulate/index.js';
import { htmlReport } from './html-report.js';

const outcome = (id: string, notComputed: number): Outcome => ({
  id,
  status: 'rejected',
  eligibility: 'ineligible',
  code: 'DE_MINIMIS_REPEALED',
  valueUsd: 40,
  origin: 'CN',
  chapter: '61',
  duty: {
    entry: 'informal',
    dutyUsd: 21.6,
    feesUsd: 2.69,
    notComputed,
    byKind: { general: 6.6, section301: 3, ieepa: 12, mpf: 2.69 },
    notComputedByKind: notComputed > 0 ? { general: notComputed } : {},
    basis: [],
  },
});

describe('htmlReport', () => {
  it('shows the duty by component kind and the count of components not computed', () => {
    const b = new Map([
      ['1', outcome('1', 0)],
      ['2', outcome('2', 2)],
    ]);
    const c = compare({ policy: 'law', outcomes: b }, { policy: 'end', outcomes: b });
    const html = htmlReport({
      files: ['day.ndjson'],
      policyA: 'law',
      policyB: 'end',
      runs: [{ at: '2027-07-02', trafficDay: '2025-04-30', ...c }],
    });
    expect(html).toContain('Estimated duty and fees by component, end');
    expect(html).toMatch(/<text[^>]*>ieepa<\/text>/);
    expect(html).toContain('$24'); // IEEPA 2 × $12
    expect(html).toContain('2 duty components could not be computed');
    expect(html).not.toMatch(/<script|https?:\/\//);
  });
});
