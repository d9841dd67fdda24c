#!/usr/bin/env node
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { writeDecisions } from '../adapters/files/decision-writer.js';
import { SqliteStore } from '../adapters/storage/sqlite/sqlite-store.js';
import { writeGeneratedDay } from '../generate/write.js';
import { policyOptions, registerPolicyCommands } from './policy-command.js';
import { printSchema, SCHEMA_NAMES } from './schema-command.js';
import { runScreen } from './screen-command.js';
import { registerSimulateCommand } from './simulate-command.js';

const DEFAULT_DB = 'minimis.db';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
}

// `minimis … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const program = new Command()
  .name('minimis')
  .description('Screens U.S. Section 321 de minimis filings the way ACE does, and better.')
  .showHelpAfterError();

const refOptions = (cmd: Command) =>
  cmd
    .option(
      '--hts <file>',
      'USITC HTS CSV export (default: ../shared/data/hts/hts_2026_basic_edition.csv when present)',
    )
    .option('--no-hts', 'do not load an HTS schedule (only the 10-digit format is checked)')
    .option('--rates <file>', 'USD exchange rates, CSV `currency,usdPerUnit` or JSON {"EUR": 1.08}');

refOptions(
  policyOptions(
    program
      .command('screen')
      .description('screen NDJSON, JSON-array or CSV files and store the decisions')
      .argument('<files...>', 'input files, screened in order')
      .option('--db <path>', 'SQLite database (default: in memory, gone after the run)')
      .option('--out <file>', 'write one decision per filing seen (.ndjson, or .csv)')
      .option('--json', 'print the summary as JSON')
      .option('--no-progress', 'no progress bar')
      .option('--workers <n>', 'worker threads for parsing and validation (default: cores - 1)', positiveInt)
      .addOption(new Option('--batch-size <n>', 'records per transaction').argParser(positiveInt).hideHelp()),
  ),
).action(async (files: string[], opts) => {
  await runScreen(files, opts);
});

registerPolicyCommands(program);
registerSimulateCommand(program);

program
  .command('decisions')
  .description('export the current decision of every filing in the store')
  .option('--db <path>', 'SQLite database', DEFAULT_DB)
  .option('--out <file>', 'output file (.ndjson or .csv); default stdout as NDJSON')
  .action(async (opts: { db: string; out?: string }) => {
    const store = openExisting(opts.db);
    try {
      if (opts.out === undefined)
        for (const d of store.decisions()) process.stdout.write(`${JSON.stringify(d)}\n`);
      else
        process.stderr.write(
          `Wrote ${await writeDecisions(opts.out, store.decisions())} decisions to ${opts.out}\n`,
        );
    } finally {
      store.close();
    }
  });

program
  .command('messages')
  .description('list messages sent to filers and brokers')
  .option('--db <path>', 'SQLite database', DEFAULT_DB)
  .option('--to <code>', 'only messages to this filer or broker code')
  .option('--after <id>', 'cursor: only messages after this id', positiveInt, 0)
  .option('--limit <n>', 'at most this many', positiveInt, 100)
  .action((opts: { db: string; to?: string; after: number; limit: number }) => {
    const store = openExisting(opts.db);
    try {
      for (const m of store.messages(opts.to, opts.after, opts.limit))
        process.stdout.write(`${JSON.stringify(m)}\n`);
    } finally {
      store.close();
    }
  });

program
  .command('party')
  .description('explain a consignee group: every name/address variant and why it joined')
  .argument('<key>', 'party key, as in a decision')
  .option('--db <path>', 'SQLite database', DEFAULT_DB)
  .action((key: string, opts: { db: string }) => {
    const store = openExisting(opts.db);
    try {
      process.stdout.write(`${JSON.stringify(store.partyVariants(key), null, 2)}\n`);
    } finally {
      store.close();
    }
  });

program
  .command('generate')
  .description('write a realistic synthetic day of filings with planted, labelled cases')
  .requiredOption('--filings <n>', 'number of filings', positiveInt)
  .option('--seed <n>', 'random seed', positiveInt, 1)
  .option('--day <date>', 'Eastern calendar day, YYYY-MM-DD', '2025-08-20')
  .requiredOption('--out <file>', 'NDJSON output')
  .option('--truth <file>', 'ground truth JSON (planted cases, expected outcomes, persons)')
  .action(async (opts: { filings: number; seed: number; day: string; out: string; truth?: string }) => {
    await writeGeneratedDay({ filings: opts.filings, seed: opts.seed, day: opts.day }, opts.out, opts.truth);
    process.stderr.write(`Wrote ${opts.filings.toLocaleString('en-US')} filings to ${opts.out}\n`);
  });

program
  .command('schema')
  .description('print the JSON Schema of a record')
  .addArgument(new Command().createArgument('<name>', 'record').choices(SCHEMA_NAMES))
  .action((name: (typeof SCHEMA_NAMES)[number]) => printSchema(name));

refOptions(
  program
    .command('demo')
    .description('generate a demo day and screen it into ./minimis-demo/minimis.db')
    .option('--filings <n>', 'filings in the demo day', positiveInt, 20_000)
    .option('--seed <n>', 'random seed', positiveInt, 1)
    .option('--dir <dir>', 'where to write the demo files', 'minimis-demo')
    .addOption(new Option('--json', 'print the summary as JSON')),
).action(async (opts) => {
  mkdirSync(opts.dir, { recursive: true });
  const day = join(opts.dir, 'day.ndjson');
  const db = join(opts.dir, 'minimis.db');
  for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  await writeGeneratedDay({ filings: opts.filings, seed: opts.seed }, day, join(opts.dir, 'truth.json'));
  process.stderr.write(`Generated ${opts.filings.toLocaleString('en-US')} filings in ${day}\n`);
  await runScreen([day], { ...opts, db, out: join(opts.dir, 'decisions.ndjson') });
  process.stderr.write(`\nStore: ${db} — try: minimis messages --db ${db} --limit 5\n`);
});

function openExisting(path: string): SqliteStore {
  if (!existsSync(path)) {
    process.stderr.write(`minimis: no database at ${path} (run 'minimis screen FILE --db ${path}' first)\n`);
    process.exit(2);
  }
  return new SqliteStore(path);
}

program.parseAsync().catch((e: unknown) => {
  process.stderr.write(`minimis: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
