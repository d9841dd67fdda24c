import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { loadRefdataFromStore, RefdataStore } from '../adapters/storage/sqlite/refdata-store.js';
import { SqliteStore } from '../adapters/storage/sqlite/sqlite-store.js';
import { registerRefdataCommand, runRefdataImport, runRefdataList } from './refdata-command.js';

const dir = mkdtempSync(join(tmpdir(), 'minimis-refdata-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const PGA = `HTS Date:,2/21/2026,,,,,,,
,,,,,,,,
Tariff Number,Description,Effective Date,Expiration Date,AD Duty,CV Duty,PGA 1,PGA 2,PGA 3
0101210010,"MALE HORSES, PUREBRED BREEDING",2/3/2012,12/31/2030,N,N,AM7,FD3,
9404210010,"CELLULR RUB/PLAST MATTRES,CRIB",12/30/2020,12/31/2030,Y,Y,,,
`;

/** A program of its own, as main.ts builds it, that throws instead of exiting. */
async function minimis(...args: string[]): Promise<void> {
  const program = new Command().name('minimis').exitOverride();
  registerRefdataCommand(program);
  await program.parseAsync(['node', 'minimis', ...args]);
}

let stdout: MockInstance;
let output: string;
let n = 0;
let db: string;
beforeEach(() => {
  output = '';
  stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    output += String(chunk);
    return true;
  });
  db = join(dir, `cli-${++n}.db`);
});
afterEach(() => stdout.mockRestore());

const editionsIn = (path: string) => {
  const s = new SqliteStore(path);
  try {
    return new RefdataStore(s.db).editions().map((e) => `${e.kind} ${e.edition} ${e.rows}`);
  } finally {
    s.close();
  }
};

describe('minimis refdata import', () => {
  it('tells the kind and the edition from the file and imports it', async () => {
    await minimis('refdata', 'import', write('hts_pga_report.csv', PGA), '--db', db);
    expect(output).toMatch(
      /^Imported pga edition '2026-02-21': 2 rows from .*hts_pga_report\.csv into .*cli-\d+\.db/,
    );
    expect(editionsIn(db)).toEqual(['pga 2026-02-21 2']);
  });

  it('requires --edition for a list that does not carry one, and takes --kind', async () => {
    const path = write('rates.csv', 'hts8,s301_rate\n61091000,7.5\n');
    await expect(minimis('refdata', 'import', path, '--db', db)).rejects.toThrow('pass --edition LABEL');
    await minimis('refdata', 'import', path, '--db', db, '--kind', 's301', '--edition', '2026-05-14');
    expect(editionsIn(db)).toEqual(['s301 2026-05-14 1']);
  });

  it('refuses an unknown --kind', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await expect(minimis('refdata', 'import', 'x.csv', '--kind', 'tariff')).rejects.toThrow(
        /Allowed choices are/,
      );
    } finally {
      err.mockRestore();
    }
  });

  it('reports the same edition again as unchanged, and replaces it when asked', async () => {
    const path = write('hts_pga_report.csv', PGA);
    await minimis('refdata', 'import', path, '--db', db);
    output = '';
    await minimis('refdata', 'import', path, '--db', db);
    expect(output).toMatch(/^Unchanged: pga edition '2026-02-21' was already imported on .* nothing written/);
    output = '';
    await minimis('refdata', 'import', path, '--db', db, '--replace');
    expect(output).toMatch(/^Replaced pga edition '2026-02-21' \(2 rows of .*\): 2 rows/);
    expect(editionsIn(db)).toEqual(['pga 2026-02-21 2']);
  });

  it('leaves the store as it was when a file is bad, naming file, line and value', async () => {
    await minimis('refdata', 'import', write('hts_pga_report.csv', PGA), '--db', db);
    const bad = write(
      'hts_pga_report_bad.csv',
      PGA.replace('2/21/2026', '3/1/2026').replace(',Y,Y,', ',Y,maybe,'),
    );
    await expect(minimis('refdata', 'import', bad, '--db', db)).rejects.toThrow(
      `${bad}:5: CV Duty 'maybe' is not Y or N`,
    );
    expect(editionsIn(db)).toEqual(['pga 2026-02-21 2']);
    const s = new SqliteStore(db);
    try {
      expect(loadRefdataFromStore(new RefdataStore(s.db)).tariffs.pgaFlags('9404210010')).toMatchObject({
        adFlag: true,
        cvFlag: true,
      });
    } finally {
      s.close();
    }
  });

  it('prints the result as JSON with --json, and returns it', () => {
    const r = runRefdataImport(write('hts_pga_report.csv', PGA), { db, json: true });
    expect(JSON.parse(output)).toEqual(r);
    expect(r.status).toBe('imported');
  });

  it('refuses a file that does not exist', () => {
    expect(() => runRefdataImport(join(dir, 'missing.csv'), { db })).toThrow('missing.csv: no such file');
  });
});

describe('minimis refdata list', () => {
  it('lists kinds, editions, rows and when imported', async () => {
    await minimis('refdata', 'import', write('hts_pga_report.csv', PGA), '--db', db);
    await minimis(
      'refdata',
      'import',
      write('s301.csv', 'hts8,s301_rate\n61091000,7.5\n'),
      '--db',
      db,
      '--edition',
      '2026-05-14',
    );
    output = '';
    await minimis('refdata', 'list', '--db', db);
    const lines = output.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^kind +edition +format +rows +imported_at +source$/);
    expect(lines[1]).toMatch(/^pga +2026-02-21 +pga +2 +\d{4}-\d\d-\d\dT[\d:.]+Z +.*hts_pga_report\.csv$/);
    expect(lines[2]).toMatch(/^s301 +2026-05-14 +s301 +1 /);
    expect(runRefdataList({ db, json: true }).map((e) => e.kind)).toEqual(['pga', 's301']);
  });

  it('says when the store has none, and refuses a database that does not exist', () => {
    new SqliteStore(db).close();
    runRefdataList({ db });
    expect(output).toBe(`No reference data in ${db} (minimis refdata import FILE)\n`);
    expect(() => runRefdataList({ db: join(dir, 'none.db') })).toThrow(
      `no database at ${join(dir, 'none.db')}`,
    );
  });
});
