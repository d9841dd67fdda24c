/**
 * U.S. Eastern civil time without Intl on the hot path: DST rules of the Energy Policy Act of 2005
 * (second Sunday of March 02:00 local to first Sunday of November 02:00 local, since 2007) and the
 * 1987–2006 rules before that. The aggregation day is the arrival's Eastern calendar date.
 */
const HOUR = 3_600_000;

function nthSundayUtcMs(year: number, month: number, n: number): number {
  const first = Date.UTC(year, month, 1);
  const dow = new Date(first).getUTCDay();
  const firstSunday = 1 + ((7 - dow) % 7);
  return Date.UTC(year, month, firstSunday + 7 * (n - 1));
}

function lastSundayUtcMs(year: number, month: number): number {
  const last = Date.UTC(year, month + 1, 0);
  const dow = new Date(last).getUTCDay();
  return last - dow * 24 * HOUR;
}

const dstCache = new Map<number, readonly [number, number]>();
/** [start, end) of daylight time in UTC ms for a year. */
function dstWindow(year: number): readonly [number, number] {
  const hit = dstCache.get(year);
  if (hit !== undefined) return hit;
  let start: number;
  let end: number;
  if (year >= 2007) {
    start = nthSundayUtcMs(year, 2, 2) + 2 * HOUR + 5 * HOUR; // 02:00 EST = 07:00 UTC
    end = nthSundayUtcMs(year, 10, 1) + 2 * HOUR + 4 * HOUR; // 02:00 EDT = 06:00 UTC
  } else {
    start = nthSundayUtcMs(year, 3, 1) + 7 * HOUR;
    end = lastSundayUtcMs(year, 9) + 6 * HOUR;
  }
  const w = [start, end] as const;
  dstCache.set(year, w);
  return w;
}

/** Offset of U.S. Eastern time from UTC in hours (-4 or -5) at an instant. */
export function easternOffsetHours(utcMs: number): number {
  const year = new Date(utcMs).getUTCFullYear();
  const [start, end] = dstWindow(year);
  return utcMs >= start && utcMs < end ? -4 : -5;
}

/** The U.S. Eastern calendar date (YYYY-MM-DD) of an instant. */
export function easternDay(utcMs: number): string {
  const local = new Date(utcMs + easternOffsetHours(utcMs) * HOUR);
  return local.toISOString().slice(0, 10);
}

/** Parses an RFC 3339 instant; NaN when it is not a real date and time. */
export function parseInstant(text: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return Number.NaN;
  // Date.parse rolls 2025-02-30 over to March; reject dates that do not round-trip.
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(text);
  if (m === null) return Number.NaN;
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const daysInMonth = new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59) return Number.NaN;
  return ms;
}

/** Formats an instant in U.S. Eastern time with the zone named, for people. */
export function formatEastern(utcMs: number): string {
  const off = easternOffsetHours(utcMs);
  const local = new Date(utcMs + off * HOUR).toISOString().slice(0, 16).replace('T', ' ');
  return `${local} ${off === -4 ? 'EDT' : 'EST'}`;
}

/**
 * The instant of a U.S. Eastern wall-clock time (e.g. 2025-05-02 00:01, when an executive order
 * takes effect); NaN when the date is not real.
 */
export function easternWallClockToUtc(date: string, hour = 0, minute = 0): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (m === null || hour < 0 || hour > 23 || minute < 0 || minute > 59) return Number.NaN;
  const naive = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), hour, minute);
  if (new Date(naive).toISOString().slice(0, 10) !== date) return Number.NaN;
  // Try standard time first: an instant is right when its own offset agrees with the one assumed.
  for (const off of [-5, -4]) {
    const utc = naive - off * HOUR;
    if (easternOffsetHours(utc) === off) return utc;
  }
  // Inside the spring-forward gap the wall-clock time does not exist; take the moment after it.
  return naive + 4 * HOUR;
}
