import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generalDuty, parseGeneralRate, type RateParse } from '../../core/duty/index.js';
import { estimateDuty } from '../../core/simulate/index.js';
import { easternWallClockToUtc } from '../../core/time/index.js';
import { loadParameterDir } from '../policy/load-policies.js';
import { columnsOf, readCsvRecords } from './csv-records.js';
import { loadHtsCsv } from './hts-usitc-csv.js';
import { loadSharedTariffLists } from './shared-tariff-lists.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SHARED = resolve(ROOT, '..', 'shared', 'data');
const HTS_FILE = join(SHARED, 'hts', 'hts_2026_basic_edition.csv');

const dir = mkdtempSync(join(tmpdir(), 'minimis-rates-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER =
  'HTS Number,Indent,Description,Unit of Quantity,General Rate of Duty,Special Rate of Duty,Column 2 Rate of Duty,Quota Quantity,Additional Duties';

/** Outcome of a parse as a count key: the form, or the error code. */
const keyOf = (r: RateParse) => (r.ok ? r.rate.form : r.code);

function tally(texts: Iterable<string>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of texts) {
    const k = keyOf(parseGeneralRate(t));
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

describe('general rates read from a USITC HTS CSV export (fixture)', () => {
  const file = join(dir, 'hts_2026_fixture.csv');
  writeFileSync(
    file,
    [
      HEADER,
      '"0402.29.50","1","Other","","$1.104/kg + 14.9%","","","",""',
      '"0402.29.50.00","2","Other","[""kg""]","","","","",""',
      '"6505.00.01","1","Hats","","$1.05/doz.","","","",""',
      '"6505.00.01.10","2","Of cotton","[""doz.""]","","","","",""',
      '"9102.11.10","1","Watches","","51¢ each + 6.25% on the case and strap, band or bracelet + 5.3% on the battery","","","",""',
      '"9102.11.10.00","2","Other","[""No.""]","","","","",""',
      '"8473.30.11","1","Parts","","The rate applicable to the article of which it is a part or accessory","","","",""',
      '"8473.30.11.00","2","Other","[""No.""]","","","","",""',
      '"6109.10.00","1","Of cotton","","16.5%","","","",""',
      '"6109.10.00.12","2","Men\'s","[""doz."",""kg""]","","","","",""',
      '"9999.99.99.99","0","A bad row","[""No.""]","16,5 pct","","","",""',
    ].join('\n'),
  );
  const schedule = loadHtsCsv(file);

  it('each 10-digit line carries its parent rate, and parses to its form or an error value', () => {
    const forms = Object.fromEntries(
      [...schedule.entries()].map((e) => [e.hts10, keyOf(parseGeneralRate(e.generalRate))]),
    );
    expect(forms).toEqual({
      '0402295000': 'compound',
      '6505000110': 'specific',
      '9102111000': 'compound',
      '8473301100': 'reference',
      '6109100012': 'ad-valorem',
      '9999999999': 'RATE_MALFORMED',
    });
  });

  it('estimates a line from the schedule: a rate per kg on a line declared in kg', () => {
    const params = loadParameterDir(join(ROOT, 'policy', 'parameters'));
    const e = estimateDuty(
      [{ hts: '0402295000', origin: 'NZ', valueUsd: 100, quantity: 10, unit: 'KG' }],
      { kind: 'informal', mode: 'air' },
      {
        params,
        atMs: easternWallClockToUtc('2024-06-01'),
        generalRate: (h) => schedule.get(h)?.generalRate,
        hasSchedule: true,
      },
    );
    const general = e.components.find((c) => c.kind === 'general');
    expect(general).toMatchObject({
      computed: true,
      cents: 2594,
      basis: '$1.104/kg × 10 KG + 14.9% × $100.00',
    });
  });
});

const present = existsSync(HTS_FILE);
const title = present
  ? 'general rates of the real 2026 Basic Edition'
  : `general rates of the real 2026 Basic Edition — SKIPPED: ${HTS_FILE} not found (shared reference data absent)`;

describe.skipIf(!present)(title, () => {
  it('every general rate in the file parses or is classified with a reason; none is malformed', () => {
    const records = readCsvRecords(HTS_FILE);
    const col = columnsOf(HTS_FILE, records[0], ['General Rate of Duty'] as const, 'a USITC HTS export')[
      'General Rate of Duty'
    ];
    const texts = records
      .slice(1)
      .map((r) => (r.cells[col] ?? '').trim())
      .filter((t) => t !== '');
    const distinct = [...new Set(texts)];
    const rows = tally(texts);
    const kinds = tally(distinct);
    console.log(`HTS 2026 general rates: ${texts.length} rows with a rate, by form ${JSON.stringify(rows)}`);
    console.log(
      `HTS 2026 general rates: ${distinct.length} distinct texts, by form ${JSON.stringify(kinds)}`,
    );
    const failures = distinct
      .map((t) => parseGeneralRate(t))
      .filter((r) => !r.ok)
      .map((r) => (r.ok ? '' : `${r.code}: ${r.message}`));
    expect(failures).toEqual([]);
    for (const t of distinct) {
      const r = parseGeneralRate(t);
      if (r.ok && (r.rate.form === 'reference' || r.rate.form === 'not-computable'))
        expect(r.rate.reason, t).not.toBe('');
    }
    // Every form the schedule uses is exercised, and the common ones dominate.
    expect(Object.keys(kinds).sort()).toEqual([
      'ad-valorem',
      'compound',
      'free',
      'not-computable',
      'reference',
      'specific',
    ]);
    expect(rows.free! + rows['ad-valorem']!).toBeGreaterThan(0.8 * texts.length);
  });

  it('the rate of every 10-digit line parses or is classified; one line has no general rate at all', () => {
    const schedule = loadHtsCsv(HTS_FILE);
    const lines = tally([...schedule.entries()].map((e) => e.generalRate));
    console.log(
      `HTS 2026 10-digit lines (${schedule.size}), effective general rate by form ${JSON.stringify(lines)}`,
    );
    expect(lines.RATE_MALFORMED).toBeUndefined();
    // What a filing must give for the general duty: the value alone, or also the quantity in the
    // line's first reporting unit (and a weight), or more than any filing has.
    let byValue = 0;
    let withQuantity = 0;
    for (const e of schedule.entries()) {
      const parsed = parseGeneralRate(e.generalRate);
      if (generalDuty(parsed, { valueUsd: 100 }).ok) byValue++;
      const unit = e.unit.split(',')[0]?.trim();
      if (generalDuty(parsed, { valueUsd: 100, quantity: 1, unit, weightKg: 1 }).ok) withQuantity++;
    }
    console.log(
      `HTS 2026 10-digit lines: general duty computable from the value alone ${byValue}, with the quantity in the line's unit and a weight ${withQuantity}, not computable from a filing ${schedule.size - withQuantity}`,
    );
    expect(byValue).toBeGreaterThan(0.8 * schedule.size);
    expect(withQuantity).toBeGreaterThan(byValue);
    // 9802.00.91.00 (Mexican assembly of U.S.-cut fabric) is published with a special rate only.
    const empty = [...schedule.entries()].filter((e) => e.generalRate.trim() === '').map((e) => e.hts10);
    expect(empty).toEqual(['9802009100']);
    expect(Object.values(lines).reduce((a, b) => a + b, 0)).toBe(schedule.size);
  });

  it('estimates a Chinese T-shirt and an aluminum article with the real lists and parameters', () => {
    const schedule = loadHtsCsv(HTS_FILE);
    const lists = loadSharedTariffLists(SHARED, { hts: false });
    const params = loadParameterDir(join(ROOT, 'policy', 'parameters'));
    const ctx = {
      params,
      atMs: easternWallClockToUtc('2025-09-15'),
      generalRate: (h: string) => schedule.get(h)?.generalRate,
      hasSchedule: true,
      tariffs: lists?.tariffs,
    };
    const shirt = estimateDuty(
      [{ hts: '6109.10.00.12', origin: 'CN', valueUsd: 40, quantity: 2, unit: 'PCS' }],
      { kind: 'informal', mode: 'air' },
      ctx,
    );
    const byKind = Object.fromEntries(shirt.components.map((c) => [c.kind, c.computed ? c.cents : c.code]));
    // 16.5% general, 7.5% list 4A, 30% IEEPA (EO 14326 row for CN), FY2025 informal MPF.
    expect(byKind).toEqual({ general: 660, section301: 300, ieepa: 1200, mpf: 262 });
    const tray = estimateDuty(
      [{ hts: '7615.10.20.15', origin: 'DE', valueUsd: 100, quantity: 1, unit: 'PCS' }],
      { kind: 'informal', mode: 'air' },
      ctx,
    );
    expect(tray.components.find((c) => c.kind === 'section232')).toMatchObject({
      computed: true,
      cents: 5000,
    });
  });
});
