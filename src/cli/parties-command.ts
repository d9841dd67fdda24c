import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  loadSdnLegacy,
  loadUserList,
  PartyListError,
  readScreeningFile,
  type ScreeningRow,
} from '../adapters/parties/index.js';
import { DEFAULT_THRESHOLD, type ListEntry, PartyIndex, type PartyMatch } from '../core/parties/index.js';

/** The shared SDN snapshot, looked for from the working directory as the other shared files are. */
export const DEFAULT_SDN_DIR = '../shared/data/parties/ofac-sdn-2024-05';

export interface PartiesScreenOptions {
  /** Folder of the OFAC legacy CSV files; default DEFAULT_SDN_DIR when present. */
  sdn?: string;
  /** Skip the SDN list (screen against --list files only). commander sets `sdn: false` for --no-sdn. */
  noSdn?: boolean;
  list?: string[];
  threshold?: string | number;
  json?: boolean;
}

export interface ListSummary {
  readonly listId: string;
  readonly source: string;
  readonly entries: number;
}

export interface PartiesScreenRow {
  readonly line: number;
  readonly name: string;
  readonly country?: string;
  readonly address?: string;
  readonly extra: Readonly<Record<string, string>>;
  readonly hit: boolean;
  readonly score: number;
  readonly best?: PartyMatch;
}

export interface PartiesScreenReport {
  readonly file: string;
  readonly threshold: number;
  readonly lists: readonly ListSummary[];
  readonly warnings: readonly string[];
  readonly rows: readonly PartiesScreenRow[];
  readonly hits: number;
  readonly screeningsPerSecond: number;
}

/**
 * `minimis parties screen FILE.csv`: loads the lists, builds one index over them and screens every
 * row, printing per row the best match, its score and the explanation (or the whole report as JSON).
 */
export function runPartiesScreen(file: string, opts: PartiesScreenOptions = {}): PartiesScreenReport {
  const threshold = parseThreshold(opts.threshold);
  const rows = readScreeningFile(file);
  const entries: ListEntry[] = [];
  const lists: ListSummary[] = [];
  const warnings: string[] = [];
  const sdnDir = opts.noSdn === true ? undefined : (opts.sdn ?? defaultSdnDir());
  if (sdnDir !== undefined) {
    const sdn = loadSdnLegacy(sdnDir);
    entries.push(...sdn.entries);
    lists.push({ listId: 'ofac-sdn', source: sdn.files.join(', '), entries: sdn.entries.length });
    warnings.push(...sdn.warnings.map((w) => w.message));
  }
  for (const path of opts.list ?? []) {
    const own = loadUserList(path);
    entries.push(...own);
    lists.push({ listId: own[0]!.listId, source: path, entries: own.length });
  }
  if (entries.length === 0)
    throw new PartyListError(
      'PARTIES_NO_FILE',
      DEFAULT_SDN_DIR,
      undefined,
      undefined,
      'no list to screen against: pass --sdn DIR (OFAC legacy sdn.csv, alt.csv, add.csv) or --list FILE.csv',
    );
  const index = PartyIndex.build(entries);
  const out: PartiesScreenRow[] = [];
  const started = performance.now();
  for (const row of rows) {
    const r = index.screen(queryOf(row), { threshold });
    out.push({
      line: row.line,
      name: row.name,
      ...(row.country === undefined ? {} : { country: row.country }),
      ...(row.address === undefined ? {} : { address: row.address }),
      extra: row.extra,
      hit: r.hit,
      score: r.best?.score ?? 0,
      ...(r.best === undefined ? {} : { best: r.best }),
    });
  }
  const seconds = (performance.now() - started) / 1000;
  const report: PartiesScreenReport = {
    file,
    threshold,
    lists,
    warnings,
    rows: out,
    hits: out.filter((r) => r.hit).length,
    screeningsPerSecond: seconds > 0 ? Math.round(rows.length / seconds) : 0,
  };
  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
  process.stdout.write(opts.json === true ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  return report;
}

export function registerPartiesCommand(program: Command): void {
  const parties = program
    .command('parties')
    .description('restricted-party screening against the OFAC SDN list and your own lists');

  parties
    .command('screen')
    .description(
      'screen every row of a CSV file (columns name[,country,address]) and print the best match of each',
    )
    .argument('<file>', 'CSV with a header: name, and optionally country and address; other columns are kept')
    .option(
      '--sdn <dir>',
      `folder of the OFAC legacy sdn.csv, alt.csv, add.csv (default: ${DEFAULT_SDN_DIR} when present)`,
    )
    .option('--no-sdn', 'do not load the SDN list (screen against --list files only)')
    .option(
      '--list <file>',
      'a list of your own: CSV name,country,address[,id,program] (repeatable)',
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .option('--threshold <score>', `score from which a match is a hit, 0 to 1 (default ${DEFAULT_THRESHOLD})`)
    .option('--json', 'print the whole report as JSON')
    .action((file: string, opts: Omit<PartiesScreenOptions, 'sdn'> & { sdn?: string | false }) => {
      const { sdn, ...rest } = opts;
      runPartiesScreen(
        file,
        sdn === false ? { ...rest, noSdn: true } : { ...rest, ...(sdn === undefined ? {} : { sdn }) },
      );
    });
}

function defaultSdnDir(): string | undefined {
  const dir = resolve(process.cwd(), DEFAULT_SDN_DIR);
  return existsSync(dir) ? dir : undefined;
}

function parseThreshold(value: string | number | undefined): number {
  if (value === undefined) return DEFAULT_THRESHOLD;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1 || (typeof value === 'string' && value.trim() === ''))
    throw new Error(`--threshold '${value}' is not a score between 0 and 1`);
  return n;
}

function queryOf(row: ScreeningRow) {
  return {
    name: row.name,
    ...(row.country === undefined ? {} : { country: row.country }),
    ...(row.address === undefined ? {} : { address: row.address }),
  };
}

function formatReport(r: PartiesScreenReport): string {
  const lines: string[] = [];
  for (const row of r.rows) {
    const who = `${row.name}${row.country === undefined ? '' : ` [${row.country}]`}`;
    const verdict =
      row.best === undefined
        ? 'no candidate: no list name shares a word with it'
        : `${row.hit ? 'HIT' : 'no hit'} ${row.score.toFixed(2)} ${row.best.explanation}`;
    lines.push(`${r.file}:${row.line}: ${who} → ${verdict}`);
  }
  const lists = r.lists.map((l) => `${l.listId} (${l.entries.toLocaleString('en-US')} entries)`).join(', ');
  lines.push(
    `${r.rows.length.toLocaleString('en-US')} rows, ${r.hits.toLocaleString('en-US')} hits at threshold ${r.threshold} against ${lists}`,
  );
  return `${lines.join('\n')}\n`;
}
