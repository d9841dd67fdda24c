import { describe, expect, it } from 'vitest';
import type { Prepared, PreparedFiling } from '../core/screen/index.js';
import { MissDecoder, MissEncoder, type MissEntry } from './miss-wire.js';

const miss = (rule: string, reason: string) => ({ rule, band: 'none', reason, path: '' });
const filing = (id: string, outcomes: object[]): Prepared =>
  ({
    type: 'filing',
    id,
    risk: { filingId: id, version: 1, ruleSet: 'r@1', outcomes, keys: {} },
  }) as unknown as PreparedFiling;
const outcomesOf = (p: Prepared) => (p as PreparedFiling).risk!.outcomes;

/** What crosses a worker boundary: a structured clone, as postMessage makes it. */
const cross = <T>(v: T): T => structuredClone(v);

describe('misses across the worker boundary', () => {
  it('arrive equal to what was prepared, each distinct miss sent once and shared by every record', () => {
    const hit = { rule: 'precursor-cas', band: 'critical', reason: 'CAS 79-03-8', path: '/lines/0/cas' };
    const first = [
      filing('A', [miss('precursor-cas', 'no listed CAS number'), miss('cmra-address', 'no PMB')]),
      filing('B', [hit, miss('cmra-address', 'no PMB')]),
      { type: 'arrival', line: 3 } as unknown as Prepared,
    ];
    const second = [
      filing('C', [miss('precursor-cas', 'no listed CAS number'), miss('cmra-address', 'no PMB')]),
    ];
    const expected = cross([...first, ...second]);

    const encoder = new MissEncoder();
    const decoder = new MissDecoder();
    const m1 = cross({ out: first, misses: encoder.encode(first) });
    const m2 = cross({ out: second, misses: encoder.encode(second) });
    expect(m1.misses.map((e: MissEntry) => e[2])).toEqual(['no listed CAS number', 'no PMB']);
    expect(m2.misses).toEqual([]);
    expect(outcomesOf(m2.out[0]!)).toEqual([0, 1]);
    decoder.decode(m1.out, m1.misses);
    decoder.decode(m2.out, m2.misses);

    expect([...m1.out, ...m2.out]).toEqual(expected);
    expect(outcomesOf(m1.out[0]!)[1]).toBe(outcomesOf(m1.out[1]!)[1]);
    expect(outcomesOf(m2.out[0]!)[0]).toBe(outcomesOf(m1.out[0]!)[0]);
    expect(outcomesOf(m1.out[1]!)[0]).toEqual(hit);
  });

  it('a number without its entry is refused, not decoded as something else', () => {
    const out = [filing('A', [miss('precursor-cas', 'no listed CAS number')])];
    new MissEncoder().encode(out);
    expect(() => new MissDecoder().decode(out, [])).toThrow(/miss 0 before its entry/);
  });
});
