import { findSharedHtsFile, loadDefaultReferenceData } from '../adapters/refdata/default-reference-data.js';
import type { ReferenceData } from '../core/refdata/reference-data.js';
import type { RefFiles } from '../ingest/prepare-pool.js';

export interface RefOptions {
  /** A path, false for none (`--no-hts`), or undefined to use the shared 2026 schedule when present. */
  hts?: string | false;
  rates?: string;
}

/** Loads reference data from the options; says on stderr which HTS edition is in use. */
export function loadReference(opts: RefOptions, quiet = false): { ref: ReferenceData; files: RefFiles } {
  const htsPath = opts.hts === false ? undefined : (opts.hts ?? findSharedHtsFile());
  const files: RefFiles = {
    ...(htsPath === undefined ? {} : { htsPath }),
    ...(opts.rates === undefined ? {} : { ratesPath: opts.rates }),
  };
  const ref = loadDefaultReferenceData(files);
  if (!quiet) {
    process.stderr.write(
      ref.hts === undefined
        ? 'HTS schedule: not loaded (only the 10-digit format is checked; pass --hts FILE)\n'
        : `HTS schedule: ${ref.hts.edition}, ${ref.hts.size.toLocaleString('en-US')} ten-digit lines\n`,
    );
  }
  return { ref, files };
}
