import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Filing } from '../filing/schema.js';
import type { Finding } from '../findings/index.js';
import { aFiling, aLine } from './test-support/filing-builder.js';
import { checkDescriptions, isVagueDescription, normalizeDescription } from './vague-descriptions.js';

function run(f: Filing): Finding[] {
  const out: Finding[] = [];
  checkDescriptions(f, out);
  return out;
}

/** The CBP list of domain.md §6, as filers write it. */
const CBP_VAGUE = [
  'gift',
  'gifts',
  'daily necessities',
  'accessories',
  'parts',
  'consolidated',
  'freight of all kinds',
  'FAK',
  'said to contain',
  'STC',
  'general cargo',
  'samples',
  'personal use',
  'pharmaceuticals',
  'wearing apparel',
  'apparel',
  'clothing',
  'garments',
  'foodstuffs',
  'electronics',
  'machinery',
  'auto parts',
];
const SHORT_VAGUE = ['item', 'items', 'goods', 'merchandise', 'stuff', 'various', 'misc'];
const PRODUCT_NUMBERS = [
  'SKU-88213',
  'A1234-5',
  'sku 88213',
  'P/N 7734-002',
  'Model X200',
  '#99812',
  '20240815',
  'item 12',
];

/** Good descriptions, several of which contain a vague word. */
const GOOD = [
  "women's cotton dresses",
  'auto parts: brake pads, ceramic',
  'new auto parts: spark plugs',
  "women's dresses 60 % cotton 40 % polyester",
  'gift wrapping paper, printed',
  'electronics: wireless bluetooth earbuds',
  'apparel: men’s knitted cotton T-shirts',
  'mobile phone accessories: silicone phone cases',
  'samples of woven polyester fabric',
  'SKU-88213 stainless steel insulated water bottle',
  '128 GB USB flash memory drive',
  '4K TV',
  'TV',
  'N95 masks',
  'glass',
  'résumé paper',
  '女式棉质连衣裙',
];

describe('vague descriptions', () => {
  it.each([...CBP_VAGUE, ...SHORT_VAGUE])('flags %j', (d) => {
    expect(isVagueDescription(d)).toBe(true);
  });

  it.each(PRODUCT_NUMBERS)('flags the bare product number %j', (d) => {
    expect(isVagueDescription(d)).toBe(true);
  });

  it('ignores case, punctuation, plural s and surrounding whitespace', () => {
    for (const d of [
      'Apparel.',
      ' GIFT ',
      'Gifts!',
      'Auto-Parts',
      'S.T.C.',
      'f.a.k.',
      '  Daily   Necessities ',
      'ELECTRONIC',
    ])
      expect(isVagueDescription(d), d).toBe(true);
    expect(normalizeDescription("  Women's  COTTON-dresses. ")).toBe('women s cotton dresses');
  });

  it('flags empty and contentless descriptions', () => {
    for (const d of ['', ' ', '---', 'x', '?', '123']) expect(isVagueDescription(d), d).toBe(true);
  });

  it.each(GOOD)('does not flag %j', (d) => {
    expect(isVagueDescription(d)).toBe(false);
  });

  it('flags any vague word whatever its case and decoration, but not once it says what the goods are', () => {
    const decorate = fc.tuple(
      fc.constantFrom(...CBP_VAGUE, ...SHORT_VAGUE),
      fc.constantFrom('', ' ', '  ', '\t'),
      fc.constantFrom('', '.', '!', ':', ' .', ';'),
      fc.boolean(),
    );
    fc.assert(
      fc.property(decorate, ([word, space, punct, upper]) => {
        const d = `${space}${upper ? word.toUpperCase() : word}${punct}${space}`;
        expect(isVagueDescription(d)).toBe(true);
        expect(isVagueDescription(`${d} stainless steel kitchen knives`)).toBe(false);
      }),
    );
  });

  it('reports DESCRIPTION_VAGUE (MISSING_CARGO_DESC) at the line path', () => {
    const f = aFiling({ lines: [aLine(), aLine({ description: 'Gifts' })] });
    expect(run(f)).toEqual([
      expect.objectContaining({
        code: 'DESCRIPTION_VAGUE',
        aceCode: 'MISSING_CARGO_DESC',
        path: '/lines/1/description',
        message: expect.stringContaining("'Gifts'"),
      }),
    ]);
  });

  it('reports DESCRIPTION_VAGUE_TRUCK (8H) for trucks', () => {
    const f = aFiling({ mode: 'truck', lines: [aLine({ description: 'parts' })] });
    expect(run(f)).toEqual([
      expect.objectContaining({
        code: 'DESCRIPTION_VAGUE_TRUCK',
        aceCode: '8H',
        path: '/lines/0/description',
      }),
    ]);
  });

  it('finds nothing in good descriptions', () => {
    expect(run(aFiling({ lines: GOOD.map((description) => aLine({ description })) }))).toEqual([]);
  });
});
