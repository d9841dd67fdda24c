import { describe, expect, it } from 'vitest';
import { findSharedHtsFile, loadDefaultReferenceData } from '../adapters/refdata/default-reference-data.js';
import { loadHtsCsv } from '../adapters/refdata/hts-usitc-csv.js';
import type { Filing, InputRecord } from '../core/filing/schema.js';
import { statesForZip } from '../core/refdata/index.js';
import { isPlaceholder, isVagueDescription, validateFiling } from '../core/validation/index.js';
import * as C from './catalog.js';
import { openDay } from './generate-day.js';

const htsPath = findSharedHtsFile();
const digits = (hts: string) => hts.replace(/\D/g, '');

describe('catalog', () => {
  it.skipIf(htsPath === undefined)(
    'uses real 10-digit lines of the 2026 HTS only (and knows which are not)',
    () => {
      const schedule = loadHtsCsv(htsPath!);
      const lines = [
        ...C.PRODUCTS.map((p) => p.hts),
        ...C.PRECURSORS.map((p) => p.hts),
        ...C.PRECURSOR_COVERS.map((p) => p.hts),
        ...C.PILL_PRESSES.map((p) => p.hts),
      ];
      for (const hts of lines) {
        expect(hts, hts).toMatch(/^\d{4}\.\d{2}\.\d{2}\.\d{2}$/);
        expect(schedule.get(digits(hts)), hts).toBeDefined();
      }
      for (const hts of C.NON_EXISTENT_HTS10) {
        expect(digits(hts)).toHaveLength(10);
        expect(schedule.get(digits(hts)), hts).toBeUndefined();
      }
      expect(C.PRODUCTS.length).toBeGreaterThanOrEqual(60);
      expect(new Set(C.PRODUCTS.map((p) => p.hts)).size).toBe(C.PRODUCTS.length);
    },
  );

  it('has real ZIP codes in the state given, for homes and mail receiving agencies', () => {
    for (const c of [
      ...C.CITIES.map((c) => ({ ...c, where: c.city })),
      ...C.CMRA.map((c) => ({ ...c, where: c.line1 })),
    ]) {
      expect(statesForZip(c.zip), `${c.where} ${c.zip}`).toContain(c.state);
    }
    expect(C.CITIES.length).toBeGreaterThanOrEqual(60);
  });

  it('writes good descriptions, and its vague ones are the kind CBP rejects', () => {
    for (const d of [
      ...C.PRODUCTS.map((p) => p.description),
      ...C.PRECURSOR_COVERS.map((p) => p.description),
      ...C.PILL_PRESSES.map((p) => p.description),
    ])
      expect(isVagueDescription(d), d).toBe(false);
    for (const d of C.VAGUE_DESCRIPTIONS) expect(isVagueDescription(d), d).toBe(true);
  });

  it('has names that are not placeholders, and nothing a JSON string would have to escape', () => {
    const words = [
      ...C.MALE_FIRST,
      ...C.FEMALE_FIRST,
      ...C.LAST_NAMES,
      ...Object.values(C.NAME_TYPOS),
      ...Object.values(C.ACCENTED),
      ...C.STREET_NAMES,
      ...C.SUFFIXES.flat(),
      ...C.CITIES.map((c) => c.city),
      ...C.CMRA.map((c) => c.line1),
      ...C.CMRA.map((c) => c.city),
    ];
    for (const w of words) {
      expect(JSON.stringify(w), w).toBe(`"${w}"`);
      expect(isPlaceholder(w), w).toBe(false);
    }
  });
});

/** What minimis's own validation says about the generated filings (the e2e test's expectation, one level down). */
describe('generated filings under the validation rules', () => {
  const ref = loadDefaultReferenceData(htsPath === undefined ? {} : { htsPath });
  const day = openDay({ filings: 6_000, seed: 23 });
  const records = [...day.records] as InputRecord[];
  const truth = day.truth();
  const kindOf = new Map<string, string>();
  for (const p of truth.planted) for (const id of p.filingIds) kindOf.set(id, p.kind);
  const filings = records.filter((r): r is Filing => r.type === 'filing');

  it('finds nothing at all wrong with ordinary filings (and ordinary planted signals)', () => {
    const quiet = new Set([
      undefined,
      'split-order',
      'over-limit',
      'precursor',
      'pill-press',
      'private-mailbox',
      'late-filing',
    ]);
    let checked = 0;
    for (const f of filings) {
      if (!quiet.has(kindOf.get(f.id))) continue;
      expect(validateFiling(f, ref), JSON.stringify(f)).toEqual([]);
      checked++;
    }
    expect(checked).toBeGreaterThan(5_500);
    for (const r of records) if (r.type === 'amendment') expect(validateFiling(r, ref)).toEqual([]);
  });

  it('rejects each planted defect with the code the truth expects', () => {
    for (const f of filings) {
      const kind = kindOf.get(f.id);
      const expected = truth.expected[f.id]!;
      if (expected.status !== 'rejected' || kind === 'late-filing') continue;
      if (expected.codes[0] === 'HTS_UNKNOWN' && htsPath === undefined) continue;
      const rejects = validateFiling(f, ref).filter((x) => x.severity === 'reject');
      expect(rejects.length, `${kind} ${f.id}`).toBe(1);
      expect(rejects[0]!.aceCode ?? rejects[0]!.code, `${kind} ${f.id}`).toBe(expected.codes[0]);
    }
  });

  it('flags the weight/value outliers and nothing else about them', () => {
    const outliers = filings.filter((f) => kindOf.get(f.id) === 'weight-value-outlier');
    expect(outliers.length).toBeGreaterThan(0);
    for (const f of outliers) {
      const codes = new Set(validateFiling(f, ref).map((x) => x.code));
      expect([...codes]).toEqual(['WEIGHT_VALUE_IMPLAUSIBLE']);
    }
  });
});
