import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { SqliteBatch, SqliteStore } from '../adapters/storage/sqlite/sqlite-store.js';
import type { Policy } from '../core/policy/index.js';
import type { ReferenceData } from '../core/refdata/reference-data.js';
import { type Prepared, prepare, Screener } from '../core/screen/index.js';
import type { Targeting } from '../core/screen/targeting.js';
import { readLineChunks } from './ndjson-reader.js';
import { PreparePool, type RefFiles } from './prepare-pool.js';
import { detectFormat, readRecords } from './read-records.js';

export interface ScreenOptions {
  readonly store: SqliteStore;
  readonly ref: ReferenceData;
  /** The files `ref` was loaded from, so worker threads can load the same. */
  readonly refFiles: RefFiles;
  readonly policy: Policy;
  /** Risk rules and lanes; the workers run the stateless half from `refFiles.riskRules`. */
  readonly targeting?: Targeting;
  /** Worker threads for the stateless stage of NDJSON input; 0 prepares on the main thread. */
  readonly workers?: number;
  /** Records per transaction. */
  readonly batchSize?: number;
  readonly onProgress?: (records: number) => void;
  /** Test hook: called after each committed batch with the number of records read so far. */
  readonly afterCommit?: (records: number) => void;
}

export interface IngestCounts {
  records: number;
  filings: number;
  arrivals: number;
  cancellations: number;
  invalid: number;
  seconds: number;
}

/**
 * Reads, screens and stores the records of the given files in order, one transaction per batch.
 * Re-running the same files is a no-op: every record is idempotent on the stored state, so a run
 * killed at any point and started again ends in the state of an uninterrupted run.
 */
export async function screenFiles(paths: readonly string[], opts: ScreenOptions): Promise<IngestCounts> {
  const started = performance.now();
  const screener = new Screener(opts.policy, opts.targeting);
  screener.restore(opts.store.snapshot());
  const batchSize = opts.batchSize ?? 10_000;
  const counts: IngestCounts = {
    records: 0,
    filings: 0,
    arrivals: 0,
    cancellations: 0,
    invalid: 0,
    seconds: 0,
  };
  const workers = opts.workers ?? 0;
  const pool = workers > 0 ? new PreparePool(workers, opts.refFiles) : undefined;
  try {
    for (const path of paths) {
      const source = resolve(path);
      const fingerprint = await fileFingerprint(path);
      const done = opts.store.checkpoint(source, fingerprint);
      let batch = opts.store.batch(source, fingerprint);
      let inBatch = 0;
      const take = (p: Prepared): void => {
        if (p.line <= done) {
          // Applied by an earlier run of this file; still listed in this run's output.
          if (p.type === 'filing' || p.type === 'amendment') batch.markSeen(p.id);
          return;
        }
        screener.apply(p, batch);
        batch.lastLine = p.line;
        count(counts, p, batch);
        if (++inBatch >= batchSize) {
          batch.commit();
          opts.afterCommit?.(counts.records);
          opts.onProgress?.(counts.records);
          batch = opts.store.batch(source, fingerprint);
          inBatch = 0;
        }
      };
      if (pool !== undefined && (await detectFormat(path)) === 'ndjson') {
        for await (const prepared of pool.prepareInOrder(readLineChunks(path)))
          for (const p of prepared) take(p);
      } else {
        for await (const item of readRecords(path)) {
          take(
            item.error === undefined
              ? prepare(item.value, item.line, opts.ref, item.text)
              : { type: 'invalid', line: item.line, findings: [item.error], id: undefined },
          );
        }
      }
      batch.commit();
      opts.afterCommit?.(counts.records);
      opts.onProgress?.(counts.records);
    }
  } finally {
    await pool?.close();
  }
  counts.seconds = (performance.now() - started) / 1000;
  return counts;
}

/** Identifies a file by its first 64 KiB, so a file that grew keeps its checkpoint and a new one does not. */
async function fileFingerprint(path: string): Promise<string> {
  const fh = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(65_536), 0, 65_536, 0);
    return createHash('sha256').update(buffer.subarray(0, bytesRead)).digest('hex');
  } finally {
    await fh.close();
  }
}

function count(counts: IngestCounts, p: Prepared, batch: SqliteBatch): void {
  counts.records++;
  if (p.type === 'filing' || p.type === 'amendment') {
    counts.filings++;
    batch.markSeen(p.id);
  } else if (p.type === 'arrival') counts.arrivals++;
  else if (p.type === 'cancellation') counts.cancellations++;
  else counts.invalid++;
}
