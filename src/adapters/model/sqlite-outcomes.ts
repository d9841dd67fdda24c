import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Case } from '../../core/cases/schema.js';
import type { Decision } from '../../core/decision/schema.js';
import { checkRecord } from '../../core/filing/check-record.js';
import type { FilingLike } from '../../core/filing/schema.js';
import { type StoredOutcome, selectionOf } from '../../core/model/filing-outcomes.js';

/** What the store holds for training: every case with its filing version, and the population counts. */
export interface StoredOutcomes {
  readonly outcomes: StoredOutcome[];
  /** Current filing versions the rules did not hold (green or blue lane, or held only at random). */
  readonly notTargeted: number;
  /** Current filing versions with a lane. */
  readonly screened: number;
  /** Cases whose filing version is not stored, or not a filing any more (skipped). */
  readonly skipped: number;
}

const REQUIRED_TABLES = ['cases', 'filing_versions', 'decisions', 'filing_state'] as const;

/**
 * Reads the outcomes the case workflow stored in a SQLite database (`minimis screen --db`, cases worked
 * through `minimis serve`): each case joined to the filing version it is about (as filed) and that
 * version's decision (lane, random selection, value in USD). Read-only.
 */
export function readSqliteOutcomes(path: string): StoredOutcomes {
  if (!existsSync(path)) throw new Error(`${path}: no such database`);
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const tables = new Set(
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
        (r) => r.name,
      ),
    );
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (missing.length > 0)
      throw new Error(`${path}: not a minimis database (no ${missing.join(', ')} table)`);
    // Databases from before the rule results were kept apart have no decision_bodies view.
    const hasView = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'view' AND name = 'decision_bodies'")
      .get();
    const decisions = hasView === undefined ? 'decisions' : 'decision_bodies';
    const outcomes: StoredOutcome[] = [];
    let skipped = 0;
    const rows = db
      .prepare(
        `SELECT c.id AS id, c.body AS caseBody, v.body AS filing, d.body AS decision
         FROM cases c
         LEFT JOIN filing_versions v ON v.id = c.filing_id AND v.version = c.filing_version
         LEFT JOIN ${decisions} d ON d.filing_id = c.filing_id AND d.version = c.filing_version
         ORDER BY c.id`,
      )
      .iterate() as IterableIterator<{
      id: string;
      caseBody: string;
      filing: string | null;
      decision: string | null;
    }>;
    for (const r of rows) {
      const filing = r.filing === null ? undefined : asFiling(r.filing);
      if (filing === undefined) {
        skipped++;
        continue;
      }
      const c = JSON.parse(r.caseBody) as Case;
      const d = r.decision === null ? undefined : (JSON.parse(r.decision) as Decision);
      outcomes.push({
        caseId: r.id,
        filing,
        exam: c.exam?.result ?? null,
        disposition: c.disposition,
        penaltiesUsd: c.penalties.reduce((s, p) => s + p.amountCents, 0) / 100,
        valueUsd: d?.valueUsd ?? null,
        selection: d === undefined ? 'targeted' : selectionOf(d.risk),
      });
    }
    const counts = db
      .prepare(
        `SELECT count(*) AS screened,
           coalesce(sum(CASE WHEN lane IN ('green', 'blue')
             OR (random = 1 AND reason LIKE 'random selection%') THEN 1 ELSE 0 END), 0) AS notTargeted
         FROM (SELECT json_extract(d.body, '$.lane') AS lane,
                 json_extract(d.body, '$.risk.randomlySelected') AS random,
                 json_extract(d.body, '$.risk.reasons[0]') AS reason
               FROM filing_state s JOIN ${decisions} d ON d.filing_id = s.id AND d.version = s.version)
         WHERE lane IS NOT NULL AND lane != 'unassigned'`,
      )
      .get() as { screened: number; notTargeted: number };
    return { outcomes, notTargeted: counts.notTargeted, screened: counts.screened, skipped };
  } finally {
    db.close();
  }
}

/**
 * The screened traffic of the store: the current version of every filing that got a lane, as filed,
 * read lazily (the database stays open until the iteration ends).
 */
export function* sqlitePopulation(path: string): Generator<FilingLike> {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare(
        `SELECT v.body AS body
         FROM filing_state s
         JOIN filing_versions v ON v.id = s.id AND v.version = s.version
         JOIN decisions d ON d.filing_id = s.id AND d.version = s.version
         WHERE json_extract(d.body, '$.lane') NOT IN ('unassigned')`,
      )
      .iterate() as IterableIterator<{ body: string }>;
    for (const r of rows) {
      const f = asFiling(r.body);
      if (f !== undefined) yield f;
    }
  } finally {
    db.close();
  }
}

function asFiling(text: string): FilingLike | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const checked = checkRecord(value);
  if (!checked.ok) return undefined;
  const r = checked.record;
  return r.type === 'filing' || r.type === 'amendment' ? r : undefined;
}
