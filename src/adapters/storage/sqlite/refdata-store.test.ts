import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FileKind, type ParsedRefdata, parseRefdataFile } from '../../refdata/refdata-kinds.js';
import { loadRefdataFromStore, RefdataStore } from './refdata-store.js';
import { SqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'minimis-refdata-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const S301 = 'hts8,s301_rate\n61091000,7.5\n84835090,25.0\n';
const S301_NEWER = 'hts8,s301_rate\n61091000,25.0\n84835090,25.0\n85044000,25\n';

let sqlite: SqliteStore;
let store: RefdataStore;
let clock: number;
beforeEach(() => {
  sqlite = new SqliteStore(':memory:');
  clock = Date.parse('2026-11-23T10:00:00Z');
  // A clock that ticks a second a call, so import times are known and distinct.
  store = new RefdataStore(sqlite.db, () => {
    clock += 1000;
    return new Date(clock);
  });
});
afterEach(() => sqlite.close());

const rowCount = () => (sqlite.db.prepare('SELECT count(*) AS n FROM refdata_rows').get() as { n: number }).n;

describe('RefdataStore.import', () => {
  it('stores an edition and its rows, and gives them back in file order', () => {
    const r = store.import(parseRefdataFile(write('s301.csv', S301), { edition: '2026-05-14' }));
    expect(r.status).toBe('imported');
    expect(r.edition).toMatchObject({ kind: 's301', edition: '2026-05-14', format: 's301', rows: 2 });
    expect(r.edition.importedAt).toBe('2026-11-23T10:00:01.000Z');
    expect([...store.rows('s301', r.edition.id)]).toEqual([
      { hts8: '61091000', percent: 7.5 },
      { hts8: '84835090', percent: 25 },
    ]);
    expect(loadRefdataFromStore(store).tariffs.section301Percent('6109100012')).toBe(7.5);
  });

  it('does nothing when the same edition comes again from the same bytes, and says so', () => {
    const path = write('s301.csv', S301);
    const first = store.import(parseRefdataFile(path, { edition: '2026-05-14' }));
    const again = store.import(parseRefdataFile(path, { edition: '2026-05-14' }));
    expect(again.status).toBe('unchanged');
    expect(again.edition).toEqual(first.edition);
    expect(store.editions()).toHaveLength(1);
    expect(rowCount()).toBe(2);
  });

  it('refuses other content under an edition already imported, unless told to replace it', () => {
    store.import(parseRefdataFile(write('s301.csv', S301), { edition: '2026-05-14' }));
    const newer = parseRefdataFile(write('s301-newer.csv', S301_NEWER), { edition: '2026-05-14' });
    expect(() => store.import(newer)).toThrow(
      /s301 edition '2026-05-14' was already imported on .* with other content .*pass --replace/,
    );
    const r = store.import(newer, { replace: true });
    expect(r.status).toBe('replaced');
    expect(r.previous?.rows).toBe(2);
    expect(store.editions()).toEqual([r.edition]);
    expect(rowCount()).toBe(3);
    expect(loadRefdataFromStore(store).tariffs.section301Percent('6109100012')).toBe(25);
  });

  it('leaves the imported edition intact and readable when a later file is bad', () => {
    store.import(parseRefdataFile(write('s301.csv', S301), { edition: '2026-05-14' }));
    const bad = write('s301-bad.csv', `${S301}85044000,25 percent\n`);
    expect(() => store.import(parseRefdataFile(bad, { edition: '2026-06-01' }))).toThrow(
      `${bad}:4: s301_rate '25 percent' is not a percentage`,
    );
    expect(() => store.import(parseRefdataFile(bad, { edition: '2026-05-14' }), { replace: true })).toThrow(
      `${bad}:4:`,
    );
    expect(store.editions().map((e) => e.edition)).toEqual(['2026-05-14']);
    expect(rowCount()).toBe(2);
    expect(loadRefdataFromStore(store).tariffs.section301Percent('8483509010')).toBe(25);
  });

  it('rolls a replacement back whole when writing fails half-way', () => {
    const good = store.import(parseRefdataFile(write('s301.csv', S301), { edition: '2026-05-14' }));
    const parsed = parseRefdataFile(write('s301-newer.csv', S301_NEWER), { edition: '2026-05-14' });
    // A row that cannot be encoded, after two that can: the failure comes mid-transaction.
    const poisoned = {
      ...parsed,
      rows: [...parsed.rows, { hts8: '99999999', percent: 1n }],
    } as unknown as ParsedRefdata;
    expect(() => store.import(poisoned, { replace: true })).toThrow(/BigInt/);
    expect(store.editions()).toEqual([good.edition]);
    expect([...store.rows('s301', good.edition.id)]).toHaveLength(2);
    expect(rowCount()).toBe(2);
  });
});

describe('RefdataStore.newest and loadRefdataFromStore', () => {
  it('takes the newest edition by its label, whatever the order of import', () => {
    store.import(parseRefdataFile(write('a.csv', S301_NEWER), { edition: '2026 Revision 10' }));
    store.import(parseRefdataFile(write('b.csv', S301), { edition: '2026 Revision 9' }));
    expect(store.newest('s301')?.edition).toBe('2026 Revision 10');
    expect(store.editions().map((e) => e.edition)).toEqual(['2026 Revision 9', '2026 Revision 10']);
    const loaded = loadRefdataFromStore(store);
    expect(loaded.editions).toEqual({ s301: '2026 Revision 10' });
    expect(loaded.tariffs.editions).toEqual({ s301: '2026 Revision 10' });
    expect(loaded.tariffs.section301Percent('8504400010')).toBe(25);
    expect(loaded.hts).toBeUndefined();
  });

  it('loads an edition asked for, and refuses one that is not there', () => {
    store.import(parseRefdataFile(write('a.csv', S301_NEWER), { edition: '2026 Revision 10' }));
    store.import(parseRefdataFile(write('b.csv', S301), { edition: '2026 Revision 9' }));
    const old = loadRefdataFromStore(store, { s301: '2026 Revision 9' });
    expect(old.tariffs.section301Percent('6109100012')).toBe(7.5);
    expect(() => loadRefdataFromStore(store, { pga: '2026-02-21' })).toThrow(
      "no pga edition '2026-02-21' in the store",
    );
  });

  it('survives reopening the database file', () => {
    const path = join(dir, 'reopen.db');
    const first = new SqliteStore(path);
    new RefdataStore(first.db).import(parseRefdataFile(write('s301.csv', S301), { edition: '2026-05-14' }));
    first.close();
    const second = new SqliteStore(path);
    try {
      expect(new RefdataStore(second.db).editions().map((e) => [e.kind, e.edition, e.rows])).toEqual([
        ['s301', '2026-05-14', 2],
      ]);
    } finally {
      second.close();
    }
  });
});

// The shared reference data sits beside the repository: <repo>/../shared/data.
const REPO = fileURLToPath(new URL('../../../..', import.meta.url));
const SHARED = resolve(REPO, '..', 'shared', 'data');
const present = existsSync(join(SHARED, 'hts')) && existsSync(join(SHARED, 'codes'));
const title = present
  ? 'import of the real reference files'
  : `import of the real reference files — SKIPPED: ${SHARED} not found (shared reference data absent)`;

describe.skipIf(!present)(title, () => {
  const files: [FileKind, string, number][] = [
    ['hts-csv', 'hts/hts_2026_basic_edition.csv', 19_768],
    ['pga', 'hts/hts_pga_report.csv', 22_154],
    ['s301', 'hts/section301_rates.csv', 10_391],
    ['s301-exclusions', 'hts/sec301_exemptions.csv', 258],
    ['s232', 'hts/section232_rates.csv', 833],
    ['adcvd', 'hts/adcvd_warnings.csv', 93],
    ['countries', 'codes/country-codes.csv', 249],
    ['currencies', 'codes/currency-codes.csv', 446],
  ];

  it('imports every file, telling its kind from its header, with the expected row counts', () => {
    // The HTS export names its edition, the PGA report prints its HTS date; the other lists say nothing.
    const carriesEdition = new Set<FileKind>(['hts-csv', 'pga']);
    for (const [kind, rel, rows] of files) {
      const parsed = parseRefdataFile(
        join(SHARED, rel),
        carriesEdition.has(kind) ? {} : { edition: '2026-11-23' },
      );
      expect(parsed.format, rel).toBe(kind);
      const r = store.import(parsed);
      expect(r.status, rel).toBe('imported');
      expect(r.edition.rows, rel).toBe(rows);
    }
    expect(store.find('hts', '2026 Basic Edition')?.rows).toBe(19_768);
    expect(store.find('pga', '2026-02-21')?.rows).toBe(22_154);

    const { tariffs, hts, countries, currencies, editions } = loadRefdataFromStore(store);
    expect(editions.pga).toBe('2026-02-21');
    expect(editions.hts).toBe('2026 Basic Edition');
    expect(editions.s232).toBe('2026-11-23');
    expect(hts?.size).toBe(19_768);
    expect(hts?.get('6109100012')).toMatchObject({ generalRate: '16.5%', unit: 'doz., kg' });

    expect(tariffs.pgaFlags('0101210010')).toMatchObject({
      agencies: ['USDA-AMS', 'FDA'],
      codes: ['AM7', 'FD3'],
      adFlag: false,
      cvFlag: false,
      effective: '2012-02-03',
    });
    expect(tariffs.pgaFlags('9404210010')).toMatchObject({ adFlag: true, cvFlag: true, codes: [] });

    expect(tariffs.section301Percent('0101210010')).toBe(7.5);
    expect(tariffs.section301Percent('7317002000')).toBe(25);
    expect(tariffs.section301Percent('8483509040')).toBeUndefined();
    expect(tariffs.section301Exclusion('8483509040')).toBe('Official USTR Exemption');

    expect(tariffs.section232('8302106030')).toEqual({ percent: 50, category: 'Aluminum-Derivative' });
    expect(tariffs.section232('8302106010')).toEqual({ percent: 50, category: 'Steel-Derivative' });
    expect(tariffs.section232('8708103050')).toEqual({ percent: 50, category: 'Aluminum-Derivative' });
    expect(tariffs.section232('8708103010')).toEqual({ percent: 25, category: 'Auto-MHDV' });

    expect(tariffs.adcvdHints('9404210010', 'CN')).toEqual(['Mattresses (Various Cases)']);
    expect(tariffs.adcvdHints('7317005503', 'OM')).toEqual(['Certain Steel Nails']);
    expect(tariffs.adcvdHints('7317005503', 'DE')).toEqual([]);

    expect(countries).toContain('US');
    expect(countries).toContain('NA');
    expect(countries).toHaveLength(250);
    expect(currencies).toEqual(expect.arrayContaining(['USD', 'EUR', 'CNY', 'XCG']));
    expect(currencies).not.toContain('XAU');
    expect(currencies).not.toContain('ANG');
  });
});
