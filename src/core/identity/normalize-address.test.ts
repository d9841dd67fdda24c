import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Address } from '../filing/schema.js';
import { normalizeAddress } from './normalize-address.js';

const at = (line1: string, line2?: string, postalCode = '62701', country = 'US'): Address => ({
  line1,
  ...(line2 === undefined ? {} : { line2 }),
  city: 'Springfield',
  state: 'IL',
  postalCode,
  country,
});
const key = (a: Address) => normalizeAddress(a).key;

describe('normalizeAddress', () => {
  it('gives one key for suffix, unit and ZIP+4 spellings of one delivery point', () => {
    const keys = [
      at('123 Main Street Apt 4'),
      at('123 MAIN ST #4'),
      at('123 Main St.', 'Apartment 4'),
      at('123 main st', 'Unit 4', '62701-1234'),
      at('123 Main St # 4'),
      at('123 Main St, Suite 4'),
      at('123 Main St', 'APT. 4'),
      at('123 Main St', 'Apt. No. 4'),
      at('123 Main St', '4'),
      at('Apt 4', '123 Main St'),
      at('123 Main St APT4'),
      at('123 Main St 4'),
      at('123 Main St Apt 04'),
    ].map(key);
    expect(new Set(keys)).toEqual(new Set(['US|62701|123 MAIN ST|4']));
  });

  it('returns the parts in USPS standard form', () => {
    expect(normalizeAddress(at('123 North Main Street', 'Suite 200', '10001-1234'))).toEqual({
      key: 'US|10001|123 N MAIN ST|200',
      street: '123 N MAIN ST',
      unit: '200',
      city: 'SPRINGFIELD',
      state: 'IL',
      zip5: '10001',
      country: 'US',
    });
  });

  it('abbreviates suffixes, directionals and ordinals', () => {
    const street = (line1: string) => normalizeAddress(at(line1)).street;
    expect(street('500 Southwest Fifth Avenue')).toBe('500 SW 5TH AVE');
    expect(street('500 S.W. 5th Ave.')).toBe('500 SW 5TH AVE');
    expect(street('12 Sunset Boulevard')).toBe('12 SUNSET BLVD');
    expect(street('12 Oak Parkway East')).toBe('12 OAK PKWY E');
    expect(street('12 Avenue B')).toBe(street('12 Ave B'));
    expect(street('1 Saint Marks Place')).toBe(street('1 St. Marks Pl'));
    expect(street('9 Pine View')).toBe('9 PINE VW');
    expect(street('7 Mud Flat Road')).toBe('7 MUD FLAT RD');
    expect(street('1000 N West St')).toBe('1000 N W ST');
    expect(street('P.O. Box 77')).toBe('PO BOX 77');
    expect(street('Post Office Box 77')).toBe('PO BOX 77');
  });

  it('keeps the number of a numbered road in the street', () => {
    expect(normalizeAddress(at('4410 County Road 45'))).toMatchObject({
      street: '4410 COUNTY RD 45',
      unit: '',
    });
  });

  it('reads a floor written as an ordinal', () => {
    expect(normalizeAddress(at('350 Fifth Avenue, 2nd Floor'))).toMatchObject({
      street: '350 5TH AVE',
      unit: '2',
    });
  });

  it('keeps different units, streets and ZIP codes apart', () => {
    expect(key(at('123 Main St Apt 4'))).not.toBe(key(at('123 Main St Apt 5')));
    expect(key(at('123 Main St'))).not.toBe(key(at('123 Main St Apt 4')));
    expect(key(at('123 Main St'))).not.toBe(key(at('125 Main St')));
    expect(key(at('123 Main St', undefined, '62701'))).not.toBe(key(at('123 Main St', undefined, '62702')));
  });

  it('restores a ZIP code that lost its leading zero and reads USA as US', () => {
    expect(normalizeAddress(at('1 Elm St', undefined, '2108', 'USA'))).toMatchObject({
      zip5: '02108',
      country: 'US',
    });
  });

  it('keeps a foreign postal code whole, upper-cased and without spaces', () => {
    expect(normalizeAddress(at('10 Downing Street', undefined, 'sw1a 2aa', 'GB')).zip5).toBe('SW1A2AA');
  });

  it('spells out U.S. state names as codes', () => {
    expect(normalizeAddress({ ...at('1 Elm St'), state: 'New York' }).state).toBe('NY');
  });

  it('property: suffix, directional, unit designator and punctuation spellings do not change the key', () => {
    const suffix = fc.constantFrom(
      ['Street', 'St', 'St.', 'STREET', 'Str'],
      ['Avenue', 'Ave', 'Ave.', 'AV'],
      ['Road', 'Rd', 'Rd.'],
      ['Boulevard', 'Blvd', 'Blvd.'],
      ['Drive', 'Dr', 'Dr.'],
      ['Lane', 'Ln'],
      ['Court', 'Ct'],
      ['Place', 'Pl'],
      ['Terrace', 'Ter', 'Terr'],
      ['Parkway', 'Pkwy'],
      ['Highway', 'Hwy'],
      ['Circle', 'Cir'],
      ['Square', 'Sq'],
      ['Trail', 'Trl'],
    );
    const dir = fc.constantFrom(
      ['', ''],
      ['North', 'N'],
      ['south', 'S.'],
      ['Northwest', 'NW'],
      ['Southeast', 'S.E.'],
    );
    // Where and how the unit is written: [inline after the street, or as line 2].
    type UnitStyle = (n: string) => { inline?: string; line2?: string };
    const unitStyle = fc.constantFrom<UnitStyle>(
      (n) => ({ inline: ` Apt ${n}` }),
      (n) => ({ inline: ` #${n}` }),
      (n) => ({ inline: `, Suite ${n}` }),
      (n) => ({ line2: `Apartment ${n}` }),
      (n) => ({ line2: `Unit ${n}` }),
      (n) => ({ line2: `APT. ${n}` }),
      (n) => ({ line2: n }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 99999 }),
        fc.constantFrom('Main', 'Oak', 'Washington', 'Elm', 'Maple'),
        suffix,
        dir,
        fc.option(fc.integer({ min: 1, max: 999 }), { nil: undefined }),
        unitStyle,
        unitStyle,
        fc.nat(),
        (house, name, sfx, d, unit, styleA, styleB, pick) => {
          const build = (variant: number, style: UnitStyle): Address => {
            const s = sfx[variant % sfx.length]!;
            const dd = d[variant % 2]!;
            const base = `${house} ${dd} ${variant % 2 ? name.toUpperCase() : name} ${s}`;
            const u = unit === undefined ? {} : style(String(unit));
            return at(`${base}${u.inline ?? ''}`, u.line2);
          };
          const a = normalizeAddress(build(0, styleA));
          const b = normalizeAddress(build(pick + 1, styleB));
          expect(b.key).toBe(a.key);
          expect(a.unit).toBe(unit === undefined ? '' : String(unit));
        },
      ),
    );
  });
});
