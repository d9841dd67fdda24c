import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../storage/sqlite/sqlite-store.js';
import { readSqliteOutcomes, sqlitePopulation } from './sqlite-outcomes.js';

const dir = mkdtempSync(join(tmpdir(), 'minimis-outcomes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readSqliteOutcomes', () => {
  it('refuses a file that is not a minimis database, naming what is missing', () => {
    const other = join(dir, 'other.db');
    const db = new Database(other);
    db.exec('CREATE TABLE cases (id TEXT)');
    db.close();
    expect(() => readSqliteOutcomes(other)).toThrow(
      /other\.db: not a minimis database \(no filing_versions, decisions, filing_state table\)/,
    );
    expect(() => readSqliteOutcomes(join(dir, 'none.db'))).toThrow(/no such database/);
  });

  it('reads an empty store as no outcomes and no traffic', () => {
    const path = join(dir, 'empty.db');
    new SqliteStore(path).close();
    expect(readSqliteOutcomes(path)).toEqual({ outcomes: [], notTargeted: 0, screened: 0, skipped: 0 });
    expect([...sqlitePopulation(path)]).toEqual([]);
  });
});
