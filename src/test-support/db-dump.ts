import Database from 'better-sqlite3';

const TABLES = {
  filing_versions: 'id, version',
  filing_state: 'id',
  decisions: 'filing_id, version',
  conveyances: 'conveyance_id',
  party_variants: 'rowid',
  messages: 'id',
  ingest_findings: 'source, line, code, path',
  sources: 'path',
} as const;
/**
 * Decisions as read, with their rule results in place: which risk_outcomes row holds them depends on what
 * one process happened to write first, not on what was decided.
 */
const SOURCE: Partial<Record<string, string>> = {
  decisions: '(SELECT filing_id, version, status, codes, party_key, body FROM decision_bodies)',
};

/** Every row of every engine table, in a fixed order: two stores are equal when their dumps are. */
export function dumpDb(path: string): Record<string, unknown[]> {
  const db = new Database(path, { readonly: true });
  try {
    return Object.fromEntries(
      Object.entries(TABLES).map(([t, order]) => [
        t,
        db
          .prepare(`SELECT * FROM ${SOURCE[t] ?? t} ORDER BY ${order}`)
          .raw()
          .all(),
      ]),
    );
  } finally {
    db.close();
  }
}

export function countRows(path: string, table: keyof typeof TABLES): number {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } catch {
    return 0;
  } finally {
    db.close();
  }
}
