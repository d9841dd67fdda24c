import { createHtsSchedule, createReferenceData } from '../../refdata/create-reference-data.js';
import type { HtsEntry, ReferenceData } from '../../refdata/reference-data.js';

/** 10-digit lines of the test schedule (all real 2026 lines), including the builder's 6109.10.00.12. */
export const TEST_HTS_LINES: readonly string[] = [
  '6109100012', // men's cotton T-shirts
  '6109100040', // women's cotton T-shirts
  '6204442000', // women's dresses of artificial fibers
  '4202929100', // backpacks
  '7117199000', // imitation jewelry
  '8471300100', // laptops
  '8517620090', // wireless earbuds
  '9503000090', // toys
];
export const TEST_HTS_EDITION = 'Test Edition';

/** Currencies of the test data with a USD rate; BDT is a valid currency with NO rate, on purpose. */
export const TEST_RATES: ReadonlyMap<string, number> = new Map([
  ['USD', 1],
  ['EUR', 1.1],
  ['GBP', 1.3],
  ['CNY', 0.14],
  ['HKD', 0.128],
  ['JPY', 0.0068],
  ['CAD', 0.73],
]);

/**
 * Small, fixed reference data for unit tests: a few dozen countries (with the U.S. territories),
 * currencies with the rates above plus BDT without a rate, and (unless `hts: false`) a schedule
 * holding `TEST_HTS_LINES`.
 */
export function aReferenceData(
  opts: { hts?: boolean; rates?: ReadonlyMap<string, number> } = {},
): ReferenceData {
  const entries: HtsEntry[] = TEST_HTS_LINES.map((hts10) => ({
    hts10,
    description: `test line ${hts10}`,
    unit: 'No.',
    generalRate: 'Free',
  }));
  return createReferenceData({
    countries: [
      'US',
      'PR',
      'GU',
      'VI',
      'AS',
      'MP',
      'CA',
      'MX',
      'CN',
      'HK',
      'TW',
      'JP',
      'KR',
      'VN',
      'IN',
    ].concat(['BD', 'DE', 'FR', 'GB', 'IT', 'ES', 'NL', 'PL', 'TR', 'BR', 'AU', 'NZ', 'XK']),
    currencies: [...TEST_RATES.keys(), 'BDT'],
    usdPerUnit: opts.rates ?? TEST_RATES,
    ...(opts.hts === false ? {} : { hts: createHtsSchedule(TEST_HTS_EDITION, entries) }),
  });
}
