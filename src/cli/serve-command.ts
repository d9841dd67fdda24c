import { availableParallelism } from 'node:os';
import { type Command, InvalidArgumentError } from 'commander';
import { ROLES, type Role, ServerStore } from '../adapters/storage/sqlite/server-store.js';
import { SqliteStore } from '../adapters/storage/sqlite/sqlite-store.js';
import { buildServer, createKey, DEFAULT_LIMITS, revokeKey } from '../server/index.js';
import { choosePolicy, policyOptions } from './policy-command.js';
import { loadReference, loadTargetingOptions, type RefOptions } from './reference.js';

const DEFAULT_DB = 'minimis.db';
const CLI_ACTOR = { actor: 'cli', org: null, role: null };

export interface ServeOptions extends RefOptions {
  db: string;
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
  const { ref, files } = loadReference(opts, false, opts.db);
  const store = new SqliteStore(opts.db);
  const app = await buildServer({
    store,
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
  process.stderr.write(`minimis serve: listening on ${url} (docs: ${url}/docs), store ${opts.db}\n`);
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= app.close().then(() => store.close());
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
      withServerStore(cmd, (s) => {
        const { id, key } = createKey(s, opts, CLI_ACTOR, new Date().toISOString());
        process.stderr.write(`Key ${id} for ${opts.org} (${opts.role}); it is not shown again:\n`);
        process.stdout.write(`${key}\n`);
      }),
    );
  keys
    .command('list')
    .description('list keys (never the keys themselves)')
    .action((_opts: unknown, cmd: Command) =>
      withServerStore(cmd, (s) => {
        for (const k of s.keys()) process.stdout.write(`${JSON.stringify(k)}\n`);
      }),
    );
  keys
    .command('revoke')
    .description('revoke a key')
    .argument('<id>', 'key id', wholeNumber)
    .action((id: number, _opts: unknown, cmd: Command) =>
      withServerStore(cmd, (s) => {
        if (!revokeKey(s, id, CLI_ACTOR, new Date().toISOString()))
          throw new InvalidArgumentError(`no live key ${id}`);
        process.stderr.write(`Revoked key ${id}\n`);
      }),
    );
}

/** `--db` belongs to `serve` (commander hands it to the parent wherever it is written). */
function withServerStore(cmd: Command, f: (s: ServerStore) => void): void {
  const store = new SqliteStore((cmd.optsWithGlobals() as { db: string }).db);
  try {
    f(new ServerStore(store.db));
  } finally {
    store.close();
  }
}
