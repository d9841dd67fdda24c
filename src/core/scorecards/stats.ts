/**
 * Wilson score interval for a binomial proportion: unlike the normal approximation it stays inside
 * [0, 1] and behaves with the small counts a filer has on a single day. z = 1.96 gives ~95 %.
 */
export function wilson(count: number, n: number, z = 1.96): [number, number] | null {
  if (n <= 0) return null;
  const p = count / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, center - half), Math.min(1, center + half)];
}

/** U.S. Eastern day (YYYY-MM-DD) → ISO 8601 week key (2026-W10): weeks start Monday, week 1 holds a Thursday. */
export function isoWeek(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  const dow = date.getUTCDay() || 7;
  // The Thursday of the same week decides the week-based year.
  date.setUTCDate(date.getUTCDate() + 4 - dow);
  const year = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export function periodKey(day: string, period: 'day' | 'week' | 'month'): string {
  if (period === 'day') return day;
  if (period === 'month') return day.slice(0, 7);
  return isoWeek(day);
}
