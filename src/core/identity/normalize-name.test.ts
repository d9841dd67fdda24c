import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DOTTED_LEGAL_FORMS,
  HONORIFICS,
  LEGAL_FORMS,
  NAME_SUFFIXES,
  ORGANIZATION_FILLERS,
  ORGANIZATION_WORDS,
  TRAILING_LEGAL_FORMS,
} from './name-words.js';
import { normalizeName } from './normalize-name.js';

const key = (name: string) => normalizeName(name).key;

describe('normalizeName', () => {
  it('ignores token order, case, punctuation, diacritics, honorifics and suffixes', () => {
    const keys = [
      'John Smith',
      'SMITH, JOHN',
      'Mr. John Smith',
      'Jöhn Smith',
      'john smith jr.',
      '  john   SMITH ',
      'Dr. SMITH John III',
    ];
    expect(new Set(keys.map(key))).toEqual(new Set(['JOHN SMITH']));
  });

  it('keeps the words in filed order in tokens and sorts them only in the key', () => {
    expect(normalizeName('Smith, John')).toEqual({
      raw: 'Smith, John',
      tokens: ['SMITH', 'JOHN'],
      key: 'JOHN SMITH',
      isOrganization: false,
    });
  });

  it('folds letters without a decomposition and joins apostrophes', () => {
    expect(key('Bjørn Łukasz')).toBe('BJORN LUKASZ');
    expect(key("Pat O'Brien")).toBe(key('Pat OBrien'));
    expect(key('Renée Müller')).toBe('MULLER RENEE');
  });

  it('keeps non-Latin names instead of reducing them to an empty key', () => {
    expect(key('王伟')).toBe('王伟');
    expect(key('王伟')).not.toBe(key('李娜'));
  });

  it('keeps a name made only of a title rather than emptying it', () => {
    expect(normalizeName('Dr').tokens).toEqual(['DR']);
  });

  it('recognizes organizations and drops their legal forms', () => {
    expect(normalizeName('Acme Trading Co., Ltd.')).toMatchObject({
      key: 'ACME TRADING',
      isOrganization: true,
    });
    expect(key('ACME TRADING LIMITED')).toBe('ACME TRADING');
    expect(key('Acme Trading, Inc.')).toBe('ACME TRADING');
    expect(key('Acme L.L.C.')).toBe('ACME');
    expect(key('The Acme Company')).toBe('ACME');
    expect(key('Müller GmbH')).toBe('MULLER');
    expect(normalizeName('Speedy Logistics').isOrganization).toBe(true);
    expect(normalizeName('Best Shop').isOrganization).toBe(true);
  });

  it('does not take a person for an organization because of a short syllable inside the name', () => {
    expect(normalizeName('Sa Nguyen').isOrganization).toBe(false);
    expect(normalizeName('J. R. Smith').isOrganization).toBe(false);
  });

  // Generated words avoid the removable ones so that the expected key is simply their sorted join.
  const special = [
    HONORIFICS,
    NAME_SUFFIXES,
    LEGAL_FORMS,
    TRAILING_LEGAL_FORMS,
    DOTTED_LEGAL_FORMS,
    ORGANIZATION_WORDS,
    ORGANIZATION_FILLERS,
  ];
  const word = fc.stringMatching(/^[A-Z]{2,8}$/).filter((w) => special.every((set) => !set.has(w)));
  const words = fc.array(word, { minLength: 1, maxLength: 4 });

  it('property: the key is invariant under shuffling, case, punctuation, diacritics and honorifics', () => {
    fc.assert(
      fc.property(
        words,
        fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
        fc.constantFrom('Mr.', 'MRS', 'ms', 'Dr', 'Prof.', ''),
        fc.constantFrom('', 'Jr.', 'III', 'sr'),
        fc.constantFrom(', ', ' ', ' - ', '. ', ' ; '),
        (ws, seeds, title, suffix, sep) => {
          const shuffled = ws
            .map((w, i) => ({ w, s: seeds[i % seeds.length]! + i }))
            .sort((a, b) => a.s - b.s)
            .map(({ w }, i) => (i % 2 === 0 ? w.toLowerCase() : accent(w)));
          const variant = `${title} ${shuffled.join(sep)} ${suffix}`;
          expect(key(variant)).toBe([...ws].sort().join(' '));
          expect(normalizeName(variant).isOrganization).toBe(false);
        },
      ),
    );
  });

  it('property: an apostrophe inside a word does not split it', () => {
    fc.assert(
      fc.property(words, fc.nat(), (ws, at) => {
        const first = ws[0]!;
        const cut = 1 + (at % (first.length - 1));
        const variant = [`${first.slice(0, cut)}'${first.slice(cut)}`, ...ws.slice(1)].join(' ');
        expect(key(variant)).toBe(key(ws.join(' ')));
      }),
    );
  });
});

/** Puts an acute accent on every vowel: "JOHN" -> "JÓHN". */
function accent(word: string): string {
  return word.replace(/[AEIOU]/g, (v) => `${v}\u0301`).normalize('NFC');
}
