import type { Address, Amendment, Filing, Line, Party } from '../../filing/schema.js';

/**
 * Fixture builders for filings: each returns a fresh, fully valid record (it passes `checkRecord` and
 * `validateFiling` with `aReferenceData()`, and with the real 2026 HTS), so a test states only what
 * differs: `aFiling({ lines: [aLine({ hts: '6109.10' })] })`.
 */

/** A U.S. residential address: Springfield, IL 62701. */
export function anAddress(overrides: Partial<Address> = {}): Address {
  return {
    line1: '123 Main Street',
    line2: 'Apt 4',
    city: 'Springfield',
    state: 'IL',
    postalCode: '62701',
    country: 'US',
    ...overrides,
  };
}

export type PartyOverrides = Partial<Omit<Party, 'address'>> & { address?: Partial<Address> };

/** The consignee: a person in Springfield, IL; `address` overrides are merged into the default address. */
export function aConsignee(overrides: PartyOverrides = {}): Party {
  const { address, ...rest } = overrides;
  return { name: 'John Smith', address: anAddress(address), phone: '+1 217 555 0100', ...rest };
}

/** The shipper: a seller's warehouse in Shenzhen, China. */
export function aShipper(overrides: PartyOverrides = {}): Party {
  const { address, ...rest } = overrides;
  return {
    name: 'Shenzhen Bright Apparel Co., Ltd.',
    address: {
      line1: '88 Keji Road, Nanshan District',
      city: 'Shenzhen',
      state: 'Guangdong',
      postalCode: '518057',
      country: 'CN',
      ...address,
    },
    ...rest,
  };
}

/** One line: two men's cotton T-shirts (HTS 6109.10.00.12) from China, $24, 0.4 kg. */
export function aLine(overrides: Partial<Line> = {}): Line {
  return {
    hts: '6109.10.00.12',
    description: "men's knitted cotton T-shirt, crew neck",
    quantity: 2,
    unit: 'PCS',
    value: 24,
    currency: 'USD',
    origin: 'CN',
    weightKg: 0.4,
    ...overrides,
  };
}

/** A Type 86 filing by air: one line, $24 declared, 0.5 kg, filed before its estimated arrival. */
export function aFiling(overrides: Partial<Filing> = {}): Filing {
  return {
    type: 'filing',
    id: 'BRK0012345678',
    version: 1,
    kind: 'type86',
    mode: 'air',
    filer: { code: 'BRK001', name: 'Atlas Customs Brokerage', role: 'broker' },
    carrier: { code: 'CAR01', name: 'Skyway Express', role: 'carrier' },
    houseBill: 'HB123456789',
    conveyanceId: 'SX1234',
    portOfEntry: '4701',
    filedAt: '2025-08-20T10:00:00Z',
    estimatedArrival: '2025-08-20T18:00:00Z',
    shipper: aShipper(),
    consignee: aConsignee(),
    grossWeightKg: 0.5,
    declaredValue: 24,
    currency: 'USD',
    claim: 'section321',
    lines: [aLine()],
    ...overrides,
  };
}

/** The same filing as an amendment (version 2 unless overridden). */
export function anAmendment(overrides: Partial<Amendment> = {}): Amendment {
  return { ...aFiling(), version: 2, ...overrides, type: 'amendment' };
}
