/**
 * `npm run bench:console`: how long the web console's reads take on a large store, through `minimis serve`.
 *   - GET /v1/dashboard (the analysts' dashboard, every stored filing aggregated),
 *   - GET /v1/queue, first page of 1,000 and every page of 5,000 as the console loads it (held and withheld),
 *   - GET /v1/filings?limit=500 with the busiest filer's key (its own filings, newest first),
 *   - GET /v1/cases?limit=500 with that key (its document requests), GET /v1/audit/search?limit=50.
 * The store is built once with the CLI (`minimis generate` then `minimis screen`) into
 * bench-out/console/<filings>.db and reused by later runs; `--db FILE` measures an existing store instead.
 * `minimis serve` runs in a child process; each request is timed from this one (wall clock, loopback):
 * the first (cold) request and the median of `--runs` more. The dashboard keeps its groups until the store
 * changes, so it is timed twice: as it comes (repeated views of an idle store) and with a change before each.
 * JSON on stdout and in bench-out/console-bench.json.
 * Usage: node dist/bench/console-bench.js [--filings 1000000] [--runs 5] [--db FILE] [--cli dist/src/cli/main.js]
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? undefined : args[i + 1];
};
const FILINGS = Number(opt('filings') ?? 1_000_000);
const RUNS = Number(opt('runs') ?? 5);
/** `--cli FILE`: measure another build of `minimis` (e.g. an older commit's) on the same store. */
const cli = opt('cli') ?? fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const out = join(process.cwd(), 'bench-out');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function run(argv: string[]): void {
  const r = spawnSync(process.execPath, [cli, ...argv], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`minimis ${argv.join(' ')} exited ${r.status}`);
}

/** The store to measure: --db, or one built (once) from a generated day of --filings. */
function store(): string {
  const given = opt('db');
  if (given !== undefined) return given;
  const dir = join(out, 'console');
  mkdirSync(dir, { recursive: true });
  const db = join(dir, `${FILINGS}.db`);
  if (existsSync(db) && existsSync(`${db}.done`)) return db;
  for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  const day = join(dir, `${FILINGS}.ndjson`);
  process.stderr.write(`building a store of ${FILINGS.toLocaleString('en-US')} filings in ${db}…\n`);
  run(['generate', '--filings', String(FILINGS), '--seed', '7', '--out', day]);
  run(['screen', day, '--db', db, '--no-progress']);
  rmSync(day, { force: true });
  writeFileSync(`${db}.done`, '');
  return db;
}

function startServer(db: string): Promise<{ child: ChildProcess; url: string; startMs: number }> {
  const t0 = performance.now();
  // The engine keeps the state of every stored filing in memory (README, Limits): a million need more than
  // Node's default heap, as for `npm run demo`.
  const child = spawn(
    process.execPath,
    ['--max-old-space-size=16384', cli, 'serve', '--db', db, '--port', '0', '--rate-limit', '100000'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return new Promise((ok, fail) => {
    let err = '';
    child.stderr!.on('data', (b: Buffer) => {
      err += b.toString();
      const m = /listening on (http:\/\/\S+?)[ ,]/.exec(err);
      if (m !== null) ok({ child, url: m[1]!, startMs: performance.now() - t0 });
    });
    child.on('exit', (code) => fail(new Error(`minimis serve exited ${code}: ${err}`)));
  });
}

async function get(url: string, key: string): Promise<{ ms: number; body: unknown; bytes: number }> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
  const text = await res.text();
  const ms = performance.now() - t0;
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${text.slice(0, 300)}`);
  return { ms, body: JSON.parse(text), bytes: text.length };
}

/** Every page of a cursor-paged list, as the console's `allPages` reads it. */
async function allPages(url: string, key: string): Promise<{ ms: number; rows: number }> {
  const t0 = performance.now();
  let after: string | null = null;
  let rows = 0;
  do {
    const page = (await get(`${url}${after === null ? '' : `&after=${encodeURIComponent(after)}`}`, key))
      .body as { rows: unknown[]; next: string | null };
    rows += page.rows.length;
    after = page.next;
  } while (after !== null);
  return { ms: performance.now() - t0, rows };
}

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  const db = store();
  // Read-only here, and keys made by the build measured: opening the store with this build's SqliteStore
  // would apply this build's migrations to it.
  const ro = new Database(db, { readonly: true });
  const { filings, filer } = ro
    .prepare(
      `SELECT (SELECT count(*) FROM filing_state) AS filings,
        (SELECT filer FROM filing_state GROUP BY filer ORDER BY count(*) DESC LIMIT 1) AS filer`,
    )
    .get() as { filings: number; filer: string };
  ro.close();
  const key = (org: string, role: string) => {
    const r = spawnSync(
      process.execPath,
      [cli, 'serve', 'keys', 'create', '--org', org, '--role', role, '--db', db],
      {
        encoding: 'utf8',
      },
    );
    const k = /^mm_\S+$/m.exec(r.stdout)?.[0];
    if (r.status !== 0 || k === undefined) throw new Error(`minimis serve keys create: ${r.stderr}`);
    return k;
  };
  const t0 = performance.now();
  const analyst = key('CBP', 'analyst');
  // The first command on the store applies the build's migrations (the console's indexes, once).
  const migrateMs = performance.now() - t0;
  const filerKey = key(filer, 'filer');
  const admin = key('CBP', 'admin');

  const { child, url, startMs } = await startServer(db);
  try {
    const measures: Record<string, { coldMs: number; medianMs: number; detail: string }> = {};
    const time = async (name: string, once: () => Promise<{ ms: number; detail: string }>) => {
      const cold = await once();
      const warm: number[] = [];
      for (let i = 0; i < RUNS; i++) warm.push((await once()).ms);
      measures[name] = {
        coldMs: Math.round(cold.ms),
        medianMs: Math.round(median(warm)),
        detail: cold.detail,
      };
      process.stderr.write(
        `${name}: cold ${Math.round(cold.ms)} ms, median ${Math.round(median(warm))} ms\n`,
      );
    };
    await time('dashboard', async () => {
      const r = await get(`${url}/v1/dashboard`, analyst);
      return { ms: r.ms, detail: `${(r.body as { filings: number }).filings} filings aggregated` };
    });
    // The same after each change to the store (here: a key made through the API, between the timings).
    await time('dashboard, store changed before each', async () => {
      const made = await fetch(`${url}/v1/keys`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({ org: 'BENCH', role: 'analyst', label: 'bench: a change' }),
      });
      if (made.status !== 201) throw new Error(`POST /v1/keys: ${made.status}`);
      const r = await get(`${url}/v1/dashboard`, analyst);
      return { ms: r.ms, detail: `${(r.body as { filings: number }).filings} filings aggregated` };
    });
    await time('queue first page (1,000)', async () => {
      const r = await get(`${url}/v1/queue?limit=1000`, analyst);
      return { ms: r.ms, detail: `${(r.body as { rows: unknown[] }).rows.length} rows` };
    });
    await time('queue, every page (5,000 each)', async () => {
      const r = await allPages(`${url}/v1/queue?limit=5000`, analyst);
      return { ms: r.ms, detail: `${r.rows} held and withheld rows` };
    });
    await time(`filer's filings (500, ${filer})`, async () => {
      const r = await get(`${url}/v1/filings?limit=500`, filerKey);
      return { ms: r.ms, detail: `${(r.body as { rows: unknown[] }).rows.length} rows` };
    });
    await time(`filer's cases (500, ${filer})`, async () => {
      const r = await get(`${url}/v1/cases?limit=500`, filerKey);
      return { ms: r.ms, detail: `${(r.body as { cases: unknown[] }).cases.length} cases` };
    });
    await time('audit log search (50)', async () => {
      const r = await get(`${url}/v1/audit/search?limit=50&action=key.`, admin);
      return { ms: r.ms, detail: `${(r.body as { entries: unknown[] }).entries.length} entries` };
    });
    const result = {
      at: new Date().toISOString(),
      filings,
      storeBytes: statSync(db).size,
      firstCommandMs: Math.round(migrateMs),
      serverStartMs: Math.round(startMs),
      runs: RUNS,
      cores: availableParallelism(),
      loadAverage: loadavg()[0],
      measures,
    };
    writeFileSync(join(out, 'console-bench.json'), `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    child.kill('SIGTERM');
  }
}

await main();
