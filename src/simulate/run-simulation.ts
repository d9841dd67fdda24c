import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { PolicyEntry } from '../adapters/policy/load-policies.js';
import { SqliteStore } from '../adapters/storage/sqlite/sqlite-store.js';
import type { Decision } from '../core/decision/index.js';
import type { ReferenceData } from '../core/refdata/index.js';
import {
  type Comparison,
  compare,
  estimateDuty,
  needsEntry,
  type Outcome,
  shiftedPolicy,
  summarize,
} from '../core/simulate/index.js';
import { easternDay, easternWallClockToUtc, parseInstant } from '../core/time/index.js';
import type { RefFiles } from '../ingest/prepare-pool.js';
import { screenFiles } from '../ingest/screen-files.js';

export interface DatedComparison extends Comparison {
  /** The date the traffic was replayed at, and the traffic's own day. */
  readonly at: string;
  readonly trafficDay: string;
}

export interface Simulation {
  readonly files: readonly string[];
  readonly policyA: string;
  readonly policyB: string;
  readonly runs: readonly DatedComparison[];
}

/**
 * Replays the same files under two policies at each date (or at the traffic's own date) and
 * compares the outcomes filing by filing.
 */
export async function simulate(opts: {
  files: readonly string[];
  a: PolicyEntry;
  b: PolicyEntry;
  law: PolicyEntry;
  at: readonly string[];
  ref: ReferenceData;
  refFiles: RefFiles;
  workers: number;
}): Promise<Simulation> {
  const trafficDay = await firstDay(opts.files[0]!);
  const dates = opts.at.length === 0 ? [trafficDay] : opts.at;
  const runs: DatedComparison[] = [];
  for (const at of dates) {
    const delta = easternWallClockToUtc(at) - easternWallClockToUtc(trafficDay);
    if (Number.isNaN(delta)) throw new Error(`--at: '${at}' is not a date YYYY-MM-DD`);
    const oa = await outcomes(opts, opts.a, delta);
    const ob = await outcomes(opts, opts.b, delta);
    runs.push({
      at,
      trafficDay,
      ...compare({ policy: opts.a.name, outcomes: oa }, { policy: opts.b.name, outcomes: ob }),
    });
  }
  return { files: opts.files, policyA: opts.a.name, policyB: opts.b.name, runs };
}

async function outcomes(
  opts: {
    files: readonly string[];
    ref: ReferenceData;
    refFiles: RefFiles;
    workers: number;
    law: PolicyEntry;
  },
  entry: PolicyEntry,
  delta: number,
): Promise<Map<string, Outcome>> {
  const store = new SqliteStore(':memory:');
  try {
    await screenFiles(opts.files, {
      store,
      ref: opts.ref,
      refFiles: opts.refFiles,
      policy: shiftedPolicy(entry.policy, delta),
      workers: opts.workers,
    });
    const params = entry.params ?? opts.law.params!;
    const body = store.db.prepare('SELECT body FROM filing_versions WHERE id = ? AND version = ?');
    const out = new Map<string, Outcome>();
    for (const d of store.decisions()) {
      const filing = JSON.parse((body.get(d.filingId, d.version) as { body: string }).body) as FilingBody;
      const lines = filing.lines.map((l) => ({
        hts: l.hts,
        origin: l.origin,
        valueUsd: l.value * (opts.ref.usdPerUnit(l.currency) ?? 0),
        quantity: l.quantity,
        unit: l.unit,
        weightKg: l.weightKg,
      }));
      const o: Outcome = {
        id: d.filingId,
        status: d.status,
        eligibility: d.eligibility.outcome,
        code: reasonOf(d),
        valueUsd: d.valueUsd ?? 0,
        origin: lines[0]?.origin ?? '??',
        chapter: (lines[0]?.hts ?? '').replace(/\D/g, '').slice(0, 2) || '??',
      };
      const owes = needsEntry(o) || d.eligibility.outcome === 'dutiable-postal';
      const atMs = parseInstant(d.decidedAt) + delta;
      out.set(
        d.filingId,
        owes
          ? {
              ...o,
              // Components are dropped here: the comparison keeps totals for every filing of the day.
              duty: summarize(
                estimateDuty(
                  lines,
                  { kind: d.kind, mode: d.mode },
                  {
                    params,
                    atMs,
                    generalRate: (h) => opts.ref.hts?.get(h)?.generalRate,
                    hasSchedule: opts.ref.hts !== undefined,
                    tariffs: opts.ref.tariffs,
                  },
                ),
              ),
            }
          : o,
      );
    }
    return out;
  } finally {
    store.close();
  }
}

interface FilingBody {
  lines: {
    hts: string;
    origin: string;
    value: number;
    currency: string;
    quantity?: number;
    unit?: string;
    weightKg?: number;
  }[];
}

function reasonOf(d: Decision): string | null {
  if (d.eligibility.code !== null) return d.eligibility.code;
  if (d.status === 'withheld') return '4M';
  if (d.status === 'rejected') return d.findings.find((f) => f.severity === 'reject')?.code ?? 'REJECTED';
  return null;
}

/** The U.S. Eastern day of the traffic: the estimated arrival (else filing) of the first filing. */
async function firstDay(file: string): Promise<string> {
  const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of rl) {
      try {
        const r = JSON.parse(line) as {
          type?: string;
          estimatedArrival?: string | string[];
          filedAt?: string;
        };
        if (r.type !== 'filing') continue;
        const eda = Array.isArray(r.estimatedArrival) ? r.estimatedArrival[0] : r.estimatedArrival;
        const ms = parseInstant(eda ?? r.filedAt ?? '');
        if (!Number.isNaN(ms)) return easternDay(ms);
      } catch {
        // An unreadable line is reported by the screening run itself.
      }
    }
  } finally {
    rl.close();
  }
  throw new Error(`${file}: no filing with a date to replay from`);
}
