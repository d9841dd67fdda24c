import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyGoods, type GoodsLookups } from '../../core/policy/index.js';
import type { ReferenceData } from '../../core/refdata/index.js';
import { createReferenceData } from '../../core/refdata/index.js';
import { defaultPolicyDir, loadParameterDir } from '../policy/load-policies.js';
import { loadHtsCsv } from './hts-usitc-csv.js';
import { countryCodes, currencyCodes } from './iso-codes.js';
import { DEFAULT_USD_RATES, loadRatesFile } from './usd-rates.js';

/** The shared reference data folder sits next to the repository: `<repo>/../shared/data/`. */
const SHARED_HTS = ['..', 'shared', 'data', 'hts', 'hts_2026_basic_edition.csv'] as const;

/**
 * ISO code lists from npm packages, USD rates (the default table, or `ratesPath` which replaces it) and,
 * when `htsPath` is given, the HTS schedule; without it only the 10-digit HTS format is checked.
 */
export function loadDefaultReferenceData(
  opts: { htsPath?: string; ratesPath?: string },
  lookups: GoodsLookups = {},
): ReferenceData {
  // Excluded-goods categories come from the policy's parameter files, read once per thread.
  const params = loadParameterDir(join(defaultPolicyDir(), 'parameters'));
  const base = createReferenceData({
    countries: countryCodes(),
    currencies: currencyCodes(),
    usdPerUnit: opts.ratesPath === undefined ? DEFAULT_USD_RATES : loadRatesFile(opts.ratesPath),
    ...(opts.htsPath === undefined ? {} : { hts: loadHtsCsv(opts.htsPath) }),
  });
  return { ...base, classifyGoods: (lines) => classifyGoods(lines, params, lookups) };
}

/**
 * The 2026 HTS of the shared reference data (`../shared/data/hts/hts_2026_basic_edition.csv`), looked for
 * from the working directory and from the package root, when it exists.
 */
export function findSharedHtsFile(): string | undefined {
  const roots = [
    process.cwd(),
    // compiled: <root>/dist/src/adapters/refdata/default-reference-data.js
    fileURLToPath(new URL('../../../..', import.meta.url)),
    // from source (vitest): <root>/src/adapters/refdata/default-reference-data.ts
    fileURLToPath(new URL('../../..', import.meta.url)),
  ];
  for (const root of roots) {
    const candidate = resolve(root, ...SHARED_HTS);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}
