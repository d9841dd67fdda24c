import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Decision } from '../../../core/decision/index.js';
import { prepare, Screener } from '../../../core/screen/index.js';
import { MemorySink } from '../../../core/screen/test-support/memory-sink.js';
import { writeGeneratedDay } from '../../../generate/write.js';
import { loadPolicies, policyByName } from '../../policy/load-policies.js';
import { loadDefaultReferenceData } from '../../refdata/default-reference-data.js';
import { DEFAULT_RULES, loadTargeting } from '../../risk/load-targeting.js';
import { SqliteScreening } from '../sqlite/sqlite-screening.js';
import { PG_URL, pgAdmin } from './test-support/pg-test-db.js';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../../../dist/src/cli/main.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'minimis-multi-'));
const dbName = `minimis_t_multi_${process.pid}_${Date.now().toString(36)}`;
const url = PG_URL.replace(/\/[^/?]+(\?|$)/, `/${dbName}$1`);
const POLICY = 'ace-2025-08-12';
const PROCESSES = 4;

beforeAll(async () => {
  await pgAdmin(`CREATE DATABASE ${dbName}`);
});
afterAll(async () => {
  await pgAdmin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  rmSync(dir, { recursive: true, force: true });
});

const screen = (file: string, batch: number) =>
  run(
    process.execPath,
    [
      cli,
      'screen',
      file,
      '--policy',
      POLICY,
      '--no-hts',
      '--no-tariffs',
      '--json',
      '--batch-size',
      String(batch),
    ],
    { env: { ...process.env, MINIMIS_DATABASE_URL: url }, maxBuffer: 64 << 20 },
  );

describe('several minimis processes on one PostgreSQL', () => {
  it('keep every $800 total and 4M exactly as one process reading the same records in order', async () => {
    // A generated day with split orders, its filings dealt to four files by filing id (so an amendment or
    // cancellation stays behind its filing) and the arrivals kept for last: the four processes submit
    // filings of the same consignees, interleaved in small batches.
    const day = join(dir, 'day.ndjson');
    await writeGeneratedDay({ filings: 2400, seed: 11, day: '2025-08-20' }, day);
    const lines = readFileSync(day, 'utf8').split('\n').filter(Boolean);
    const parts: string[][] = Array.from({ length: PROCESSES }, () => []);
    const arrivals: string[] = [];
    for (const l of lines) {
      const r = JSON.parse(l) as { type: string; id?: string };
      if (r.type === 'arrival') arrivals.push(l);
      else parts[hash(r.id ?? '') % PROCESSES]!.push(l);
    }
    const files = parts.map((p, i) => {
      const f = join(dir, `part-${i}.ndjson`);
      writeFileSync(f, `${p.join('\n')}\n`);
      return f;
    });
    const arrivalsFile = join(dir, 'arrivals.ndjson');
    writeFileSync(arrivalsFile, `${arrivals.join('\n')}\n`);

    await Promise.all(files.map((f, i) => screen(f, 20 + i * 7)));
    await screen(arrivalsFile, 50);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    let stored: Decision[];
    let log: { line: number; body: string; source: string }[];
    try {
      log = (await client.query('SELECT line, body, source FROM screen_log ORDER BY seq')).rows;
      stored = (
        await client.query(
          `SELECT d.body FROM filing_state s JOIN decisions d ON d.filing_id = s.id AND d.version = s.version
           ORDER BY s.seq`,
        )
      ).rows.map((r: { body: string }) => JSON.parse(r.body) as Decision);
    } finally {
      await client.end();
    }
    // The processes really interleaved: the log switches source many times.
    const switches = log.filter((r, i) => i > 0 && r.source !== log[i - 1]!.source).length;
    expect(switches).toBeGreaterThan(PROCESSES * 2);
    expect(log).toHaveLength(lines.length);

    // Oracle: one engine applying the log in order.
    const ref = loadDefaultReferenceData({ riskRules: DEFAULT_RULES() });
    const policy = policyByName(POLICY, loadPolicies()).policy;
    const targeting = loadTargeting();
    const oracle = new Screener(policy, targeting);
    const sink = new MemorySink();
    for (const r of log) oracle.apply(prepare(JSON.parse(r.body), r.line, ref, r.body), sink);
    const expected = new Map([...sink.decisions.values()].map((d) => [`${d.filingId}#${d.version}`, d]));
    expect(stored.length).toBeGreaterThan(2000);
    for (const d of stored) expect(d).toEqual(expected.get(`${d.filingId}#${d.version}`));
    const withheld = stored.filter((d) => d.status === 'withheld');
    expect(withheld.length).toBeGreaterThan(0);

    // And the same 4M withholds and totals as one process screening the same records in file order
    // (filings first, arrivals last, as the processes submitted them).
    const single = SqliteScreening.open(':memory:', policy, ref, targeting);
    const inOrder = [...lines.filter((l) => !arrivals.includes(l)), ...arrivals];
    const records = inOrder.map((text, i) => ({ value: JSON.parse(text), line: i + 1, text }));
    await single.submit(records, day);
    const byId = new Map((await single.currentDecisions()).map((d) => [d.filingId, d]));
    await single.close();
    // Totals at filing are provisional and depend on what was filed before; at arrival they are definitive.
    // Lanes may differ with the order too (first-seen shippers, rolling windows, quotas), so a hold
    // counts as a release here.
    const arrived = (st: Decision['status']) => (st === 'held' ? 'released' : st);
    const definitive = (d: Decision) =>
      d.status === 'withheld' || arrived(d.status) === 'released' ? d.party?.totalUsd : undefined;
    for (const d of stored) {
      const s = byId.get(d.filingId)!;
      expect([d.filingId, arrived(d.status), definitive(d)]).toEqual([
        s.filingId,
        arrived(s.status),
        definitive(s),
      ]);
    }
    // Targeting ran in every process, on the same global order as the oracle.
    expect(stored.filter((d) => d.lane !== 'unassigned').length).toBeGreaterThan(2000);
  });
});

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) >>> 0;
  return h;
}
