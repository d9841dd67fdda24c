import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Filing } from '../filing/schema.js';
import type { Finding } from '../findings/index.js';
import { checkParties, isPlaceholder, isPlaceholderStreet } from './placeholder-parties.js';
import { aConsignee, aFiling, aShipper } from './test-support/filing-builder.js';

function run(f: Filing): Finding[] {
  const out: Finding[] = [];
  checkParties(f, out);
  return out;
}
const pairs = (fs: Finding[]) => fs.map((x) => [x.code, x.path]);

const PLACEHOLDER_NAMES = [
  '',
  '  ',
  'N/A',
  'n/a',
  'NA',
  'NONE',
  'Unknown',
  'TBD',
  'test',
  'XXX',
  'Consignee',
  'CUSTOMER',
  'receiver',
  'To whom it may concern',
  'AAAA',
  'x',
  '...',
  '12345',
  '-',
];
const REAL_NAMES = [
  'John Smith',
  'Jo Li',
  'Ng',
  'ABC Trading Co.',
  'Customer Service Center LLC',
  '李伟',
  'José Núñez',
  "O'Brien",
];

describe('placeholder consignee and shipper', () => {
  it.each(PLACEHOLDER_NAMES)('takes %j for a placeholder name', (name) => {
    expect(isPlaceholder(name)).toBe(true);
  });

  it.each(REAL_NAMES)('takes %j for a real name', (name) => {
    expect(isPlaceholder(name)).toBe(false);
  });

  it('takes any one character repeated for a placeholder', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...'AXz0.-*'),
        fc.integer({ min: 1, max: 12 }),
        fc.boolean(),
        (c, n, spaced) => {
          expect(
            isPlaceholder(
              Array(n)
                .fill(c)
                .join(spaced ? ' ' : ''),
            ),
          ).toBe(true);
        },
      ),
    );
  });

  it('allows a street line of digits, not an empty or placeholder one', () => {
    expect(isPlaceholderStreet('1-2-3')).toBe(false);
    expect(isPlaceholderStreet('123 Main Street')).toBe(false);
    for (const s of ['', 'N/A', 'XXX', '0000', '--']) expect(isPlaceholderStreet(s), s).toBe(true);
  });

  it('accepts identifiable parties', () => {
    expect(run(aFiling())).toEqual([]);
  });

  it('rejects a placeholder consignee name, street or city (9H)', () => {
    const f = aFiling({ consignee: aConsignee({ name: 'N/A', address: { line1: 'TBD', city: '' } }) });
    expect(pairs(run(f))).toEqual([
      ['CONSIGNEE_PLACEHOLDER', '/consignee/name'],
      ['CONSIGNEE_PLACEHOLDER', '/consignee/address/line1'],
      ['CONSIGNEE_PLACEHOLDER', '/consignee/address/city'],
    ]);
    expect(run(f)[0]).toMatchObject({ aceCode: '9H', message: expect.stringContaining("name 'N/A'") });
  });

  it('rejects a placeholder shipper (4H)', () => {
    const f = aFiling({ shipper: aShipper({ name: 'XXX', address: { line1: '' } }) });
    expect(run(f)).toEqual([
      expect.objectContaining({ code: 'SHIPPER_PLACEHOLDER', aceCode: '4H', path: '/shipper/name' }),
      expect.objectContaining({ code: 'SHIPPER_PLACEHOLDER', aceCode: '4H', path: '/shipper/address/line1' }),
    ]);
  });
});
