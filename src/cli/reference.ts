import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import {
  findSharedHtsFile,
  loadDefaultReferenceData,
  type TariffSource,
} from '../adapters/refdata/default-reference-data.js';
import { findSharedDataDir } from '../adapters/refdata/shared-tariff-lists.js';
import {
  DEFAULT_LANES,
  DEFAULT_RULES,
  loadTargeting,
  loadWatchLists,
} from '../adapters/risk/load-targeting.js';
import type { ReferenceData } from '../core/refdata/reference-data.js';
import type { Targeting } from '../core/screen/targeting.js';
import type { RefFiles } from '../ingest/prepare-pool.js';

export interface RefOptions {
  /** A path, false for none (`--no-hts`), or undefined to use the shared 2026 schedule when present. */
  hts?: string | false;
  rates?: string;
  /** False (`--no-tariffs`) to screen without the PGA, Section 301/232 and AD/CVD lists. */
  tariffs?: boolean;
  /** False (`--no-targeting`) to screen without risk rules and lanes. */
  targeting?: boolean;
  /** Rule set and lane files (default: policy/risk/rules.yaml and lanes.yaml). */
  rules?: string;
  lanes?: string;
  /** A learned model (`minimis model train --db`) that takes part in scoring as the `model` rule. */
  model?: string;
  /** Restricted-party lists for the watch-list rule: an OFAC SDN folder and user list files. */
  sdn?: string;
  watchList?: string[];
}

/**
 * Loads reference data from the options; says on stderr which HTS edition and tariff lists are in use.
 * Tariff lists imported into `db` (`minimis refdata import`) win over the shared folder's files.
 */
export function loadReference(
  opts: RefOptions,
  quiet = false,
  db?: string,
): { ref: ReferenceData; files: RefFiles } {
  const imported = importedKinds(db);
  // An explicit --hts wins, then an HTS edition imported into the database, then the shared schedule.
  const htsPath =
    opts.hts === false || (opts.hts === undefined && imported.has('hts'))
      ? undefined
      : (opts.hts ?? findSharedHtsFile());
  const tariffs = opts.tariffs === false ? undefined : tariffSource(db, imported);
  const files: RefFiles = {
    ...(htsPath === undefined ? {} : { htsPath }),
    ...(opts.rates === undefined ? {} : { ratesPath: opts.rates }),
    ...(tariffs === undefined ? {} : { tariffs }),
    ...(opts.hts === undefined && imported.has('hts') && db !== undefined ? { htsFromDb: db } : {}),
    ...(opts.targeting === false ? {} : { riskRules: opts.rules ?? DEFAULT_RULES() }),
    ...(opts.targeting === false || opts.model === undefined ? {} : { riskModel: opts.model }),
  };
  const ref = loadDefaultReferenceData(files);
  if (!quiet) {
    process.stderr.write(
      ref.hts === undefined
        ? 'HTS schedule: not loaded (only the 10-digit format is checked; pass --hts FILE)\n'
        : `HTS schedule: ${ref.hts.edition}, ${ref.hts.size.toLocaleString('en-US')} ten-digit lines\n`,
    );
    const editions = Object.entries(ref.tariffs?.editions ?? {});
    process.stderr.write(
      editions.length === 0
        ? 'Tariff lists: none (PGA, Section 301/232 and AD/CVD exclusions cannot be checked)\n'
        : `Tariff lists: ${editions.map(([k, e]) => `${k} ${e}`).join('; ')}\n`,
    );
  }
  return { ref, files };
}

const TARIFF_KINDS = ['pga', 's301', 's232', 'adcvd'];

function tariffSource(db: string | undefined, imported: ReadonlySet<string>): TariffSource | undefined {
  if (db !== undefined && TARIFF_KINDS.some((k) => imported.has(k))) return { db };
  const sharedDir = findSharedDataDir();
  return sharedDir === undefined ? undefined : { sharedDir };
}

/** Kinds of reference data imported into the database (`minimis refdata import`); none for a new one. */
function importedKinds(path: string | undefined): Set<string> {
  if (path === undefined || path === ':memory:' || !existsSync(path)) return new Set();
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const table = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'refdata_editions'")
      .get();
    if (table === undefined) return new Set();
    const rows = db.prepare('SELECT DISTINCT kind FROM refdata_editions').all() as { kind: string }[];
    return new Set(rows.map((r) => r.kind));
  } finally {
    db.close();
  }
}

/** The targeting configuration of the options, or undefined with `--no-targeting`. */
export function loadTargetingOptions(opts: RefOptions, quiet = false): Targeting | undefined {
  if (opts.targeting === false) return undefined;
  const lists = loadWatchLists({
    ...(opts.sdn === undefined ? {} : { sdnDir: opts.sdn }),
    ...(opts.watchList === undefined ? {} : { lists: opts.watchList }),
  });
  if (!quiet && lists !== undefined) {
    for (const w of lists.warnings) process.stderr.write(`warning: ${w}\n`);
    process.stderr.write(
      `Watch lists: ${[opts.sdn, ...(opts.watchList ?? [])].filter(Boolean).join(', ')}\n`,
    );
  }
  return loadTargeting(
    opts.rules ?? DEFAULT_RULES(),
    opts.lanes ?? DEFAULT_LANES(),
    lists === undefined ? [] : [lists.watch],
    opts.model,
  );
}
