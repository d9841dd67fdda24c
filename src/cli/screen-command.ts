import { availableParallelism } from 'node:os';
import { SingleBar } from 'cli-progress';
import { writeDecisions } from '../adapters/files/decision-writer.js';
import { PgScreening } from '../adapters/storage/postgres/pg-screening.js';
import { SqliteStore } from '../adapters/storage/sqlite/sqlite-store.js';
import { screenFiles } from '../ingest/screen-files.js';
import { countDecisions, screenInto } from '../ingest/screen-into.js';
import { formatSummary, type ScreenSummary, summarize } from '../ingest/summary.js';
import { LivePolicy } from '../server/live-policy.js';
import { SuspensionService } from '../server/suspensions.js';
import { choosePolicy } from './policy-command.js';
import { loadReference, loadTargetingOptions, type RefOptions } from './reference.js';

export interface ScreenCommandOptions extends RefOptions {
  db?: string;
  /** PostgreSQL instead of SQLite (also MINIMIS_DATABASE_URL); several processes may screen at once. */
  databaseUrl?: string;
  out?: string;
  json?: boolean;
  progress?: boolean;
  /** Worker threads for parsing and validation (default: cores - 1, at least 1). */
  workers?: number;
  batchSize?: number;
  policy?: string;
  set?: string[];
}

/** `minimis screen`: screens files into the store, writes decisions, prints the summary. */
export async function runScreen(files: string[], opts: ScreenCommandOptions): Promise<ScreenSummary> {
  const policy = choosePolicy(opts.policy, opts.set ?? []);
  const databaseUrl = opts.databaseUrl ?? process.env.MINIMIS_DATABASE_URL;
  if (databaseUrl !== undefined && databaseUrl !== '') return screenIntoPostgres(files, databaseUrl, opts);
  const targeting = loadTargetingOptions(opts);
  const { ref, files: refFiles } = loadReference(opts, opts.json === true, opts.db);
  if (opts.json !== true) process.stderr.write(`Policy: ${policy.name} — ${policy.description}\n`);
  const store = new SqliteStore(opts.db ?? ':memory:');
  let peakRss = process.memoryUsage.rss();
  const showBar = opts.progress !== false && process.stderr.isTTY === true && opts.json !== true;
  const bar = showBar
    ? new SingleBar({
        format: 'screening {value} records | {rate}/s | {duration_formatted}',
        stream: process.stderr,
      })
    : undefined;
  const started = performance.now();
  bar?.start(0, 0, { rate: 0 });
  try {
    const counts = await screenFiles(files, {
      store,
      ref,
      refFiles,
      workers: opts.workers ?? Math.max(1, availableParallelism() - 1),
      policy: policy.policy,
      ...(targeting === undefined ? {} : { targeting }),
      ...(opts.batchSize === undefined ? {} : { batchSize: opts.batchSize }),
      onProgress: (n) => {
        peakRss = Math.max(peakRss, process.memoryUsage.rss());
        bar?.update(n, { rate: Math.round(n / ((performance.now() - started) / 1000)) });
      },
    });
    bar?.stop();
    const summary = summarize(store, counts, Math.max(peakRss, process.memoryUsage.rss()));
    if (opts.out !== undefined) {
      const n = await writeDecisions(opts.out, store.decisions(true));
      if (opts.json !== true)
        process.stderr.write(`Wrote ${n.toLocaleString('en-US')} decisions to ${opts.out}\n`);
    }
    process.stdout.write(
      opts.json === true ? `${JSON.stringify(summary, null, 2)}\n` : `${formatSummary(summary)}\n`,
    );
    return summary;
  } finally {
    bar?.stop();
    store.close();
  }
}

/** `minimis screen` against PostgreSQL: records go through the shared screening order, batch by batch. */
async function screenIntoPostgres(
  files: string[],
  url: string,
  opts: ScreenCommandOptions,
): Promise<ScreenSummary> {
  const policy = choosePolicy(opts.policy, opts.set ?? []);
  const targeting = loadTargetingOptions(opts);
  const { ref } = loadReference(opts, opts.json === true);
  if (opts.json !== true)
    process.stderr.write(
      `Policy: ${policy.name} — ${policy.description}\nStore: PostgreSQL ${redact(url)}\n`,
    );
  // Suspensions recorded through `minimis serve` on the same database feed the policy here too, at their
  // place in the global order, so every process decides the same records the same way.
  const live = new LivePolicy(policy.policy);
  const store = await PgScreening.open(url, live.engine, ref, {
    hooks: new SuspensionService(live),
    ...(targeting === undefined ? {} : { targeting }),
  });
  try {
    const run = await screenInto(store, files, { batchSize: opts.batchSize ?? 1000 });
    const decisions = (await store.currentDecisions()).filter((d) => run.seen.has(d.filingId));
    const summary: ScreenSummary = {
      counts: run.counts,
      filingsPerSecond: run.counts.seconds > 0 ? run.counts.filings / run.counts.seconds : 0,
      ...countDecisions(decisions),
      ingestFindings: run.findingCount,
      recordFindings: run.findings,
      peakRssMb: Math.round(process.memoryUsage.rss() / 1048576),
    };
    process.stdout.write(
      opts.json === true ? `${JSON.stringify(summary, null, 2)}\n` : `${formatSummary(summary)}\n`,
    );
    return summary;
  } finally {
    await store.close();
  }
}

/** The URL without its password, for the terminal. */
function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
