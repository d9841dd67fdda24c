import type { HtsSchedule } from '../../core/refdata/index.js';
import { createHtsSchedule } from '../../core/refdata/index.js';
import { createTariffLists, type TariffLists } from '../../core/refdata/tariff-lists.js';
import { countryCodeList, currencyCodeList } from './iso-code-files.js';
import type { DataKind, RowsByKind } from './refdata-kinds.js';

/** Reference data built from one edition of each kind, ready for lookups. */
export interface LoadedRefdata {
  readonly tariffs: TariffLists;
  /** Absent when no HTS edition was available. */
  readonly hts?: HtsSchedule;
  /** ISO 3166-1 alpha-2 and ISO 4217 code lists, for `createReferenceData`, when those files were loaded. */
  readonly countries?: string[];
  readonly currencies?: string[];
  /** The edition used for each kind that was loaded. */
  readonly editions: Readonly<Partial<Record<DataKind, string>>>;
}

export function assembleRefdata(
  rows: RowsByKind,
  editions: Readonly<Partial<Record<DataKind, string>>>,
): LoadedRefdata {
  const tariffs = createTariffLists({
    ...(rows.pga === undefined ? {} : { pga: rows.pga }),
    ...(rows.s301 === undefined ? {} : { s301: rows.s301 }),
    ...(rows['s301-exclusions'] === undefined ? {} : { s301Exclusions: rows['s301-exclusions'] }),
    ...(rows.s232 === undefined ? {} : { s232: rows.s232 }),
    ...(rows.adcvd === undefined ? {} : { adcvd: rows.adcvd }),
    editions: {
      ...pick(editions, 'pga'),
      ...pick(editions, 's301'),
      ...pick(editions, 's301-exclusions'),
      ...pick(editions, 's232'),
      ...pick(editions, 'adcvd'),
    },
  });
  return {
    tariffs,
    ...(rows.hts === undefined ? {} : { hts: createHtsSchedule(editions.hts ?? '', rows.hts) }),
    ...(rows.countries === undefined ? {} : { countries: countryCodeList(rows.countries) }),
    ...(rows.currencies === undefined ? {} : { currencies: currencyCodeList(rows.currencies) }),
    editions: { ...editions },
  };
}

function pick<K extends DataKind>(editions: Partial<Record<DataKind, string>>, kind: K) {
  const e = editions[kind];
  return e === undefined ? {} : { [kind]: e };
}
