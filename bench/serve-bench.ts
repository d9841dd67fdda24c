/**
 * `npm run bench:serve`: load test of `minimis serve` on loopback, on a fresh on-disk SQLite store per run.
 *   - single: POST /v1/filings, one generated filing per request, by `--connections` clients for `--seconds`;
 *     filings/s acknowledged (2xx) and p50/p99 latency,
 *   - batch: POST /v1/filings:batch, NDJSON bodies of `--batch-lines` filings; filings/s acknowledged.
 * The server runs in a child process (as `minimis serve`), the load generator (autocannon) in this one.
 * Every filer code of the generated day gets its own filer key, and each filing is sent with its filer's key.
 * Medians of `--runs` runs, as JSON on stdout and in bench-out/serve-bench.json.
 * Usage: node dist/bench/serve-bench.js [--runs 3] [--seconds 10] [--connections 32] [--batch-filings 100000]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ServerStore } from '../src/adapters/storage/sqlite/server-store.js';
import { SqliteStore } from '../src/adapters/storage/sqlite/sqlite-store.js';
import { generateDay } from '../src/generate/index.js';
import { createKey } from '../src/server/index.js';

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

/** A fresh store with a filer key per filer code. */
function freshStore(db: string, filers: Iterable<string>): Map<string, string> {
  for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  const store = new SqliteStore(db);
  const keys = new Map<string, string>();
  const server = new ServerStore(store.db);
  for (const org of filers)
    keys.set(
      org,
      createKey(server, { org, role: 'filer' }, { actor: 'bench', org: null, role: null }, 'now').key,
    );
  store.close();
  return keys;
}

/** `minimis serve` in a child process; resolves with its URL once it listens. */
function serve(db: string): Promise<{ child: ChildProcess; url: string }> {
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
      '--db',
      db,
      '--port',
      '0',
      '--rate-limit',
      '10000000',
      ...(WORKERS < 0 ? [] : ['--workers', String(WORKERS)]),
    ],
    { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (c) => {
      err += c;
      const m = /listening on (http:\/\/\S+)/.exec(err);
      if (m !== null) resolve({ child, url: m[1]! });
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.on('exit', r));
  child.kill('SIGTERM');
  await exited;
}

function stored(db: string): number {
  const s = new SqliteStore(db);
  try {
    return s.count('filing_state');
  } finally {
    s.close();
  }
}

async function singleRun(pool: Filing[], run: number) {
  const db = join(dir, `serve-single-${run}.db`);
  const keys = freshStore(db, new Set(pool.map((f) => f.filer)));
  const { child, url } = await serve(db);
  let i = 0;
  try {
    const r = await autocannon({
      url,
      connections: CONNECTIONS,
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
              headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.get(f.filer)}` },
            };
          },
        },
      ],
    });
    return {
      filingsPerSecond: Math.round(r['2xx'] / r.duration),
      p50Ms: r.latency.p50,
      p99Ms: r.latency.p99,
      non2xx: r.non2xx,
      errors: r.errors + r.timeouts,
      sent: i,
    };
  } finally {
    await stop(child);
    const n = stored(db);
    if (n < i * 0.9) process.stderr.write(`warning: run ${run}: ${n} stored of ${i} sent\n`);
    for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  }
}

async function batchRun(pool: Filing[], run: number) {
  const db = join(dir, `serve-batch-${run}.db`);
  const keys = freshStore(db, new Set(pool.map((f) => f.filer)));
  // One filer per body, as a filer's system would send them.
  const byFiler = new Map<string, string[]>();
  for (const f of pool) byFiler.set(f.filer, [...(byFiler.get(f.filer) ?? []), f.body]);
  const bodies: { filer: string; body: string }[] = [];
  for (const [filer, lines] of byFiler)
    for (let k = 0; k < lines.length; k += BATCH_LINES)
      bodies.push({ filer, body: `${lines.slice(k, k + BATCH_LINES).join('\n')}\n` });
  const { child, url } = await serve(db);
  let i = 0;
  const started = performance.now();
  try {
    const r = await autocannon({
      url,
      connections: BATCH_CONNECTIONS,
      amount: bodies.length,
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
                authorization: `Bearer ${keys.get(b.filer)}`,
              },
            };
          },
        },
      ],
    });
    const seconds = (performance.now() - started) / 1000;
    await stop(child);
    const n = stored(db);
    return {
      filingsPerSecond: Math.round(n / seconds),
      filingsStored: n,
      filingsSent: pool.length,
      requests: r['2xx'],
      non2xx: r.non2xx,
      seconds: Number(seconds.toFixed(2)),
    };
  } finally {
    if (child.exitCode === null) await stop(child);
    for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
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
  writeFileSync(join(dir, 'serve-bench.json'), `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

await main();
