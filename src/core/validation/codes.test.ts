import { describe, expect, it } from 'vitest';
import type { Filing } from '../filing/schema.js';
import type { Finding } from '../findings/index.js';
import { checkCodes } from './codes.js';
import { aConsignee, aFiling, aLine, aShipper } from './test-support/filing-builder.js';
import { aReferenceData } from './test-support/reference-builder.js';

const ref = aReferenceData();
function run(f: Filing): Finding[] {
  const out: Finding[] = [];
  checkCodes(f, ref, out);
  return out;
}
const pairs = (fs: Finding[]) => fs.map((x) => [x.code, x.path]);

describe('country and currency codes', () => {
  it('accepts ISO codes with a USD rate everywhere they occur', () => {
    const f = aFiling({
      currency: 'EUR',
      lines: [aLine({ currency: 'CNY', origin: 'XK' }), aLine({ currency: 'JPY', origin: 'VN' })],
      seller: aShipper({ address: { country: 'HK' } }),
      purchaser: aConsignee(),
      deliverTo: aConsignee({ address: { country: 'PR', state: undefined, postalCode: '00901' } }),
      marketplace: { name: 'ShopHub', currency: 'GBP' },
    });
    expect(run(f)).toEqual([]);
  });

  it('rejects an unknown country of origin or party address (COUNTRY_INVALID)', () => {
    const f = aFiling({
      shipper: aShipper({ address: { country: 'CHN' } }),
      deliverTo: aConsignee({ address: { country: 'UK' } }),
      lines: [aLine(), aLine({ origin: 'ZZ' })],
    });
    expect(pairs(run(f))).toEqual([
      ['COUNTRY_INVALID', '/shipper/address/country'],
      ['COUNTRY_INVALID', '/deliverTo/address/country'],
      ['COUNTRY_INVALID', '/lines/1/origin'],
    ]);
    expect(run(f)[2]!.message).toContain("'ZZ'");
  });

  it('says when a code is only wrong by its case', () => {
    const [x] = run(aFiling({ lines: [aLine({ origin: 'cn' })] }));
    expect(x).toMatchObject({
      code: 'COUNTRY_INVALID',
      message: expect.stringContaining("codes are upper case: 'CN'"),
    });
  });

  it('rejects an unknown currency in the header, a line or the marketplace (CURRENCY_INVALID)', () => {
    const f = aFiling({
      currency: 'RMB',
      lines: [aLine({ currency: 'RMB' }), aLine({ currency: 'usd' })],
      marketplace: { name: 'ShopHub', currency: 'EURO' },
    });
    expect(pairs(run(f))).toEqual([
      ['CURRENCY_INVALID', '/currency'],
      ['CURRENCY_INVALID', '/marketplace/currency'],
      ['CURRENCY_INVALID', '/lines/0/currency'],
      ['CURRENCY_INVALID', '/lines/1/currency'],
    ]);
  });

  it('rejects a valid currency the rate table has no USD rate for (CURRENCY_NO_RATE)', () => {
    const found = run(aFiling({ currency: 'BDT', lines: [aLine({ currency: 'BDT' })] }));
    expect(pairs(found)).toEqual([
      ['CURRENCY_NO_RATE', '/currency'],
      ['CURRENCY_NO_RATE', '/lines/0/currency'],
    ]);
    expect(found[0]!.message).toContain("'BDT' has no USD rate");
  });
});
