import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RollingDistinct } from './rolling.js';

/** The plain form: a Map of members for every key (what RollingDistinct did before keeping one inline). */
class PlainRolling {
  private readonly keys = new Map<string, Map<string, number>>();
  private readonly touched = new Map<number, Set<string>>();
  private newestDay = Number.NEGATIVE_INFINITY;
  constructor(
    readonly windowDays: number,
    readonly maxKeys: number,
  ) {}
  countWith(key: string, member: string, day: number): number {
    const members = this.keys.get(key);
    if (members === undefined) return 1;
    const oldest = day - this.windowDays + 1;
    let n = 0;
    let self = false;
    for (const [m, last] of members) {
      if (last < oldest) continue;
      n++;
      if (m === member) self = true;
    }
    return self ? n : n + 1;
  }
  members(key: string, day: number, max: number): string[] {
    const oldest = day - this.windowDays + 1;
    const live = [...(this.keys.get(key) ?? [])].filter(([, last]) => last >= oldest && last <= day);
    live.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return live.slice(0, max).map(([m]) => m);
  }
  add(key: string, member: string, day: number): void {
    if (day > this.newestDay) {
      this.newestDay = day;
      const oldest = day - this.windowDays + 1;
      for (const [d, keys] of this.touched) {
        if (d >= oldest) continue;
        this.touched.delete(d);
        for (const k of keys) {
          const members = this.keys.get(k);
          if (members === undefined) continue;
          for (const [m, last] of members) if (last < oldest) members.delete(m);
          if (members.size === 0) this.keys.delete(k);
        }
      }
    }
    const members = this.keys.get(key) ?? new Map<string, number>();
    this.keys.delete(key);
    this.keys.set(key, members);
    const last = members.get(member);
    if (last === undefined || day > last) members.set(member, day);
    const set = this.touched.get(day);
    if (set === undefined) this.touched.set(day, new Set([key]));
    else set.add(key);
    while (this.keys.size > this.maxKeys) this.keys.delete(this.keys.keys().next().value as string);
  }
}

describe('RollingDistinct keeps a lone member inline', () => {
  it('answers every count and member list as a Map per key would', () => {
    const op = fc.record({
      key: fc.constantFrom('a', 'b', 'c', 'd'),
      member: fc.constantFrom('x', 'y', 'z'),
      day: fc.integer({ min: 0, max: 20 }),
      add: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(op),
        (w, cap, ops) => {
          const fast = new RollingDistinct(w, cap);
          const plain = new PlainRolling(w, cap);
          for (const o of ops) {
            expect(fast.countWith(o.key, o.member, o.day)).toBe(plain.countWith(o.key, o.member, o.day));
            expect(fast.members(o.key, o.day, 5)).toEqual(plain.members(o.key, o.day, 5));
            if (o.add) {
              fast.add(o.key, o.member, o.day);
              plain.add(o.key, o.member, o.day);
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
