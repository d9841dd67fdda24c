#!/usr/bin/env -S node --max-old-space-size=16384
// The engine keeps every filing's state in memory (about 3 KB with targeting; see the README): a national
// day outgrows Node's default heap of about 4 GB, so the command asks for up to 16 GB.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { writeDecisions } from '../adapters/files/decision-writer.js';
import { ServerStore } from '../adapters/storage/sqlite/server-store.js';
import { SqliteStore } from '../adapters/storage/sqlite/sqlite-store.js';
import { writeGeneratedDay } from '../generate/write.js';
import { createKey } from '../server/api-keys.js';
import { registerModelCommand } from './model-command.js';
import { registerPartiesCommand } from './parties-command.js';
import { policyOptions, registerPolicyCommands } from './policy-command.js';
import { registerRefdataCommand } from './refdata-command.js';
import { printSchema, SCHEMA_NAMES } from './schema-command.js';
import { runScreen } from './screen-command.js';
import { registerServeCommand } from './serve-command.js';
import { registerShadowCommand } from './shadow-command.js';
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
    .option('--rates <file>', 'USD exchange rates, CSV `currency,usdPerUnit` or JSON {"EUR": 1.08}')
    .option('--no-targeting', 'do not score risk or assign lanes')
    .option('--rules <file>', 'targeting rule set (default: policy/risk/rules.yaml)')
    .option('--lanes <file>', 'lane configuration (default: policy/risk/lanes.yaml)')
    .option(
      '--model <file>',
      'a learned risk model (`minimis model train --db`): adds the `model` rule to every decision',
    )
    .option(
      '--sdn <dir>',
      'screen shippers and sellers against the OFAC SDN list in this folder (watch-list rule)',
    )
    .option(
      '--watch-list <file...>',
      'screen shippers and sellers against these lists, CSV name,country,address',
    )
    .option(
      '--no-tariffs',
      'do not load the PGA, Section 301/232 and AD/CVD lists (default: editions imported into --db, else ../shared/data)',
    );

refOptions(
  policyOptions(
    program
      .command('screen')
      .description('screen NDJSON, JSON-array or CSV files and store the decisions')
      .argument('<files...>', 'input files, screened in order')
      .option('--db <path>', 'SQLite database (default: in memory, gone after the run)')
      .option(
        '--database-url <url>',
        'PostgreSQL instead of SQLite (default: $MINIMIS_DATABASE_URL); several processes may screen at once',
      )
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
registerRefdataCommand(program);
registerPartiesCommand(program);
registerModelCommand(program);
registerServeCommand(program);
registerShadowCommand(program);

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
  printConsoleKeys(db);
});

/** Keys for each role of the web console on the demo store; printed once, only their hashes are stored. */
function printConsoleKeys(db: string): void {
  const store = new SqliteStore(db);
  try {
    const server = new ServerStore(store.db);
    const top = store.db
      .prepare('SELECT filer FROM filing_state GROUP BY filer ORDER BY count(*) DESC, filer LIMIT 1')
      .get() as { filer: string } | undefined;
    const at = new Date().toISOString();
    const actor = { actor: 'cli', org: null, role: null };
    const keys = (
      [
        ['officer', 'CBP'],
        ['analyst', 'CBP'],
        ['filer', top?.filer ?? 'FLR001'],
        ['admin', 'CBP'],
      ] as const
    ).map(([role, org]) => ({
      role,
      org,
      key: createKey(server, { org, role, label: 'demo' }, actor, at).key,
    }));
    process.stderr.write(
      `\nWeb console: minimis serve --db ${db}   then open http://127.0.0.1:8321/ and sign in with a key:\n`,
    );
    for (const k of keys) process.stderr.write(`  ${k.role.padEnd(8)} ${k.org.padEnd(8)} ${k.key}\n`);
  } finally {
    store.close();
  }
}

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
