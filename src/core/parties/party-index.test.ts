import { describe, expect, it } from 'vitest';
import { COUNTRY_AGREES, COUNTRY_DIFFERS } from './adjust.js';
import { PartyIndex } from './party-index.js';
import type { ListEntry, ListName } from './types.js';

function entry(
  entryId: string,
  names: string[],
  more: Partial<Omit<ListEntry, 'names'>> & { aliases?: ListName[] } = {},
): ListEntry {
  const { aliases = [], ...rest } = more;
  return {
    listId: 'test',
    entryId,
    type: 'entity',
    programs: ['SDGT'],
    countries: [],
    addresses: [],
    ...rest,
    names: [...names.map((name, i): ListName => ({ name, kind: i === 0 ? 'primary' : 'aka' })), ...aliases],
  };
}

const LIST: ListEntry[] = [
  entry('1', ['ANGLO-CARIBBEAN CO., LTD.'], { countries: ['GB'] }),
  entry('2', ['AL-ZOMOR, Abboud Abdul Latif Hassan'], { type: 'individual', countries: ['EG'] }),
  entry('3', ['ABU MARZOOK, Mousa Mohammed'], { type: 'individual', countries: ['JO'] }),
  entry('4', ['GOLDEN STAR CO'], {
    countries: ['KP'],
    addresses: [{ text: 'Kangdong District, Pyongyang', country: 'KP' }],
  }),
  entry('5', ['BANCO NACIONAL DE CUBA', 'NATIONAL BANK OF CUBA'], { programs: ['CUBA'], countries: ['CU'] }),
  entry('6', ['SHOYGU, Sergey Kuzhugetovich'], { type: 'individual', countries: ['RU'] }),
  entry('7', ['ABDULAZIZ TRADING COMPANY'], { countries: ['AE'] }),
  entry('8', ['HASSAN, Ali'], { type: 'individual', countries: ['LB'] }),
  entry('9', ['AL HASSAN, Mohamed Ali'], { type: 'individual' }),
  entry('10', ['SMITH, John Robert'], { type: 'individual', countries: ['US'] }),
  entry('11', ['NATIONAL IRANIAN OIL COMPANY'], { countries: ['IR'] }),
  entry('12', ['MAHMOUD, Ahmad'], { type: 'individual', countries: ['IQ'] }),
];
const index = PartyIndex.build(LIST);
const screen = (name: string, country?: string, address?: string) =>
  index.screen({
    name,
    ...(country === undefined ? {} : { country }),
    ...(address === undefined ? {} : { address }),
  });

describe('PartyIndex.screen: matching behaviours', () => {
  it('finds a listed name written with another legal form and punctuation', () => {
    for (const q of ['Anglo Caribbean Company Limited', 'ANGLO CARIBBEAN LLC', 'anglo-caribbean co ltd']) {
      const r = screen(q);
      expect(r.hit, q).toBe(true);
      expect(r.best).toMatchObject({ entryId: '1', nameScore: 1 });
    }
    expect(screen('Anglo Caribbean Company Limited').best!.explanation).toContain('ignored: COMPANY LIMITED');
  });

  it('ignores word order ("First Last" against OFAC "LAST, First")', () => {
    const r = screen('Sergey Kuzhugetovich Shoygu');
    expect(r.best).toMatchObject({ entryId: '6', nameScore: 1 });
    expect(r.best!.explanation).toContain('word order differs');
  });

  it('matches romanizations of one name: Mohamed / Mohammed / Muhammad, Abu / Abou, Marzouk / Marzook', () => {
    const r = screen('Mousa Muhammad Abou Marzouk');
    expect(r.hit).toBe(true);
    expect(r.best!.entryId).toBe('3');
    expect(r.best!.pairs).toContainEqual({
      query: 'MUHAMMAD',
      list: 'MOHAMMED',
      kind: 'transliteration',
      score: 0.95,
    });
    expect(r.best!.explanation).toContain('MUHAMMAD~MOHAMMED (transliteration 0.95)');
  });

  it('matches a name written in Cyrillic', () => {
    const r = screen('Сергей Кужугетович Шойгу');
    expect(r.hit).toBe(true);
    expect(r.best!.entryId).toBe('6');
  });

  it('takes initials for given names, for less than the full word', () => {
    const full = screen('Abboud Abdul Latif Hassan Al-Zomor');
    const initials = screen('A. A. L. H. Al-Zomor');
    const mixed = screen('Abboud A. L. Hassan Al Zomor');
    expect(mixed.hit).toBe(true);
    expect(mixed.best!.entryId).toBe('2');
    expect(mixed.best!.pairs.filter((p) => p.kind === 'initial').map((p) => `${p.query}/${p.list}`)).toEqual([
      'A/ABDUL',
      'L/LATIF',
    ]);
    expect(mixed.best!.score).toBeLessThan(full.best!.score);
    // Initials alone on top of the family name are a weaker lead still.
    expect(initials.best!.score).toBeLessThan(mixed.best!.score);
  });

  it('forgives a typo in a long word, not a different word', () => {
    const typo = screen('Abboud Al-Zomor Abdul Latif Hasan');
    expect(typo.hit).toBe(true);
    expect(screen('Shoygu Sergey Kuzhugetovitch').best!.pairs).toContainEqual(
      expect.objectContaining({ query: 'KUZHUGETOVITCH', list: 'KUZHUGETOVICH', kind: 'spelling' }),
    );
    expect(screen('Shoygu Sergey Kuzhugetovich').hit).toBe(true);
  });

  it('matches words the other side writes as one (ABDUL AZIZ / ABDULAZIZ)', () => {
    const r = screen('Abdul Aziz Trading LLC');
    expect(r.best).toMatchObject({ entryId: '7' });
    expect(r.best!.pairs).toContainEqual(
      expect.objectContaining({ query: 'ABDUL AZIZ', list: 'ABDULAZIZ', kind: 'joined' }),
    );
    expect(r.hit).toBe(true);
    const split = screen('Alzomor Abboud Abdul Latif Hassan');
    expect(split.best).toMatchObject({ entryId: '2' });
    expect(split.best!.pairs).toContainEqual(
      expect.objectContaining({ query: 'ALZOMOR', list: 'AL ZOMOR', kind: 'joined' }),
    );
  });

  it('reports the alias that matched', () => {
    const r = screen('National Bank of Cuba');
    expect(r.best).toMatchObject({
      entryId: '5',
      matchedName: 'NATIONAL BANK OF CUBA',
      matchedNameKind: 'aka',
    });
    expect(r.best!.explanation).toMatch(
      /^test 5 \[CUBA\] "BANCO NACIONAL DE CUBA" via aka "NATIONAL BANK OF CUBA": /,
    );
  });

  it('charges half for list words the query lacks (a dropped middle name still hits)', () => {
    const r = screen('Abboud Al-Zomor');
    expect(r.best!.entryId).toBe('2');
    expect(r.best!.unmatchedList).toEqual(['ABDUL', 'LATIF', 'HASSAN']);
    expect(r.best!.nameScore).toBeGreaterThan(0.75);
    expect(r.best!.nameScore).toBeLessThan(1);
  });

  it('does not hit on one shared common word (near misses)', () => {
    for (const q of [
      'Ali Johnson',
      'Golden Dragon Electronics Co Ltd',
      'National Oil Services',
      'John Doe',
      'Ahmad Rashid',
    ]) {
      const r = screen(q);
      expect(r.hit, `${q}: ${r.best?.explanation}`).toBe(false);
    }
  });

  it('keeps MAHMOUD and MOHAMMED apart', () => {
    const r = screen('Ahmad Mohammed');
    expect(r.best === undefined || r.best.entryId !== '12' || !r.hit).toBe(true);
    expect(screen('Ahmad Mahmud').best).toMatchObject({ entryId: '12' });
  });

  it('prefers the entry whose name is fully explained over one that merely contains the words', () => {
    expect(screen('Ali Hassan').best!.entryId).toBe('8');
    expect(screen('Mohamed Ali al-Hassan').best!.entryId).toBe('9');
  });

  it('returns no candidate when nothing shares a word', () => {
    const r = screen('Zyxwv Qwerty');
    expect(r).toMatchObject({ hit: false, candidates: 0 });
    expect(r.best).toBeUndefined();
  });
});

describe('PartyIndex.screen: country and address', () => {
  it('adds for a listed country and subtracts for another one, and says so', () => {
    const none = screen('Sergey Shoygu Kuzhugetovich');
    const same = screen('Sergey Shoygu Kuzhugetovich', 'Russia');
    const other = screen('Sergey Shoygu Kuzhugetovich', 'BR');
    expect(none.best!.score).toBe(1);
    expect(same.best!.countryAdjustment).toBe(COUNTRY_AGREES);
    expect(same.best!.explanation).toContain('country RU agrees');
    expect(other.best!.countryAdjustment).toBe(COUNTRY_DIFFERS);
    expect(other.best!.score).toBeCloseTo(1 + COUNTRY_DIFFERS, 6);
    expect(other.best!.explanation).toContain('country BR not among listed RU');
  });

  it('lets the country decide a borderline name', () => {
    const q = 'Abboud Al-Zomor';
    const neutral = screen(q).best!.score;
    const threshold = neutral + COUNTRY_AGREES / 2;
    expect(index.screen({ name: q }, { threshold }).hit).toBe(false);
    expect(index.screen({ name: q, country: 'EG' }, { threshold }).best!.score).toBeCloseTo(
      neutral + COUNTRY_AGREES,
      6,
    );
    expect(index.screen({ name: q, country: 'EG' }, { threshold }).hit).toBe(true);
    expect(index.screen({ name: q, country: 'Brazil' }, { threshold: neutral }).hit).toBe(false);
  });

  it('treats an unknown country as neutral and says it was not recognised', () => {
    const r = screen('Golden Star Co', 'Atlantis');
    expect(r.best!.countryAdjustment).toBe(0);
    expect(r.best!.explanation).toContain("country 'Atlantis' not recognised");
  });

  it('adds for address words shared with a listed address', () => {
    const r = screen('Golden Star Co', 'KP', 'Kangdong district, Pyongyang');
    expect(r.best!.addressAdjustment).toBeGreaterThan(0);
    expect(r.best!.explanation).toContain('address shares KANGDONG PYONGYANG');
    expect(screen('Golden Star Co', 'KP', '1 Main Street, Springfield').best!.addressAdjustment).toBe(0);
  });
});

describe('PartyIndex.screen: threshold and blocking', () => {
  it('takes the threshold from the caller', () => {
    const q = { name: 'Abboud Al-Zomor' };
    const score = index.screen(q).best!.score;
    expect(index.screen(q, { threshold: score }).hit).toBe(true);
    expect(index.screen(q, { threshold: score + 0.001 }).hit).toBe(false);
    expect(index.screen(q, { threshold: 0.5 }).threshold).toBe(0.5);
  });

  it('scores only a few candidates from a large list', () => {
    const many: ListEntry[] = [...LIST];
    for (let i = 0; i < 5000; i++)
      many.push(
        entry(`x${i}`, [
          `FIRM${i} ${['AL', 'GLOBAL', 'BANK'][i % 3]} ${String.fromCharCode(65 + (i % 26))}HOLDING${i % 97}`,
        ]),
      );
    const big = PartyIndex.build(many);
    const r = big.screen({ name: 'Al Hassan Mohamed Ali' }, { candidates: 24 });
    expect(r.best!.entryId).toBe('9');
    expect(r.candidates).toBeLessThanOrEqual(24);
  });
});
