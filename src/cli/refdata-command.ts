import { existsSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { FILE_KINDS, type FileKind, parseRefdataFile } from '../adapters/refdata/refdata-kinds.js';
import {
  type EditionInfo,
  type ImportResult,
  RefdataStore,
} from '../adapters/storage/sqlite/refdata-store.js';
import { SqliteStore } from '../adapters/storage/sqlite/sqlite-store.js';

/** As `decisions`, `messages` and `party`: reference data is only worth importing into a file that stays. */
const DEFAULT_DB = 'minimis.db';

export interface RefdataImportOptions {
  kind?: FileKind;
  edition?: string;
  db?: string;
  replace?: boolean;
  json?: boolean;
}

export interface RefdataListOptions {
  db?: string;
  json?: boolean;
}

/**
 * `minimis refdata import FILE`: parses the whole file first (the kind from its header unless given), then
 * stores it as one edition in one transaction; prints what happened and returns it.
 */
export function runRefdataImport(file: string, opts: RefdataImportOptions = {}): ImportResult {
  if (!existsSync(file)) throw new Error(`${file}: no such file`);
  const parsed = parseRefdataFile(file, {
    ...(opts.kind === undefined ? {} : { kind: opts.kind }),
    ...(opts.edition === undefined ? {} : { edition: opts.edition }),
  });
  const db = opts.db ?? DEFAULT_DB;
  const store = new SqliteStore(db);
  try {
    const result = new RefdataStore(store.db).import(parsed, { replace: opts.replace === true });
    process.stdout.write(
      opts.json === true ? `${JSON.stringify(result, null, 2)}\n` : `${describeImport(result, db)}\n`,
    );
    return result;
  } finally {
    store.close();
  }
}

/** `minimis refdata list`: every imported edition, by kind, oldest first. */
export function runRefdataList(opts: RefdataListOptions = {}): EditionInfo[] {
  const db = opts.db ?? DEFAULT_DB;
  if (db !== ':memory:' && !existsSync(db))
    throw new Error(`no database at ${db} (run 'minimis refdata import FILE --db ${db}' first)`);
  const store = new SqliteStore(db);
  try {
    const editions = new RefdataStore(store.db).editions();
    process.stdout.write(
      opts.json === true ? `${JSON.stringify(editions, null, 2)}\n` : formatEditions(editions, db),
    );
    return editions;
  } finally {
    store.close();
  }
}

export function registerRefdataCommand(program: Command): void {
  const refdata = program
    .command('refdata')
    .description('reference data (HTS, PGA flags, Section 301/232, AD/CVD, ISO codes) imported by edition');

  refdata
    .command('import')
    .description('import an official reference file as one edition; a bad file changes nothing')
    .argument('<file>', 'the file as published')
    .addOption(
      new Option('--kind <kind>', 'what the file is (default: told from its first line)').choices(FILE_KINDS),
    )
    .option(
      '--edition <label>',
      'edition label (default: from the file: the HTS export name, the PGA report HTS Date; required otherwise)',
    )
    .option('--db <path>', 'SQLite database', DEFAULT_DB)
    .option('--replace', 'replace an edition already imported under the same label')
    .option('--json', 'print the result as JSON')
    .action((file: string, opts: RefdataImportOptions) => {
      runRefdataImport(file, opts);
    });

  refdata
    .command('list')
    .description('imported editions: kind, edition, rows, when imported')
    .option('--db <path>', 'SQLite database', DEFAULT_DB)
    .option('--json', 'as JSON')
    .action((opts: RefdataListOptions) => {
      runRefdataList(opts);
    });
}

function describeImport(r: ImportResult, db: string): string {
  const e = r.edition;
  const what = `${e.kind} edition '${e.edition}'`;
  const rows = `${e.rows.toLocaleString('en-US')} rows`;
  switch (r.status) {
    case 'imported':
      return `Imported ${what}: ${rows} from ${e.source} into ${db} (sha256 ${e.sha256.slice(0, 12)}…)`;
    case 'replaced':
      return `Replaced ${what} (${r.previous!.rows.toLocaleString('en-US')} rows of ${r.previous!.importedAt}): ${rows} from ${e.source} into ${db}`;
    case 'unchanged':
      return `Unchanged: ${what} was already imported on ${e.importedAt} from the same content (sha256 ${e.sha256.slice(0, 12)}…); nothing written (--replace imports it again)`;
  }
}

function formatEditions(editions: readonly EditionInfo[], db: string): string {
  if (editions.length === 0) return `No reference data in ${db} (minimis refdata import FILE)\n`;
  const table = [
    ['kind', 'edition', 'format', 'rows', 'imported_at', 'source'],
    ...editions.map((e) => [
      e.kind,
      e.edition,
      e.format,
      e.rows.toLocaleString('en-US'),
      e.importedAt,
      e.source,
    ]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  return table
    .map((row) =>
      row
        .map((c, i) => (i === 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
    .concat('\n');
}
