import { availableParallelism } from 'node:os';
import { type Command, InvalidArgumentError } from 'commander';
import { openPgServeStorage } from '../adapters/storage/postgres/pg-serve-storage.js';
import type { ServeStorage } from '../adapters/storage/serve-storage.js';
import { ROLES, type Role } from '../adapters/storage/server-data.js';
import { sqliteServeStorage } from '../adapters/storage/sqlite/sqlite-serve-storage.js';
import { SqliteStore } from '../adapters/storage/sqlite/sqlite-store.js';
import { createApiKey, revokeApiKey } from '../server/api-keys.js';
import { buildServer, DEFAULT_LIMITS } from '../server/index.js';
import { choosePolicy, policyOptions } from './policy-command.js';
import { loadReference, loadTargetingOptions, type RefOptions } from './reference.js';

const DEFAULT_DB = 'minimis.db';
const CLI_ACTOR = { actor: 'cli', org: null, role: null };

export interface ServeOptions extends RefOptions {
  db: string;
  /** PostgreSQL instead of SQLite (also MINIMIS_DATABASE_URL); several processes may serve at once. */
  databaseUrl?: string;
  port: number;
  host: string;
  policy?: string;
  set?: string[];
  rateLimit?: number;
  groupMs?: number;
  workers?: number;
}

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
}

/**
 * Starts the HTTP API on a store and serves until SIGINT/SIGTERM, when it commits what is pending and
 * closes. Resolves with the address it listens on once it is listening.
 */
export async function runServe(opts: ServeOptions): Promise<{ url: string; close: () => Promise<void> }> {
  const policy = choosePolicy(opts.policy, opts.set ?? []);
  const targeting = loadTargetingOptions(opts);
  const databaseUrl = databaseUrlOf(opts);
  // Reference data imported into an SQLite store is read from it; a PostgreSQL server reads the files.
  const { ref, files } = loadReference(opts, false, databaseUrl === undefined ? opts.db : undefined);
  const opened = await openStorage(opts);
  const app = await buildServer({
    storage: opened.storage,
    policy: policy.policy,
    ref,
    ...(targeting === undefined ? {} : { targeting }),
    workers: opts.workers ?? Math.max(1, availableParallelism() - 1),
    refFiles: files,
    limits: {
      ...(opts.rateLimit === undefined
        ? {}
        : { ratePerSecond: opts.rateLimit, rateBurst: opts.rateLimit * 2 }),
      ...(opts.groupMs === undefined ? {} : { groupMs: opts.groupMs }),
    },
  });
  const url = await app.listen({ port: opts.port, host: opts.host });
  process.stderr.write(`Policy: ${policy.name} — ${policy.description}\n`);
  process.stderr.write(`minimis serve: listening on ${url} (docs: ${url}/docs), store ${opened.name}\n`);
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= app.close().then(() => opened.close());
    return closing;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      void close().then(() => process.exit(0));
    });
  return { url, close };
}

/** `minimis serve` and `minimis serve keys create|list|revoke`. */
export function registerServeCommand(program: Command): void {
  const serve = policyOptions(
    program
      .command('serve')
      .description('serve the HTTP API (docs at /docs, OpenAPI at /openapi.json)')
      .option('--db <path>', 'SQLite database', DEFAULT_DB)
      .option(
        '--database-url <url>',
        'PostgreSQL instead of SQLite (default: $MINIMIS_DATABASE_URL); several processes may serve one database',
      )
      .option('--port <n>', 'TCP port (0: any free one)', wholeNumber, 8321)
      .option('--host <host>', 'address to listen on', '127.0.0.1')
      .option(
        '--rate-limit <n>',
        `requests per second per key (burst: twice that; default ${DEFAULT_LIMITS.ratePerSecond})`,
        wholeNumber,
      )
      .option('--group-ms <n>', `group commit window in ms (default ${DEFAULT_LIMITS.groupMs})`, wholeNumber)
      .option(
        '--workers <n>',
        'worker threads for parsing, validation and static rules (0: on the server thread; default: cores - 1)',
        wholeNumber,
      )
      .option('--hts <file>', 'USITC HTS CSV export (default: the shared 2026 schedule when present)')
      .option('--no-hts', 'do not load an HTS schedule (only the 10-digit format is checked)')
      .option('--rates <file>', 'USD exchange rates, CSV `currency,usdPerUnit` or JSON')
      .option('--no-tariffs', 'do not load the PGA, Section 301/232 and AD/CVD lists')
      .option('--no-targeting', 'do not score risk or assign lanes')
      .option('--rules <file>', 'targeting rule set (default: policy/risk/rules.yaml)')
      .option('--lanes <file>', 'lane configuration (default: policy/risk/lanes.yaml)')
      .option('--model <file>', 'a learned risk model (`minimis model train --db`), as the `model` rule')
      .option(
        '--sdn <dir>',
        'screen shippers and sellers against the OFAC SDN list in this folder (watch-list rule)',
      )
      .option(
        '--watch-list <file...>',
        'screen shippers and sellers against these lists, CSV name,country,address',
      ),
  ).action(async (opts: ServeOptions) => {
    await runServe(opts);
  });

  const keys = serve.command('keys').description('API keys: one per organization and role, stored hashed');
  keys
    .command('create')
    .description('create a key and print it (shown once)')
    .requiredOption('--org <code>', 'organization: filer or broker code (officer/analyst/admin: any name)')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`, (v: string) => {
      if (!(ROLES as readonly string[]).includes(v))
        throw new InvalidArgumentError(`one of ${ROLES.join(', ')}`);
      return v as Role;
    })
    .option('--label <text>', 'what the key is for')
    .action((opts: { org: string; role: Role; label?: string }, cmd: Command) =>
      withStorage(cmd, async (s) => {
        const { id, key } = await createApiKey(s.data, opts, CLI_ACTOR, new Date().toISOString());
        process.stderr.write(`Key ${id} for ${opts.org} (${opts.role}); it is not shown again:\n`);
        process.stdout.write(`${key}\n`);
      }),
    );
  keys
    .command('list')
    .description('list keys (never the keys themselves)')
    .action((_opts: unknown, cmd: Command) =>
      withStorage(cmd, async (s) => {
        for (const k of await s.data.keys()) process.stdout.write(`${JSON.stringify(k)}\n`);
      }),
    );
  keys
    .command('revoke')
    .description('revoke a key')
    .argument('<id>', 'key id', wholeNumber)
    .action((id: number, _opts: unknown, cmd: Command) =>
      withStorage(cmd, async (s) => {
        if (!(await revokeApiKey(s.data, id, CLI_ACTOR, new Date().toISOString())))
          throw new InvalidArgumentError(`no live key ${id}`);
        process.stderr.write(`Revoked key ${id}\n`);
      }),
    );
}

const databaseUrlOf = (opts: { databaseUrl?: string }): string | undefined => {
  const url = opts.databaseUrl ?? process.env.MINIMIS_DATABASE_URL;
  return url === undefined || url === '' ? undefined : url;
};

/** The store `serve` runs on: PostgreSQL with a database URL, else the SQLite file. */
async function openStorage(opts: {
  db: string;
  databaseUrl?: string;
}): Promise<{ storage: ServeStorage; name: string; close: () => Promise<void> }> {
  const url = databaseUrlOf(opts);
  if (url !== undefined) {
    const storage = await openPgServeStorage(url);
    return { storage, name: `PostgreSQL ${redactUrl(url)}`, close: () => storage.close() };
  }
  const store = new SqliteStore(opts.db);
  return {
    storage: sqliteServeStorage(store),
    name: opts.db,
    close: async () => store.close(),
  };
}

/** `--db` and `--database-url` belong to `serve` (commander hands them to the parent wherever written). */
async function withStorage(cmd: Command, f: (s: ServeStorage) => Promise<void>): Promise<void> {
  const s = await openStorage(cmd.optsWithGlobals() as { db: string; databaseUrl?: string });
  try {
    await f(s.storage);
  } finally {
    await s.close();
  }
}

/** The URL without its password, for the terminal. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
