/**
 * `npm run bench:serve`: load test of `minimis serve` on loopback, on a fresh store per run: an on-disk
 * SQLite file, or with `--database-url URL` a new PostgreSQL database on that server (created and dropped
 * per run), served by `--processes N` processes (the load is split evenly between them).
 *   - single: POST /v1/filings, one generated filing per request, by `--connections` clients for `--seconds`;
 *     filings/s acknowledged (2xx) and p50/p99 latency,
 *   - batch: POST /v1/filings:batch, NDJSON bodies of `--batch-lines` filings; filings/s acknowledged.
 * The server runs in a child process (as `minimis serve`), the load generator (autocannon) in this one.
 * Every filer code of the generated day gets its own filer key, and each filing is sent with its filer's key.
 * Medians of `--runs` runs, as JSON on stdout and in bench-out/serve-bench.json.
 * Usage: node dist/bench/serve-bench.js [--runs 3] [--seconds 10] [--connections 32] [--batch-filings 100000]
 *          [--database-url postgres://postgres@127.0.0.1:5432/postgres] [--processes 1]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openPgServeStorage } from '../src/adapters/storage/postgres/pg-serve-storage.js';
import { ServerStore } from '../src/adapters/storage/sqlite/server-store.js';
import { SqliteStore } from '../src/adapters/storage/sqlite/sqlite-store.js';
import { generateDay } from '../src/generate/index.js';
import { createApiKey } from '../src/server/api-keys.js';
import { createKey } from '../src/server/index.js';
import { whenListening } from '../src/server/when-listening.js';

/** The slice of autocannon's programmatic API used here. */
interface CannonRequest {
  method: string;
  path: string;
  setupRequest?: (req: CannonRequest) => CannonRequest & { body?: string; headers?: Record<string, string> };
}
interface CannonResult {
  latency: { p50: number; p99: number; average: number };
  duration: number;
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: {
  url: string;
  connections: number;
  duration?: number;
  amount?: number;
  timeout?: number;
  requests: CannonRequest[];
}) => Promise<CannonResult>;

const args = process.argv.slice(2);
const arg = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? dflt : Number(args[i + 1]);
};
const textArg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? undefined : args[i + 1];
};
/** PostgreSQL server to create the run's databases on; SQLite when absent. */
const DATABASE_URL = textArg('database-url');
const PROCESSES = DATABASE_URL === undefined ? 1 : arg('processes', 1);
const RUNS = arg('runs', 3);
const SECONDS = arg('seconds', 10);
const CONNECTIONS = arg('connections', 32);
const BATCH_FILINGS = arg('batch-filings', 100_000);
const BATCH_LINES = arg('batch-lines', 1000);
const BATCH_CONNECTIONS = arg('batch-connections', 2);
/** Worker threads of the server's stateless stage; -1: the server's default (cores - 1). */
const WORKERS = arg('workers', -1);
/** Single requests: enough distinct filings that none is sent twice even at 20,000/s. */
const SINGLE_POOL = arg('single-pool', Math.max(50_000, SECONDS * 20_000));

const dir = join(process.cwd(), 'bench-out');
mkdirSync(dir, { recursive: true });
const serveModule = fileURLToPath(new URL('../src/cli/serve-command.js', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Filing {
  readonly filer: string;
  readonly body: string;
}

/** Filings (not amendments, cancellations or arrivals) of a generated day, as JSON text. */
function filings(n: number, seed: number): Filing[] {
  const out: Filing[] = [];
  for (const r of generateDay({ filings: n, seed }).records)
    if (r.type === 'filing') out.push({ filer: r.filer.code, body: JSON.stringify(r) });
  return out;
}

/** The store of one run: its keys, how `serve` is pointed at it, how many filings it holds, its removal. */
interface RunStore {
  readonly keys: Map<string, string>;
  readonly serveArgs: string[];
  stored(): Promise<number>;
  drop(): Promise<void>;
}

const BENCH_ACTOR = { actor: 'bench', org: null, role: null };

/** A fresh store with a filer key per filer code: an SQLite file, or a new PostgreSQL database. */
async function freshStore(label: string, filers: Iterable<string>): Promise<RunStore> {
  if (DATABASE_URL !== undefined) return freshPg(label, filers);
  const db = join(dir, `serve-${label}.db`);
  const files = [db, `${db}-wal`, `${db}-shm`];
  for (const f of files) rmSync(f, { force: true });
  const store = new SqliteStore(db);
  const keys = new Map<string, string>();
  const server = new ServerStore(store.db);
  for (const org of filers) keys.set(org, createKey(server, { org, role: 'filer' }, BENCH_ACTOR, 'now').key);
  store.close();
  return {
    keys,
    serveArgs: ['--db', db],
    stored: async () => {
      const s = new SqliteStore(db);
      try {
        return s.count('filing_state');
      } finally {
        s.close();
      }
    },
    drop: async () => {
      for (const f of files) rmSync(f, { force: true });
    },
  };
}

async function freshPg(label: string, filers: Iterable<string>): Promise<RunStore> {
  const name = `minimis_bench_${label.replace(/\W/g, '_')}_${process.pid}`;
  const url = DATABASE_URL!.replace(/\/[^/?]+(\?|$)/, `/${name}$1`);
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: DATABASE_URL });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  const storage = await openPgServeStorage(url, { maxConnections: 2 });
  const keys = new Map<string, string>();
  for (const org of filers)
    keys.set(org, (await createApiKey(storage.data, { org, role: 'filer' }, BENCH_ACTOR, 'now')).key);
  await storage.close();
  return {
    keys,
    serveArgs: ['--database-url', url],
    stored: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        return Number((await c.query('SELECT count(*) AS n FROM filing_state')).rows[0].n);
      } finally {
        await c.end();
      }
    },
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** `minimis serve` in a child process; resolves with its URL once it listens. */
function serve(store: RunStore): Promise<{ child: ChildProcess; url: string }> {
  const script = `
    import { Command } from 'commander';
    import { registerServeCommand } from ${JSON.stringify(serveModule)};
    const program = new Command();
    registerServeCommand(program);
    await program.parseAsync(['node', 'minimis', ...process.argv.slice(1)]);`;
  const child = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      script,
      'serve',
      ...store.serveArgs,
      '--port',
      '0',
      '--rate-limit',
      '10000000',
      ...(WORKERS < 0 ? [] : ['--workers', String(WORKERS)]),
    ],
    { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return whenListening(child);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.on('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** `PROCESSES` servers on the store (the first one migrates; the others start once it has). */
async function servers(store: RunStore) {
  const first = await serve(store);
  const rest = await Promise.all(Array.from({ length: PROCESSES - 1 }, () => serve(store)));
  return [first, ...rest];
}

/** The `n`-th of `parts` even shares of `total` (at least 1). */
const share = (total: number, parts: number, n: number) =>
  Math.max(1, Math.floor(total / parts) + (n < total % parts ? 1 : 0));

async function singleRun(pool: Filing[], run: number) {
  const store = await freshStore(`single_${run}`, new Set(pool.map((f) => f.filer)));
  const procs = await servers(store);
  let i = 0;
  try {
    // One load generator per server process, the connections shared out between them.
    const results = await Promise.all(
      procs.map(({ url }, n) =>
        autocannon({
          url,
          connections: share(CONNECTIONS, procs.length, n),
          duration: SECONDS,
          requests: [
            {
              method: 'POST',
              path: '/v1/filings',
              setupRequest: (req) => {
                const f = pool[i++ % pool.length]!;
                return {
                  ...req,
                  body: f.body,
                  headers: {
                    'content-type': 'application/json',
                    authorization: `Bearer ${store.keys.get(f.filer)}`,
                  },
                };
              },
            },
          ],
        }),
      ),
    );
    const ok = results.reduce((n, r) => n + r['2xx'], 0);
    const duration = Math.max(...results.map((r) => r.duration));
    return {
      filingsPerSecond: Math.round(ok / duration),
      // Several generators: the median of their medians, the worst of their p99s.
      p50Ms: median(results.map((r) => r.latency.p50)),
      p99Ms: Math.max(...results.map((r) => r.latency.p99)),
      non2xx: results.reduce((n, r) => n + r.non2xx, 0),
      errors: results.reduce((n, r) => n + r.errors + r.timeouts, 0),
      sent: i,
    };
  } finally {
    for (const { child } of procs) await stop(child);
    const n = await store.stored();
    if (n < i * 0.9) process.stderr.write(`warning: run ${run}: ${n} stored of ${i} sent\n`);
    await store.drop();
  }
}

async function batchRun(pool: Filing[], run: number) {
  const store = await freshStore(`batch_${run}`, new Set(pool.map((f) => f.filer)));
  // One filer per body, as a filer's system would send them.
  const byFiler = new Map<string, string[]>();
  for (const f of pool) byFiler.set(f.filer, [...(byFiler.get(f.filer) ?? []), f.body]);
  const bodies: { filer: string; body: string }[] = [];
  for (const [filer, lines] of byFiler)
    for (let k = 0; k < lines.length; k += BATCH_LINES)
      bodies.push({ filer, body: `${lines.slice(k, k + BATCH_LINES).join('\n')}\n` });
  const procs = await servers(store);
  let i = 0;
  const started = performance.now();
  try {
    const results = await Promise.all(
      procs.map(({ url }, n) =>
        autocannon({
          url,
          connections: BATCH_CONNECTIONS,
          amount: share(bodies.length, procs.length, n),
          timeout: 120,
          requests: [
            {
              method: 'POST',
              path: '/v1/filings:batch',
              setupRequest: (req) => {
                const b = bodies[i++ % bodies.length]!;
                return {
                  ...req,
                  body: b.body,
                  headers: {
                    'content-type': 'application/x-ndjson',
                    authorization: `Bearer ${store.keys.get(b.filer)}`,
                  },
                };
              },
            },
          ],
        }),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    for (const { child } of procs) await stop(child);
    const n = await store.stored();
    return {
      filingsPerSecond: Math.round(n / seconds),
      filingsStored: n,
      filingsSent: pool.length,
      requests: results.reduce((k, r) => k + r['2xx'], 0),
      non2xx: results.reduce((k, r) => k + r.non2xx, 0),
      seconds: Number(seconds.toFixed(2)),
    };
  } finally {
    for (const { child } of procs) await stop(child);
    await store.drop();
  }
}

async function main(): Promise<void> {
  process.stderr.write(
    `Generating ${SINGLE_POOL.toLocaleString('en-US')} + ${BATCH_FILINGS.toLocaleString('en-US')} filings…\n`,
  );
  const single = filings(SINGLE_POOL, 21);
  const batch = filings(BATCH_FILINGS, 22);
  const singles = [];
  const batches = [];
  for (let run = 1; run <= RUNS; run++) {
    const s = await singleRun(single, run);
    process.stderr.write(`single run ${run}: ${JSON.stringify(s)}\n`);
    singles.push(s);
    const b = await batchRun(batch, run);
    process.stderr.write(`batch run ${run}: ${JSON.stringify(b)}\n`);
    batches.push(b);
  }
  const result = {
    node: process.version,
    store: DATABASE_URL === undefined ? 'sqlite' : 'postgres',
    processes: PROCESSES,
    runs: RUNS,
    workers: WORKERS < 0 ? 'default (cores - 1)' : WORKERS,
    cores: availableParallelism(),
    loadAverage: loadavg(),
    single: {
      connections: CONNECTIONS,
      seconds: SECONDS,
      filingsPerSecond: median(singles.map((s) => s.filingsPerSecond)),
      p50Ms: median(singles.map((s) => s.p50Ms)),
      p99Ms: median(singles.map((s) => s.p99Ms)),
      targets: { filingsPerSecond: 5000, p99Ms: 25 },
      runs: singles,
    },
    batch: {
      connections: BATCH_CONNECTIONS,
      linesPerBody: BATCH_LINES,
      filingsPerSecond: median(batches.map((b) => b.filingsPerSecond)),
      targets: { filingsPerSecond: 30000 },
      runs: batches,
    },
  };
  const out = DATABASE_URL === undefined ? 'serve-bench.json' : `serve-bench-pg-${PROCESSES}.json`;
  writeFileSync(join(dir, out), `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

await main();
