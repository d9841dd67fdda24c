import { easternOffsetHours } from '../core/time/index.js';

const DAY_MS = 86_400_000;
const TWO = Array.from({ length: 60 }, (_, k) => String(k).padStart(2, '0'));
const prefixes = new Map<number, string>();

function datePrefix(dayNumber: number): string {
  let p = prefixes.get(dayNumber);
  if (p === undefined) {
    p = `${new Date(dayNumber * DAY_MS).toISOString().slice(0, 10)}T`;
    prefixes.set(dayNumber, p);
  }
  return p;
}

/** RFC 3339 instant to the second: in UTC ("…Z") or in U.S. Eastern time with its offset ("…-04:00"). */
export function formatInstant(ms: number, eastern = false): string {
  const off = eastern ? easternOffsetHours(ms) : 0;
  const local = ms + off * 3_600_000;
  const dayNumber = Math.floor(local / DAY_MS);
  const secs = Math.floor((local - dayNumber * DAY_MS) / 1000);
  const hh = Math.floor(secs / 3600);
  const mm = Math.floor((secs % 3600) / 60);
  const ss = secs % 60;
  const zone = off === 0 ? 'Z' : `-${TWO[-off]}:00`;
  return `${datePrefix(dayNumber)}${TWO[hh]}:${TWO[mm]}:${TWO[ss]}${zone}`;
}

/** First instant (UTC ms) of an Eastern calendar day "YYYY-MM-DD". */
export function easternDayStart(day: string): number {
  const base = Date.parse(`${day}T00:00:00Z`);
  // At 00:00 Eastern no daylight-time switch has happened yet (they happen at 02:00 local).
  return base - easternOffsetHours(base + 5 * 3_600_000) * 3_600_000;
}
