/**
 * Distinct members per key over a rolling window of days (consignees per address, addresses per
 * consignee), bounded twice: members older than the window are dropped when their day leaves it, and
 * past `maxKeys` keys the least recently touched key is forgotten. Days are whole days since
 * 1970-01-01 (the U.S. Eastern calendar day of the shipment, decided by the caller).
 */
export class RollingDistinct {
  /**
   * Most keys have one member in the window (one consignee at an address), so a key holds its member
   * inline and gets a Map only at the second: a Map per key was the largest part of targeting's memory.
   */
  private readonly keys = new Map<string, One | Map<string, number>>();
  /** Keys touched on each day, to sweep the day when it leaves the window. */
  private readonly touched = new Map<number, Set<string>>();
  private newestDay = Number.NEGATIVE_INFINITY;

  constructor(
    readonly windowDays: number,
    readonly maxKeys: number,
  ) {}

  get size(): number {
    return this.keys.size;
  }

  /** Distinct members of `key` in the window ending on `day`, counting `member` as if added. */
  countWith(key: string, member: string, day: number): number {
    const members = this.keys.get(key);
    if (members === undefined) return 1;
    const oldest = day - this.windowDays + 1;
    if (members instanceof One) return members.last < oldest || members.member === member ? 1 : 2;
    let n = 0;
    let self = false;
    for (const [m, last] of members) {
      if (last < oldest) continue;
      n++;
      if (m === member) self = true;
    }
    return self ? n : n + 1;
  }

  /** Members of `key` in the window, most recent first, at most `max`. */
  members(key: string, day: number, max: number): string[] {
    const members = this.keys.get(key);
    if (members === undefined) return [];
    const oldest = day - this.windowDays + 1;
    const all: [string, number][] = members instanceof One ? [[members.member, members.last]] : [...members];
    const live = all.filter(([, last]) => last >= oldest && last <= day);
    live.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return live.slice(0, max).map(([m]) => m);
  }

  add(key: string, member: string, day: number): void {
    if (day > this.newestDay) this.advance(day);
    let members = this.keys.get(key);
    if (members === undefined) members = new One(member, day);
    else {
      this.keys.delete(key);
      if (members instanceof One) {
        if (members.member === member) members.last = Math.max(members.last, day);
        else members = new Map([[members.member, members.last]]);
      }
      if (members instanceof Map) {
        const last = members.get(member);
        if (last === undefined || day > last) members.set(member, day);
      }
    }
    // Re-inserted at the end: Map order is then least recently touched first.
    this.keys.set(key, members);
    const set = this.touched.get(day);
    if (set === undefined) this.touched.set(day, new Set([key]));
    else set.add(key);
    while (this.keys.size > this.maxKeys) {
      const oldestKey = this.keys.keys().next().value as string;
      this.keys.delete(oldestKey);
    }
  }

  private advance(day: number): void {
    this.newestDay = day;
    const oldest = day - this.windowDays + 1;
    for (const [d, keys] of this.touched) {
      if (d >= oldest) continue;
      this.touched.delete(d);
      for (const k of keys) {
        const members = this.keys.get(k);
        if (members === undefined) continue;
        if (members instanceof One) {
          if (members.last < oldest) this.keys.delete(k);
          continue;
        }
        for (const [m, last] of members) if (last < oldest) members.delete(m);
        if (members.size === 0) this.keys.delete(k);
      }
    }
  }
}

/** The only member of a key, and the last day it was seen. */
class One {
  constructor(
    readonly member: string,
    public last: number,
  ) {}
}

/** Whole days since 1970-01-01 of a YYYY-MM-DD date; NaN when it is not one. */
export function dayNumber(day: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (m === null) return Number.NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
}
