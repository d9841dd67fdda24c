import { describe, expect, it } from 'vitest';
import { compareNames } from './name-match.js';
import { normalizeName } from './normalize-name.js';

const compare = (a: string, b: string) => compareNames(normalizeName(a), normalizeName(b));
const kind = (a: string, b: string) => compare(a, b)?.kind;

describe('compareNames', () => {
  it('matches an initial for a given name, in either order and direction', () => {
    expect(compare('J. Smith', 'John Smith')).toEqual({ kind: 'initial', detail: 'initial J of JOHN' });
    expect(kind('John Smith', 'SMITH, J')).toBe('initial');
    expect(kind('John Q. Smith', 'John Smith')).toBe('initial');
  });

  it('matches common nicknames', () => {
    expect(compare('Bill Jones', 'William Jones')).toEqual({
      kind: 'nickname',
      detail: 'BILL is a nickname of WILLIAM',
    });
    expect(kind('Bob Lee', 'Robert Lee')).toBe('nickname');
    expect(kind('Jim Brown', 'James Brown')).toBe('nickname');
    expect(kind('Mike Chen', 'Michael Chen')).toBe('nickname');
    expect(kind('Liz Taylor', 'Elizabeth Taylor')).toBe('nickname');
    expect(kind('Katie Moore', 'Catherine Moore')).toBe('nickname');
    expect(compare('Will Jones', 'Billy Jones')?.detail).toBe('WILL and BILLY are both short for WILLIAM');
  });

  it('matches a one-letter spelling difference', () => {
    expect(compare('Jon Smith', 'John Smith')).toEqual({
      kind: 'spelling',
      detail: 'JON and JOHN differ by one letter',
    });
    expect(kind('John Smyth', 'John Smith')).toBe('spelling');
    expect(kind('John Smtih', 'John Smith')).toBe('spelling');
    expect(compare('John Smtih', 'John Smith')?.detail).toBe('SMTIH and SMITH differ by two swapped letters');
  });

  it('matches sound-alikes that are also close in spelling', () => {
    expect(compare('Maria Gonsales', 'Maria Gonzalez')).toEqual({
      kind: 'phonetic',
      detail: 'GONSALES and GONZALEZ sound alike (double metaphone KNSLS)',
    });
    expect(kind('Philip Wong', 'Filip Wong')).toBe('phonetic');
  });

  it('reports different given names with one surname as different people', () => {
    for (const [a, b] of [
      ['John Smith', 'Mary Smith'],
      ['John Smith', 'Jane Smith'],
      ['John Smith', 'Joan Smith'],
      ['Paul Smith', 'Paula Smith'],
      ['Dan Smith', 'Don Smith'],
      ['Patrick Doe', 'Patricia Doe'],
      ['J Smith', 'M Smith'],
      ['J Smith', 'Mary Smith'],
      ['John Smith', 'John Brown'],
      ['Wei Wang', 'Wu Wang'],
      ['J Smith', 'W Smith'],
    ] as const) {
      expect(kind(a, b), `${a} / ${b}`).toBe('different');
    }
  });

  it('leaves names tied by the tables, or two typos of one word, neither matched nor apart', () => {
    expect(compare('Johnny Smith', 'Jon Smith')).toBeUndefined();
    expect(compare('Anna Kowalsky', 'Anna Kovalski')).toBeUndefined();
  });

  it('does not relate names that share no full word or differ in more than one word', () => {
    expect(compare('J Smith', 'J Brown')).toBeUndefined();
    expect(compare('J', 'John')).toBeUndefined();
    expect(compare('Jon Smyth', 'John Smith')).toBeUndefined();
    expect(compare('Mary Ann Smith', 'Mary Smith')).toBeUndefined();
    expect(compare('Smith', 'J Smith')).toBeUndefined();
    expect(compare('', 'John Smith')).toBeUndefined();
  });

  it('matches organizations only on a typo in a long name', () => {
    expect(compare('Acme Tradng LLC', 'Acme Trading Inc')).toEqual({
      kind: 'spelling',
      detail: 'ACME TRADNG and ACME TRADING differ by one letter',
    });
    expect(compare('Acme Trading', 'Acme Logistics')).toBeUndefined();
    expect(compare('Acma Co', 'Acme Co')).toBeUndefined();
    expect(compare('Bill Shop', 'William Shop')).toBeUndefined();
    expect(compare('Acme Shop', 'J Acme Shop')).toBeUndefined();
  });
});
