import { describe, expect, it } from 'vitest';
import { countryCode } from './country.js';
import { normalizePartyName, spellingKey, transliterate } from './normalize.js';

const tokens = (s: string) => normalizePartyName(s).tokens;

describe('normalizePartyName', () => {
  it('removes legal forms however they are written, keeping the name', () => {
    expect(tokens('ANGLO-CARIBBEAN CO., LTD.')).toEqual(['ANGLO', 'CARIBBEAN']);
    expect(tokens('Anglo Caribbean Company Limited')).toEqual(['ANGLO', 'CARIBBEAN']);
    expect(tokens('GRUPO ALBO S.A. DE C.V.')).toEqual(['GRUPO', 'ALBO']);
    expect(tokens('Acme L.L.C.')).toEqual(['ACME']);
    expect(tokens('Golden Star Trading Co., Ltd')).toEqual(['GOLDEN', 'STAR']);
    expect(tokens('OOO Tekhnoprom')).toEqual(['TEKHNOPROM']);
    expect(tokens('Siemens GmbH')).toEqual(['SIEMENS']);
    expect(tokens('UZAY GROUP DIS TICARET LIMITED SIRKETI')).toEqual(['UZAY', 'GROUP', 'DIS', 'TICARET']);
  });

  it('removes legal forms written out in words (Russian LLC and JSC, English LLC)', () => {
    expect(tokens('OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU KHOLDINGOVAYA KOMPANIYA YUESEM')).toEqual([
      'KHOLDINGOVAYA',
      'KOMPANIYA',
      'YUESEM',
    ]);
    expect(tokens('AKTSIONERNOE OBSHCHESTVO KONTSERN AVTOMATIKA')).toEqual(['KONTSERN', 'AVTOMATIKA']);
    expect(tokens('Rosoboronexport Joint Stock Company')).toEqual(['ROSOBORONEXPORT']);
    expect(normalizePartyName('Acme Limited Liability Company').removed).toEqual([
      'LIMITED',
      'LIABILITY',
      'COMPANY',
    ]);
  });

  it('takes short forms (CO, SA, DE) off the end only, where they are legal forms', () => {
    expect(tokens('BANCO NACIONAL DE CUBA')).toEqual(['BANCO', 'NACIONAL', 'DE', 'CUBA']);
    expect(tokens('CO SA TRADERS')).toEqual(['CO', 'SA', 'TRADERS']);
    expect(tokens('Servicios de Mexico SA de CV')).toEqual(['SERVICIOS', 'DE', 'MEXICO']);
  });

  it('keeps the words of a name that is nothing but legal forms', () => {
    expect(tokens('Trading Company')).toEqual(['TRADING', 'COMPANY']);
  });

  it('drops punctuation, titles and case; apostrophes join', () => {
    expect(tokens('AL ZAWAHIRI, Dr. Ayman')).toEqual(['AL', 'ZAWAHIRI', 'AYMAN']);
    expect(tokens('al-Zawahiri, AYMAN')).toEqual(['AL', 'ZAWAHIRI', 'AYMAN']);
    expect(tokens("ISLAMIC GAMA'AT")).toEqual(['ISLAMIC', 'GAMAAT']);
  });

  it('transliterates Cyrillic and Greek, and folds Latin diacritics', () => {
    expect(transliterate('Сергей Шойгу')).toBe('SERGEY SHOYGU');
    expect(tokens('Евгений Пригожин')).toEqual(['EVGENIY', 'PRIGOZHIN']);
    expect(tokens('Σωκράτης')).toEqual(['SOKRATIS']);
    expect(tokens('José Núñez')).toEqual(['JOSE', 'NUNEZ']);
  });
});

describe('spellingKey', () => {
  it('gives romanizations of one name one key', () => {
    const mohammed = ['MOHAMMED', 'MUHAMMAD', 'MOHAMAD', 'MOHAMED', 'MUHAMMED'].map(spellingKey);
    expect(new Set(mohammed).size).toBe(1);
    expect(spellingKey('YOUSSEF')).toBe(spellingKey('YUSUF'));
    expect(spellingKey('HUSSEIN')).toBe(spellingKey('HUSAYN'));
    expect(spellingKey('QADHAFI')).toBe(spellingKey('KADAFI'));
    expect(spellingKey('ALEXANDER')).toBe(spellingKey('ALEKSANDER'));
    expect(spellingKey('PRIGOZHIN')).toBe(spellingKey('PRIGOJIN'));
  });

  it('keeps apart names whose vowels sit elsewhere or whose consonants differ', () => {
    expect(spellingKey('MAHMOUD')).not.toBe(spellingKey('MOHAMMED'));
    expect(spellingKey('SHARIF')).not.toBe(spellingKey('SARIF'));
  });
});

describe('countryCode', () => {
  it('reads codes and the names OFAC writes', () => {
    expect(countryCode('CN')).toBe('CN');
    expect(countryCode('chn')).toBe('CN');
    expect(countryCode('China')).toBe('CN');
    expect(countryCode('Korea, North')).toBe('KP');
    expect(countryCode('Burma')).toBe('MM');
    expect(countryCode('Iran')).toBe('IR');
    expect(countryCode('Region: Crimea')).toBe('UA');
    expect(countryCode('undetermined')).toBeUndefined();
    expect(countryCode('ZZ')).toBeUndefined();
    expect(countryCode('')).toBeUndefined();
  });
});
