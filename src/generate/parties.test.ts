import { describe, expect, it } from 'vitest';
import { statesForZip } from '../core/refdata/index.js';
import { isPlaceholder } from '../core/validation/index.js';
import * as C from './catalog.js';
import {
  ADDRESS_VARIANTS,
  type AddressVariant,
  consignee,
  makeShippers,
  NAME_VARIANTS,
  type NameVariant,
  personAt,
} from './parties.js';
import { partyJson, q } from './render.js';

const names: NameVariant[] = ['canonical', ...NAME_VARIANTS];
const addresses: AddressVariant[] = ['canonical', ...ADDRESS_VARIANTS];

describe('persons and their spellings', () => {
  it('derives the same person from the same seed and index', () => {
    expect(personAt(1, 42)).toEqual(personAt(1, 42));
    expect(personAt(1, 42)).not.toEqual(personAt(2, 42));
  });

  it('gives every person a complete, consistent U.S. address under every spelling', () => {
    for (let i = 0; i < 400; i++) {
      const p = personAt(9, i);
      for (const n of names) {
        for (const a of addresses) {
          const c = consignee(p, n, a);
          expect(c.name.trim()).not.toBe('');
          expect(isPlaceholder(c.name)).toBe(false);
          expect(c.address.line1.trim()).not.toBe('');
          expect(c.address.city.trim()).not.toBe('');
          expect(c.address.country).toBe('US');
          expect(c.address.postalCode).toMatch(/^\d{5}(-\d{4})?$/);
          expect(statesForZip(c.address.postalCode!.slice(0, 5))).toContain(c.address.state);
          // The text the generator writes is what JSON.stringify would write.
          expect(partyJson(c, true)).toBe(JSON.stringify(c));
          expect(partyJson(c)).toBe(JSON.stringify(c));
        }
      }
    }
  });

  it('writes the variants the brief lists: typo, initial, token order, honorific, case, diacritics', () => {
    const john = { ...personAt(1, 1), first: 'John', last: 'Smith', female: false };
    const written = names.map((n) => consignee(john, n).name);
    expect(written).toContain('Jon Smith');
    expect(written).toContain('J. Smith');
    expect(written.some((w) => w === 'SMITH JOHN' || w === 'Smith, John')).toBe(true);
    expect(written).toContain('Mr. John Smith');
    expect(written).toContain('JOHN SMITH');
    expect(written).toContain('john smith');
    const jose = { ...john, first: 'José', last: 'García' };
    expect(consignee(jose, 'diacritic').name).toBe('Jose Garcia');
    const withUnit = {
      ...john,
      unit: '4',
      unitWord: 'Apt' as const,
      unitOnLine2: true,
      suffixFull: true,
      zip4: false,
    };
    const canonical = consignee(withUnit).address;
    const unit = consignee(withUnit, 'canonical', 'unit').address;
    expect(canonical.line2).toBe('Apt 4');
    expect(unit.line1).toMatch(/#4$/);
    expect(consignee(withUnit, 'canonical', 'suffix').address.line1).not.toBe(canonical.line1);
    expect(consignee(withUnit, 'canonical', 'zip').address.postalCode).toMatch(/^\d{5}-\d{4}$/);
  });

  it('puts private mailboxes at mail receiving agencies', () => {
    const p = personAt(3, 7);
    const box = { cmra: C.CMRA[0]!, box: 4412, form: 0 as const };
    expect(consignee(p, 'canonical', 'canonical', box).address.line1).toBe(
      '1000 N West St Suite 1200 PMB 4412',
    );
    expect(consignee(p, 'canonical', 'canonical', { ...box, form: 1 }).address.line2).toBe('PMB 4412');
  });
});

describe('shippers', () => {
  it('are distinct, complete companies in their country', () => {
    for (const [country] of C.ORIGINS) {
      const shippers = makeShippers(1, country, 50);
      expect(shippers.length).toBeGreaterThanOrEqual(20);
      expect(new Set(shippers.map((s) => s.name)).size).toBe(shippers.length);
      for (const s of shippers) {
        expect(s.address.country).toBe(country);
        expect(s.address.line1).not.toBe('');
        expect(s.address.city).not.toBe('');
        expect(partyJson(s)).toBe(JSON.stringify(s));
      }
    }
  });
});

describe('JSON text', () => {
  it('escapes exactly like JSON.stringify', () => {
    for (const s of [
      'plain',
      "O'Brien",
      'say "hi"',
      'back\\slash',
      'tab\there',
      'Müller',
      '😀',
      '\ud800',
      'line\u2028sep',
    ])
      expect(q(s)).toBe(JSON.stringify(s));
  });
});
