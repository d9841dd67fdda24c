import type { SqliteStore } from '../adapters/storage/sqlite/sqlite-store.js';
import type { IngestCounts } from './screen-files.js';

export interface ScreenSummary {
  readonly counts: IngestCounts;
  readonly filingsPerSecond: number;
  readonly byStatus: Record<string, number>;
  readonly byCode: Record<string, number>;
  readonly consigneesOverLimit: number;
  readonly ingestFindings: number;
  /** The first record-level findings (unreadable lines, version conflicts …), with file and line. */
  readonly recordFindings: { source: string; line: number; code: string; path: string; message: string }[];
  readonly peakRssMb: number;
}

/** Counts the current decisions of the filings this run saw. */
export function summarize(store: SqliteStore, counts: IngestCounts, peakRssBytes: number): ScreenSummary {
  const byStatus: Record<string, number> = {};
  const byCode: Record<string, number> = {};
  const over = new Set<string>();
  const rows = store.db
    .prepare(
      `SELECT d.status, d.codes, d.party_key FROM run_filings r JOIN filing_state s ON s.id = r.id
         JOIN decisions d ON d.filing_id = s.id AND d.version = s.version`,
    )
    .raw()
    .iterate() as IterableIterator<[string, string, string | null]>;
  for (const [status, codes, party] of rows) {
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    if (codes !== '') for (const c of codes.split(' ')) byCode[c] = (byCode[c] ?? 0) + 1;
    if (status === 'withheld' && party !== null) over.add(party);
  }
  return {
    counts,
    filingsPerSecond: counts.seconds > 0 ? counts.filings / counts.seconds : 0,
    byStatus,
    byCode: Object.fromEntries(Object.entries(byCode).sort((a, b) => b[1] - a[1])),
    consigneesOverLimit: over.size,
    ingestFindings: store.count('ingest_findings'),
    recordFindings: store.ingestFindings(20),
    peakRssMb: Math.round(peakRssBytes / 1048576),
  };
}

/** The summary as a few readable lines for a terminal. */
export function formatSummary(s: ScreenSummary): string {
  const c = s.counts;
  const pad = (n: number) => n.toLocaleString('en-US').padStart(10);
  const lines = [
    `Screened ${c.records.toLocaleString('en-US')} records (${c.filings.toLocaleString('en-US')} filings, ${c.arrivals} arrivals, ${c.cancellations} cancellations, ${c.invalid} unreadable) in ${c.seconds.toFixed(1)} s — ${Math.round(s.filingsPerSecond).toLocaleString('en-US')} filings/s, peak RSS ${s.peakRssMb} MB`,
    '',
    'Decisions by status',
    ...Object.entries(s.byStatus)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `  ${k.padEnd(12)}${pad(v)}`),
    '',
    'Codes (ACE code or finding)',
    ...Object.entries(s.byCode)
      .slice(0, 20)
      .map(([k, v]) => `  ${k.padEnd(28)}${pad(v)}`),
    '',
    `Consignees over the $800 limit (4M): ${s.consigneesOverLimit.toLocaleString('en-US')}`,
    `Unreadable lines and record-level findings: ${s.ingestFindings.toLocaleString('en-US')}`,
    ...s.recordFindings.map((f) => `  ${f.source}:${f.line} ${f.code} ${f.path || '/'}: ${f.message}`),
    ...(s.ingestFindings > s.recordFindings.length
      ? [`  … ${s.ingestFindings - s.recordFindings.length} more`]
      : []),
  ];
  return lines.join('\n');
}
