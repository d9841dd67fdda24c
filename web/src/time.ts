import { easternWallClockToUtc } from '../../src/core/time/index.js';

/** Times are shown in U.S. Eastern, the zone CBP's aggregation day is kept in, with the zone named. */
const fmt = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
  timeZoneName: 'short',
});

/** `08/20/2025, 10:33 EDT` → `2025-08-20 10:33 ET (EDT)`. */
export function eastern(iso: string | null | undefined): string {
  if (iso === null || iso === undefined || iso === '') return '—';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const p = Object.fromEntries(fmt.formatToParts(ms).map((x) => [x.type, x.value]));
  const hour = p.hour === '24' ? '00' : p.hour;
  return `${p.year}-${p.month}-${p.day} ${hour}:${p.minute} ET (${p.timeZoneName})`;
}

export const usd = (n: number | null | undefined): string =>
  n === null || n === undefined
    ? '—'
    : `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

/** An instant as the value of a `datetime-local` input in U.S. Eastern wall-clock time. */
export function easternInput(ms: number): string {
  const p = Object.fromEntries(fmt.formatToParts(ms).map((x) => [x.type, x.value]));
  const hour = p.hour === '24' ? '00' : p.hour;
  return `${p.year}-${p.month}-${p.day}T${hour}:${p.minute}`;
}

/** The ISO instant of a `datetime-local` value read as U.S. Eastern wall-clock time; null if not a time. */
export function fromEasternInput(value: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (m === null) return null;
  const ms = easternWallClockToUtc(m[1]!, Number(m[2]), Number(m[3]));
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
