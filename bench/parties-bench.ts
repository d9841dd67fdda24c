/**
 * `npm run bench:parties`: restricted-party screening quality and speed on the real OFAC SDN files.
 *   - builds a labelled set from the list (variants of listed names, and unlisted people and companies,
 *     near misses included; see src/adapters/parties/labelled-set.ts), with a fixed seed;
 *   - reports precision, recall and F1 at the default threshold, the precision/recall curve, and results
 *     by variant kind;
 *   - times screening of the whole set on one thread several times and reports the median, per wall-clock
 *     second and per CPU second (the per-core figure on a shared machine).
 * Usage: node dist/bench/parties-bench.js [--sdn DIR] [--positives N] [--negatives N] [--runs R] [--seed S]
 *   [--threshold T]
 */
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import {
  type LabelledItem,
  labelledSet,
  qualityAt,
  type ScoredItem,
  scoreSet,
} from '../src/adapters/parties/labelled-set.js';
import { loadSdnLegacy } from '../src/adapters/parties/sdn-legacy.js';
import { DEFAULT_THRESHOLD, PartyIndex } from '../src/core/parties/index.js';

const args = process.argv.slice(2);
const arg = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? dflt : args[i + 1]!;
};
// The 2022 snapshot is the one with alt.csv and add.csv: aliases and addresses are part of the test.
const SDN = resolve(arg('sdn', '../shared/data/parties/ofac-sdn-2022-01'));
const POSITIVES = Number(arg('positives', '5000'));
const NEGATIVES = Number(arg('negatives', '5000'));
const RUNS = Number(arg('runs', '5'));
const SEED = Number(arg('seed', '321'));
const THRESHOLD = Number(arg('threshold', String(DEFAULT_THRESHOLD)));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const r4 = (x: number) => Number(x.toFixed(4));

function byKind(
  scored: readonly ScoredItem[],
): Record<string, { items: number; hits: number; rate: number }> {
  const out: Record<string, { items: number; hits: number; rate: number }> = {};
  for (const s of scored) {
    const k = out[s.item.kind] ?? { items: 0, hits: 0, rate: 0 };
    out[s.item.kind] = k;
    k.items++;
    const hit = s.score >= THRESHOLD && (s.item.expected === undefined || s.correct);
    if (hit) k.hits++;
  }
  for (const k of Object.values(out)) k.rate = r4(k.hits / k.items);
  return out;
}

/**
 * One timed pass: screenings per wall-clock second, and per CPU second of this process. On a shared
 * machine the second is the per-core figure: it does not count time the scheduler gave to others.
 */
function timeRun(index: PartyIndex, items: readonly LabelledItem[]): { wall: number; cpu: number } {
  const t = performance.now();
  const c = process.cpuUsage();
  let hits = 0;
  for (const item of items) if (index.screen(item.query).hit) hits++;
  const cpu = process.cpuUsage(c);
  const seconds = (performance.now() - t) / 1000;
  // Keeps the loop from being optimised away.
  if (hits < 0) throw new Error('unreachable');
  return { wall: items.length / seconds, cpu: items.length / ((cpu.user + cpu.system) / 1e6) };
}

function main(): void {
  let t = performance.now();
  const sdn = loadSdnLegacy(SDN);
  const loadSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  const index = PartyIndex.build(sdn.entries);
  const buildSeconds = (performance.now() - t) / 1000;
  console.error(
    `${sdn.entries.length} entries, ${index.nameCount} names from ${SDN} (load ${loadSeconds.toFixed(2)} s, index ${buildSeconds.toFixed(2)} s)`,
  );
  const items = labelledSet(sdn.entries, { positives: POSITIVES, negatives: NEGATIVES, seed: SEED });
  const scored = scoreSet(index, items);
  const rates: number[] = [];
  const cpuRates: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const r = timeRun(index, items);
    rates.push(r.wall);
    cpuRates.push(r.cpu);
    console.error(
      `run ${run + 1}/${RUNS}: ${Math.round(r.wall)} screenings/s wall clock, ${Math.round(r.cpu)} per CPU second`,
    );
  }
  const at = qualityAt(scored, THRESHOLD);
  const curve = [];
  for (let th = 0.6; th <= 0.981; th += 0.02) {
    const q = qualityAt(scored, Number(th.toFixed(2)));
    curve.push({ threshold: q.threshold, precision: r4(q.precision), recall: r4(q.recall), f1: r4(q.f1) });
  }
  const result = {
    machine: { cores: cpus().length, node: process.version },
    list: { dir: SDN, entries: sdn.entries.length, names: index.nameCount, warnings: sdn.warnings.length },
    loadSeconds: r4(loadSeconds),
    indexSeconds: r4(buildSeconds),
    seed: SEED,
    positives: items.filter((i) => i.expected !== undefined).length,
    negatives: items.filter((i) => i.expected === undefined).length,
    threshold: THRESHOLD,
    precision: r4(at.precision),
    recall: r4(at.recall),
    f1: r4(at.f1),
    screeningsPerSecond: Math.round(median(rates)),
    screeningsPerCpuSecond: Math.round(median(cpuRates)),
    runs: rates.map(Math.round),
    cpuRuns: cpuRates.map(Math.round),
    loadAverage: loadavg().map((x) => Number(x.toFixed(2))),
    byKind: byKind(scored),
    curve,
  };
  console.log(JSON.stringify(result, null, 2));
}

main();
