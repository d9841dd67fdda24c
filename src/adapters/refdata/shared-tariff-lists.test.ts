import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findSharedDataDir, loadSharedTariffLists } from './shared-tariff-lists.js';

const dir = mkdtempSync(join(tmpdir(), 'minimis-shared-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(rel: string, text: string): void {
  const path = join(dir, rel);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

const HTS_HEADER =
  'HTS Number,Indent,Description,Unit of Quantity,General Rate of Duty,Special Rate of Duty,Column 2 Rate of Duty,Quota Quantity,Additional Duties';

describe('loadSharedTariffLists on a folder laid out like ../shared/data', () => {
  write('hts/hts_2025_revision_9.csv', `${HTS_HEADER}\n"6109.10.00.12","0","Old","","1%","","","",""\n`);
  write('hts/hts_2025_revision_10.csv', `${HTS_HEADER}\n"6109.10.00.12","0","Newer","","2%","","","",""\n`);
  write('hts/section301_rates.csv', 'hts8,s301_rate\n61091000,7.5\n');
  write('hts/adcvd_warnings.csv', 'hts_prefix,country,case_desc\n610910,CN,T-shirts (made up)\n');

  it('loads each file present, the newest HTS export, and labels undated files', () => {
    const r = loadSharedTariffLists(dir)!;
    expect(r.hts?.edition).toBe('2025 Revision 10');
    expect(r.hts?.get('6109100012')?.generalRate).toBe('2%');
    expect(r.tariffs.section301Percent('6109100012')).toBe(7.5);
    expect(r.tariffs.adcvdHints('6109100012', 'CN')).toEqual(['T-shirts (made up)']);
    expect(r.tariffs.pgaFlags('6109100012')).toBeUndefined();
    expect(r.editions.s301).toMatch(/^hts\/section301_rates\.csv \d{4}-\d{2}-\d{2}$/);
    expect(Object.keys(r.editions).sort()).toEqual(['adcvd', 'hts', 's301']);
    expect(r.countries).toBeUndefined();
  });

  it('gives undefined without a folder', () => {
    expect(loadSharedTariffLists(join(dir, 'absent'))).toBeUndefined();
  });
});

const SHARED = resolve(fileURLToPath(new URL('../../..', import.meta.url)), '..', 'shared', 'data');
const present = existsSync(join(SHARED, 'hts'));
const title = present
  ? 'loadSharedTariffLists on the real shared files'
  : `loadSharedTariffLists on the real shared files — SKIPPED: ${SHARED} not found (shared reference data absent)`;

describe.skipIf(!present)(title, () => {
  it('finds the folder and loads every list in it', () => {
    expect(findSharedDataDir()).toBe(SHARED);
    const r = loadSharedTariffLists()!;
    expect(r.hts?.edition).toBe('2026 Basic Edition');
    expect(r.hts?.size).toBe(19_768);
    expect(r.editions.pga).toBe('2026-02-21');
    expect(r.tariffs.pgaFlags('0101210010')?.codes).toEqual(['AM7', 'FD3']);
    expect(r.tariffs.section301Percent('8483509010')).toBe(25);
    expect(r.tariffs.section301Percent('8483509040')).toBeUndefined();
    expect(r.tariffs.section232('7615102015')).toEqual({ percent: 50, category: 'Aluminum-Derivative' });
    expect(r.tariffs.adcvdHints('8541430010', 'VN')).toEqual([
      'Crystalline Silicon Photovoltaic Cells/Modules',
    ]);
    expect(r.countries).toHaveLength(250);
    expect(r.currencies).toContain('USD');
  });
});
