import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateFiling } from '../../core/validation/index.js';
import { aFiling, aLine } from '../../core/validation/test-support/filing-builder.js';
import { findSharedHtsFile, loadDefaultReferenceData } from './default-reference-data.js';

const dir = mkdtempSync(join(tmpdir(), 'minimis-ref-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadDefaultReferenceData', () => {
  it('knows ISO countries and currencies and the default rates, without a schedule unless given', () => {
    const ref = loadDefaultReferenceData({});
    expect(ref.hts).toBeUndefined();
    expect(ref.isCountry('XK')).toBe(true);
    expect(ref.isCountry('ZZ')).toBe(false);
    expect(ref.isCurrency('BDT')).toBe(true);
    expect(ref.usdPerUnit('USD')).toBe(1);
    expect(ref.usdPerUnit('EUR')).toBeGreaterThan(0.5);
    expect(ref.usdPerUnit('BDT')).toBeUndefined();
    expect(validateFiling(aFiling(), ref)).toEqual([]);
  });

  it('replaces the default rates with a rates file', () => {
    const path = join(dir, 'rates.json');
    writeFileSync(path, '{ "BDT": 0.0082 }');
    const ref = loadDefaultReferenceData({ ratesPath: path });
    expect(ref.usdPerUnit('BDT')).toBe(0.0082);
    expect(ref.usdPerUnit('USD')).toBe(1);
    expect(ref.usdPerUnit('EUR')).toBeUndefined();
  });

  const shared = findSharedHtsFile();
  const sharedTitle =
    shared === undefined
      ? 'validates against the shared 2026 HTS — SKIPPED: ../shared/data/hts/hts_2026_basic_edition.csv not found'
      : 'finds the shared 2026 HTS and validates against it';
  it.skipIf(shared === undefined)(sharedTitle, () => {
    expect(shared).toMatch(/shared[/\\]data[/\\]hts[/\\]hts_2026_basic_edition\.csv$/);
    expect(existsSync(shared!)).toBe(true);
    const ref = loadDefaultReferenceData({ htsPath: shared! });
    expect(ref.hts?.edition).toBe('2026 Basic Edition');
    expect(validateFiling(aFiling(), ref)).toEqual([]);
    expect(validateFiling(aFiling({ lines: [aLine({ hts: '6109.10.00.99' })] }), ref)).toEqual([
      expect.objectContaining({
        code: 'HTS_UNKNOWN',
        message: expect.stringContaining('2026 Basic Edition'),
      }),
    ]);
  });
});
