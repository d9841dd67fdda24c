import { resolve } from 'node:path';
import type { ScreeningStore, SubmittedRecord } from '../adapters/storage/screening-store.js';
import type { Decision } from '../core/decision/index.js';
import type { IngestFinding } from '../core/screen/index.js';
import { readRecords } from './read-records.js';
import type { IngestCounts } from './screen-files.js';

export type IngestFindingAt = IngestFinding & { readonly source: string };

export interface ScreenIntoOptions {
  /** Records per submission (one transaction, one turn of the store's global order). */
  readonly batchSize?: number;
  readonly onProgress?: (records: number) => void;
}

/**
 * Screens files into a screening store (PostgreSQL, or SQLite through the same interface), in order, one
 * submission per batch. Several processes may run this at once against one PostgreSQL: the store gives
 * their records one global order and the $800 totals stay exact.
 */
export async function screenInto(
  store: ScreeningStore,
  paths: readonly string[],
  opts: ScreenIntoOptions = {},
): Promise<{ counts: IngestCounts; seen: Set<string>; findings: IngestFindingAt[]; findingCount: number }> {
  const started = performance.now();
  const batchSize = opts.batchSize ?? 1000;
  const counts: IngestCounts = {
    records: 0,
    filings: 0,
    arrivals: 0,
    cancellations: 0,
    invalid: 0,
    seconds: 0,
  };
  const seen = new Set<string>();
  const findings: IngestFindingAt[] = [];
  let findingCount = 0;
  for (const path of paths) {
    const source = resolve(path);
    let batch: SubmittedRecord[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const r = await store.submit(batch, source);
      findingCount += r.findings.length;
      for (const f of r.findings) if (findings.length < 20) findings.push({ ...f, source });
      batch = [];
      opts.onProgress?.(counts.records);
    };
    for await (const item of readRecords(path)) {
      counts.records++;
      if (item.error !== undefined) {
        counts.invalid++;
        batch.push({ value: undefined, line: item.line, text: '', error: item.error });
      } else {
        const type = (item.value as { type?: unknown } | null)?.type;
        if (type === 'filing' || type === 'amendment') {
          counts.filings++;
          const id = (item.value as { id?: unknown }).id;
          if (typeof id === 'string') seen.add(id);
        } else if (type === 'arrival') counts.arrivals++;
        else if (type === 'cancellation') counts.cancellations++;
        batch.push({ value: item.value, line: item.line, text: item.text ?? JSON.stringify(item.value) });
      }
      if (batch.length >= batchSize) await flush();
    }
    await flush();
  }
  counts.seconds = (performance.now() - started) / 1000;
  return { counts, seen, findings, findingCount };
}

/** Counts by status and code of the given decisions, as the screen summary shows them. */
export function countDecisions(decisions: Iterable<Decision>): {
  byStatus: Record<string, number>;
  byCode: Record<string, number>;
  consigneesOverLimit: number;
} {
  const byStatus: Record<string, number> = {};
  const byCode: Record<string, number> = {};
  const over = new Set<string>();
  for (const d of decisions) {
    byStatus[d.status] = (byStatus[d.status] ?? 0) + 1;
    for (const c of d.codes) byCode[c] = (byCode[c] ?? 0) + 1;
    if (d.status === 'withheld' && d.party !== null) over.add(d.party.key);
  }
  return {
    byStatus,
    byCode: Object.fromEntries(Object.entries(byCode).sort((a, b) => b[1] - a[1])),
    consigneesOverLimit: over.size,
  };
}
