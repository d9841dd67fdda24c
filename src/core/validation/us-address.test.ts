import { describe, expect, it } from 'vitest';
import type { Address, Filing } from '../filing/schema.js';
import type { Finding } from '../findings/index.js';
import { aConsignee, aFiling, aShipper } from './test-support/filing-builder.js';
import { aReferenceData } from './test-support/reference-builder.js';
import { checkUsAddresses } from './us-address.js';

const ref = aReferenceData();
function run(f: Filing): Finding[] {
  const out: Finding[] = [];
  checkUsAddresses(f, ref, out);
  return out;
}
const pairs = (fs: Finding[]) => fs.map((x) => [x.code, x.path]);
const consigneeAt = (address: Partial<Address>) => aFiling({ consignee: aConsignee({ address }) });

describe('U.S. addresses', () => {
  it('accepts a ZIP or ZIP+4 of the state given, territories and military addresses', () => {
    expect(run(aFiling())).toEqual([]);
    for (const address of [
      { postalCode: '62701-1234' },
      { postalCode: '627011234' },
      { state: 'il' },
      { state: 'NY', postalCode: '10001' },
      { state: 'TX', postalCode: '73301' },
      { state: 'DC', postalCode: '20500' },
      { state: 'AK', postalCode: '99501' },
      { state: 'AE', postalCode: '09001', city: 'APO' },
      { country: 'PR', state: undefined, postalCode: '00901', city: 'San Juan' },
      { country: 'GU', state: undefined, postalCode: '96910', city: 'Hagatna' },
      { country: 'VI', state: 'VI', postalCode: '00802', city: 'St Thomas' },
      { country: 'AS', state: undefined, postalCode: '96799', city: 'Pago Pago' },
      { country: 'MP', state: undefined, postalCode: '96950', city: 'Saipan' },
    ])
      expect(run(consigneeAt(address)), JSON.stringify(address)).toEqual([]);
  });

  it('does not check foreign addresses', () => {
    expect(run(aFiling({ consignee: aShipper({ name: 'Wang Fang' }) }))).toEqual([]);
    expect(run(consigneeAt({ country: 'CA', state: 'ON', postalCode: 'M5V 2T6' }))).toEqual([]);
  });

  it('rejects a malformed or missing ZIP (ZIP_INVALID)', () => {
    for (const postalCode of ['6270', '62701-12', 'ABCDE', '62701 1234', undefined])
      expect(pairs(run(consigneeAt({ postalCode }))), String(postalCode)).toEqual([
        ['ZIP_INVALID', '/consignee/address/postalCode'],
      ]);
    expect(run(consigneeAt({ postalCode: '6270' }))[0]!.message).toContain("'6270' is not 5 digits or ZIP+4");
  });

  it('rejects a ZIP whose prefix is not in use', () => {
    expect(run(consigneeAt({ postalCode: '00100' }))[0]).toMatchObject({
      code: 'ZIP_INVALID',
      message: expect.stringContaining('not a ZIP code in use'),
    });
  });

  it('rejects a state that is not a USPS code (STATE_INVALID), also with a bad ZIP', () => {
    expect(pairs(run(consigneeAt({ state: 'Illinois' })))).toEqual([
      ['STATE_INVALID', '/consignee/address/state'],
    ]);
    expect(pairs(run(consigneeAt({ state: undefined })))).toEqual([
      ['STATE_INVALID', '/consignee/address/state'],
    ]);
    expect(pairs(run(consigneeAt({ state: 'XX', postalCode: '1' })))).toEqual([
      ['ZIP_INVALID', '/consignee/address/postalCode'],
      ['STATE_INVALID', '/consignee/address/state'],
    ]);
  });

  it('rejects a ZIP of another state (ZIP_STATE_MISMATCH), naming both', () => {
    expect(run(consigneeAt({ state: 'CA' }))).toEqual([
      expect.objectContaining({
        code: 'ZIP_STATE_MISMATCH',
        path: '/consignee/address/postalCode',
        message: expect.stringContaining('62701 is in IL, not CA'),
      }),
    ]);
  });

  it('checks deliverTo and purchaser too, not the shipper or seller', () => {
    const f = aFiling({
      deliverTo: aConsignee({ address: { state: 'NY' } }),
      purchaser: aConsignee({ address: { postalCode: '1' } }),
      seller: aConsignee({ address: { postalCode: '1' } }),
      shipper: aConsignee({ address: { postalCode: '1' } }),
    });
    expect(pairs(run(f))).toEqual([
      ['ZIP_STATE_MISMATCH', '/deliverTo/address/postalCode'],
      ['ZIP_INVALID', '/purchaser/address/postalCode'],
    ]);
  });
});
