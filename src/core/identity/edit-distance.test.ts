import fc from 'fast-check';
import { distance } from 'fastest-levenshtein';
import { describe, expect, it } from 'vitest';
import { oneEditApart } from './edit-distance.js';

describe('oneEditApart', () => {
  it.each([
    ['SMITH', 'SMYTH', true],
    ['JON', 'JOHN', true],
    ['JOHN', 'JON', true],
    ['SMITH', 'SMIHT', true],
    ['SMITH', 'SMITHS', true],
    ['SMITH', 'SMITH', false],
    ['SMITH', 'SMYTHE', false],
    ['ABCD', 'BADC', false],
    ['', 'A', true],
  ])('%s / %s -> %s', (a, b, expected) => {
    expect(oneEditApart(a, b)).toBe(expected);
  });

  it('agrees with Levenshtein distance 1, plus adjacent swaps', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('A', 'B', 'C'), maxLength: 6 }),
        fc.string({ unit: fc.constantFrom('A', 'B', 'C'), maxLength: 6 }),
        (a, b) => {
          const swap = a.length === b.length && a.length >= 2 && distance(a, b) === 2 && isAdjacentSwap(a, b);
          expect(oneEditApart(a, b)).toBe(distance(a, b) === 1 || swap);
        },
      ),
    );
  });
});

function isAdjacentSwap(a: string, b: string): boolean {
  for (let i = 0; i + 1 < a.length; i++) {
    if (a.slice(0, i) + a[i + 1] + a[i] + a.slice(i + 2) === b) return true;
  }
  return false;
}
