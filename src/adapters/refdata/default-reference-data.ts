import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { classifyGoods, type GoodsLookups } from '../../core/policy/index.js';
import type { HtsSchedule, ReferenceData } from '../../core/refdata/index.js';
import { createReferenceData } from '../../core/refdata/index.js';
import type { TariffLists } from '../../core/refdata/tariff-lists.js';
import { defaultPolicyDir, loadParameterDir } from '../policy/load-policies.js';
import { loadRiskRules } from '../risk/load-targeting.js';
import { loadRefdataFromStore, RefdataStore } from '../storage/sqlite/refdata-store.js';
import { loadHtsCsv } from './hts-usitc-csv.js';
import { countryCodes, currencyCodes } from './iso-codes.js';
import { loadSharedTariffLists } from './shared-tariff-lists.js';
import { DEFAULT_USD_RATES, loadRatesFile } from './usd-rates.js';

/** The shared reference data folder sits next to the repository: `<repo>/../shared/data/`. */
const SHARED_HTS = ['..', 'shared', 'data', 'hts', 'hts_2026_basic_edition.csv'] as const;

/**
 * Where the PGA, Section 301/232 and AD/CVD lists come from: the editions imported into a SQLite database
 * (`minimis refdata import`), or the files of the shared reference folder as they are.
 */
export type TariffSource = { readonly db: string } | { readonly sharedDir: string };

export interface ReferenceFiles {
  readonly htsPath?: string;
  readonly ratesPath?: string;
  readonly tariffs?: TariffSource;
  /** A database whose newest imported HTS edition is the schedule (when `htsPath` is not given). */
  readonly htsFromDb?: string;
  /** Targeting rule set file: the stateless rules run on every filing; absent = targeting off. */
  readonly riskRules?: string;
  /** A learned model file that takes part in the rule set as the `model` rule (needs `riskRules`). */
  readonly riskModel?: string;
}

/**
 * ISO code lists from npm packages, USD rates (the default table, or `ratesPath` which replaces it),
 * when `htsPath` is given the HTS schedule (without it only the 10-digit HTS format is checked) and, when
 * `tariffs` is given, the tariff lists that excluded-goods rules look lines up in.
 */
export function loadDefaultReferenceData(opts: ReferenceFiles, extra: GoodsLookups = {}): ReferenceData {
  // Excluded-goods categories come from the policy's parameter files, read once per thread.
  const params = loadParameterDir(join(defaultPolicyDir(), 'parameters'));
  const lists = opts.tariffs === undefined ? undefined : loadTariffLists(opts.tariffs);
  const lookups = { ...(lists === undefined ? {} : goodsLookups(lists)), ...extra };
  const base = createReferenceData({
    countries: countryCodes(),
    currencies: currencyCodes(),
    usdPerUnit: opts.ratesPath === undefined ? DEFAULT_USD_RATES : loadRatesFile(opts.ratesPath),
    ...(opts.htsPath !== undefined
      ? { hts: loadHtsCsv(opts.htsPath) }
      : opts.htsFromDb !== undefined
        ? optionalHts(withStore(opts.htsFromDb, (store) => loadRefdataFromStore(store).hts))
        : {}),
  });
  return {
    ...base,
    ...(lists === undefined ? {} : { tariffs: lists }),
    ...(opts.riskRules === undefined ? {} : { riskRules: loadRiskRules(opts.riskRules, opts.riskModel) }),
    classifyGoods: (lines) => classifyGoods(lines, params, lookups),
  };
}

/** Loads the tariff lists; undefined when the source holds none of them. */
export function loadTariffLists(source: TariffSource): TariffLists | undefined {
  if ('db' in source) {
    const tariffs = withStore(source.db, (store) => loadRefdataFromStore(store, {}, TARIFF_KINDS).tariffs);
    return Object.keys(tariffs.editions).length === 0 ? undefined : tariffs;
  }
  return loadSharedTariffLists(source.sharedDir, { hts: false })?.tariffs;
}

const TARIFF_KINDS = ['pga', 's301', 's301-exclusions', 's232', 'adcvd'] as const;

function withStore<T>(path: string, read: (store: RefdataStore) => T): T {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return read(new RefdataStore(db));
  } finally {
    db.close();
  }
}

function optionalHts(hts: HtsSchedule | undefined): { hts?: HtsSchedule } {
  return hts === undefined ? {} : { hts };
}

/**
 * In CBP's PGA flag codes an even last digit means the agency's data is required ("FD2", "FD4", "AL2"),
 * an odd one that it may be required (`../shared/data/README.md`, after CBP's ACE Appendix PGA); only
 * required data cannot be filed on a release from manifest.
 */
const REQUIRED_PGA_CODE = /[02468]$/;

/** The yes/no questions the excluded-goods rules ask of one line, answered from the tariff lists. */
export function goodsLookups(lists: TariffLists): GoodsLookups {
  return {
    pgaRequired: (hts10) => lists.pgaFlags(hts10)?.codes.some((c) => REQUIRED_PGA_CODE.test(c)) === true,
    adcvd: (hts10, origin) => lists.adcvdHints(hts10, origin).length > 0,
    section301: (hts10) => lists.section301Percent(hts10) !== undefined,
    section232: (hts10) => lists.section232(hts10) !== undefined,
  };
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
