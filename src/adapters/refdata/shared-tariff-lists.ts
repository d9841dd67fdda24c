import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assembleRefdata, type LoadedRefdata } from './assemble-refdata.js';
import { editionFromFileName } from './hts-usitc-csv.js';
import { editionFromJsonFileName } from './hts-usitc-json.js';
import {
  compareEditions,
  type DataKind,
  type FileKind,
  parseRefdataFile,
  type RowsByKind,
} from './refdata-kinds.js';

/** The files of the shared reference data folder (`<repo>/../shared/data/`), by path inside it. */
const SHARED_FILES: readonly [FileKind, string][] = [
  ['pga', 'hts/hts_pga_report.csv'],
  ['s301', 'hts/section301_rates.csv'],
  ['s301-exclusions', 'hts/sec301_exemptions.csv'],
  ['s232', 'hts/section232_rates.csv'],
  ['adcvd', 'hts/adcvd_warnings.csv'],
  ['countries', 'codes/country-codes.csv'],
  ['currencies', 'codes/currency-codes.csv'],
];
const HTS_EXPORT = /^hts_\d{4}_.+\.(csv|json)$/i;

/**
 * The shared reference data folder, `../shared/data/` next to the repository, looked for from the working
 * directory and from the package root; undefined when absent.
 */
export function findSharedDataDir(): string | undefined {
  const roots = [
    process.cwd(),
    // compiled: <root>/dist/src/adapters/refdata/shared-tariff-lists.js
    fileURLToPath(new URL('../../../..', import.meta.url)),
    // from source (vitest): <root>/src/adapters/refdata/shared-tariff-lists.ts
    fileURLToPath(new URL('../../..', import.meta.url)),
  ];
  for (const root of roots) {
    const candidate = resolve(root, '..', 'shared', 'data');
    if (existsSync(join(candidate, 'hts'))) return candidate;
  }
  return undefined;
}

/**
 * Tariff lists, the newest HTS export and the ISO code lists straight from the files of the shared folder,
 * each file that is present, through the same parsers as `minimis refdata import`. Files that carry no
 * edition are labelled with their name and modification date. Undefined when the folder is absent.
 */
export function loadSharedTariffLists(
  dir = findSharedDataDir(),
  opts: { hts?: boolean } = {},
): LoadedRefdata | undefined {
  if (dir === undefined || !existsSync(dir)) return undefined;
  const rows: Record<string, unknown> = {};
  const editions: Partial<Record<DataKind, string>> = {};
  // The schedule is the largest file; callers that load it themselves skip it here.
  const hts = opts.hts === false ? undefined : newestHtsExport(join(dir, 'hts'));
  const files: [FileKind, string][] = [...(hts === undefined ? [] : [hts]), ...SHARED_FILES];
  for (const [kind, rel] of files) {
    const path = join(dir, rel);
    if (!existsSync(path)) continue;
    const label = `${rel} ${statSync(path).mtime.toISOString().slice(0, 10)}`;
    const parsed = parseRefdataFile(path, { kind, ...(needsLabel(kind) ? { edition: label } : {}) });
    rows[parsed.kind] = parsed.rows;
    editions[parsed.kind] = parsed.edition;
  }
  return assembleRefdata(rows as RowsByKind, editions);
}

function needsLabel(kind: FileKind): boolean {
  return kind !== 'pga' && kind !== 'hts-csv' && kind !== 'hts-json';
}

function newestHtsExport(htsDir: string): [FileKind, string] | undefined {
  if (!existsSync(htsDir)) return undefined;
  const exports = readdirSync(htsDir)
    .filter((name) => HTS_EXPORT.test(name))
    .map((name) => ({
      name,
      json: name.toLowerCase().endsWith('.json'),
      edition: name.toLowerCase().endsWith('.json')
        ? editionFromJsonFileName(name)
        : editionFromFileName(name),
    }))
    .sort((a, b) => compareEditions(a.edition, b.edition));
  const newest = exports.at(-1);
  return newest === undefined ? undefined : [newest.json ? 'hts-json' : 'hts-csv', `hts/${newest.name}`];
}
