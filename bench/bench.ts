/**
 * `npm run bench`: generates a synthetic day, then in the same run measures
 *   - parse-only: reading the NDJSON lines and JSON.parse of each (the floor for any screener),
 *   - end-to-end: `minimis screen` into a fresh on-disk SQLite store (child process, so RSS is its own),
 *     with targeting on (the default) and off (`--no-targeting`), so its cost is a ratio within the run,
 *   - grouping quality of consignee identity against the generator's ground truth,
 *   - targeting quality on the planted cases (precursors, pill presses, mail drops, weight/value outliers,
 *     split orders): recall and precision from the decisions against the truth file.
 * Each timing runs several times; the median is reported and the ratio is taken within this run.
 * Usage: node dist/bench/bench.js [--filings N] [--runs R] [--seed S]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Decision } from '../src/core/decision/index.js';
import { groupingQuality } from '../src/core/identity/index.js';
import type { Truth } from '../src/generate/truth.js';
import { writeGeneratedDay } from '../src/generate/write.js';
import { readNdjson } from '../src/ingest/ndjson-reader.js';
import type { ScreenSummary } from '../src/ingest/summary.js';
import { plantedCaseQuality } from './planted-case-quality.js';

const args = process.argv.slice(2);
const arg = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? dflt : Number(args[i + 1]);
};
const FILINGS = arg('filings', 1_000_000);
const RUNS = arg('runs', 3);
const SEED = arg('seed', 7);
const dir = join(process.cwd(), 'bench-out');
mkdirSync(dir, { recursive: true });
const day = join(dir, `day-${FILINGS}-${SEED}.ndjson`);
const truthPath = join(dir, `truth-${FILINGS}-${SEED}.json`);
const cli = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function parseOnly(): Promise<{ seconds: number; filings: number }> {
  const t = performance.now();
  let filings = 0;
  for await (const item of readNdjson(day)) {
    const v = item.value as { type?: string } | undefined;
    if (v?.type === 'filing' || v?.type === 'amendment') filings++;
  }
  return { seconds: (performance.now() - t) / 1000, filings };
}

function screenOnce(db: string, out?: string, targeting = true): ScreenSummary {
  for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  const argv = [
    '--max-old-space-size=16384',
    cli,
    'screen',
    day,
    '--db',
    db,
    '--json',
    '--no-progress',
    ...(out === undefined ? [] : ['--out', out]),
    ...(targeting ? [] : ['--no-targeting']),
  ];
  const stdout = execFileSync(process.execPath, argv, { encoding: 'utf8', maxBuffer: 64 << 20 });
  return JSON.parse(stdout) as ScreenSummary;
}

async function main(): Promise<void> {
  console.error(`Generating ${FILINGS.toLocaleString('en-US')} filings (seed ${SEED}) …`);
  let t = performance.now();
  await writeGeneratedDay({ filings: FILINGS, seed: SEED }, day, truthPath);
  const genSeconds = (performance.now() - t) / 1000;
  const bytes = statSync(day).size;

  const parse: number[] = [];
  const e2e: number[] = [];
  const rss: number[] = [];
  const plain: number[] = [];
  let last: ScreenSummary | undefined;
  const db = join(dir, 'bench.db');
  const decisionsOut = join(dir, 'decisions.ndjson');
  for (let r = 0; r < RUNS; r++) {
    const p = await parseOnly();
    parse.push(p.filings / p.seconds);
    last = screenOnce(db, r === RUNS - 1 ? decisionsOut : undefined);
    e2e.push(last.filingsPerSecond);
    rss.push(last.peakRssMb);
    plain.push(screenOnce(db, undefined, false).filingsPerSecond);
    console.error(
      `run ${r + 1}/${RUNS}: parse-only ${Math.round(parse.at(-1)!)} filings/s, screen ${Math.round(e2e.at(-1)!)} filings/s (without targeting ${Math.round(plain.at(-1)!)}), peak RSS ${rss.at(-1)} MB`,
    );
  }

  // Grouping quality: the party key minimis gave each filing against the generator's person id.
  t = performance.now();
  const truth = JSON.parse(readFileSync(truthPath, 'utf8')) as Truth;
  const pairs: { predicted: string; truth: string }[] = [];
  const decisions: Decision[] = [];
  for await (const item of readNdjson(decisionsOut)) {
    const d = item.value as Decision;
    decisions.push(d);
    const person = truth.person[d.filingId];
    if (d.party !== null && person !== undefined) pairs.push({ predicted: d.party.key, truth: person });
  }
  const quality = groupingQuality(pairs);
  const targeting = plantedCaseQuality(decisions, truth.planted);

  const result = {
    machine: { cores: (await import('node:os')).cpus().length, node: process.version },
    filings: FILINGS,
    fileMb: Math.round(bytes / 1048576),
    runs: RUNS,
    generateSeconds: Number(genSeconds.toFixed(1)),
    parseOnlyFilingsPerSec: Math.round(median(parse)),
    endToEndFilingsPerSec: Math.round(median(e2e)),
    ratioEndToEndToParse: Number((median(e2e) / median(parse)).toFixed(3)),
    endToEndWithoutTargetingFilingsPerSec: Math.round(median(plain)),
    ratioTargetingOnToOff: Number((median(e2e) / median(plain)).toFixed(3)),
    targeting,
    peakRssMb: median(rss),
    identity: {
      precision: Number(quality.precision.toFixed(4)),
      recall: Number(quality.recall.toFixed(4)),
      f1: Number(quality.f1.toFixed(4)),
      filings: quality.items,
      truePairs: quality.truePairs,
    },
    lastRun:
      last === undefined
        ? undefined
        : { byStatus: last.byStatus, consigneesOverLimit: last.consigneesOverLimit },
  };
  writeFileSync(join(dir, 'bench.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
  console.error(`(grouping quality computed in ${((performance.now() - t) / 1000).toFixed(1)} s)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
