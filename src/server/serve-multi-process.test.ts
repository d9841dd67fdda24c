import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicies, policyByName } from '../adapters/policy/load-policies.js';
import { loadDefaultReferenceData } from '../adapters/refdata/default-reference-data.js';
import { DEFAULT_RULES, loadTargeting } from '../adapters/risk/load-targeting.js';
import { openPgServeStorage } from '../adapters/storage/postgres/pg-serve-storage.js';
import { PG_URL, pgAdmin } from '../adapters/storage/postgres/test-support/pg-test-db.js';
import { SqliteScreening } from '../adapters/storage/sqlite/sqlite-screening.js';
import type { Decision } from '../core/decision/index.js';
import { prepare, Screener } from '../core/screen/index.js';
import { MemorySink } from '../core/screen/test-support/memory-sink.js';
import { generateDay } from '../generate/index.js';
import { createApiKey } from './api-keys.js';
import { filingOf, pgReachable } from './test-support/harness.js';
import { builtCli, spawnServe } from './test-support/spawn-serve.js';

// Four `minimis serve` processes (the built command; npm test builds first) on one PostgreSQL database,
// sent interleaved filings, amendments, cancellations and arrivals of the same consignees concurrently.
const PROCESSES = 4;
const CLIENTS_PER_PROCESS = 4;
const POLICY = 'ace-2025-08-12';
const dbName = `minimis_t_serve_${process.pid}_${Date.now().toString(36)}`;
const url = PG_URL.replace(/\/[^/?]+(\?|$)/, `/${dbName}$1`);
const children: ChildProcess[] = [];
const reachable = await pgReachable();

beforeAll(async () => {
  if (reachable) await pgAdmin(`CREATE DATABASE ${dbName}`);
});
afterAll(async () => {
  await Promise.all(
    children.map(
      (c) =>
        new Promise((r) => {
          if (c.exitCode !== null) return r(undefined);
          c.once('exit', r);
          c.kill('SIGTERM');
        }),
    ),
  );
  if (reachable) await pgAdmin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
});

async function serve(): Promise<string> {
  const { child, url: at } = await spawnServe([
    '--database-url',
    url,
    '--port',
    '0',
    '--no-hts',
    '--no-tariffs',
    '--policy',
    POLICY,
    '--workers',
    '0',
    '--rate-limit',
    '1000000',
  ]);
  children.push(child);
  return at;
}

type Rec = { type: string; id?: string; filer?: { code: string }; conveyanceId?: string };

async function post(base: string, key: string, body: string): Promise<{ status: number; code?: string }> {
  const r = await fetch(`${base}/v1/filings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body,
  });
  const json = (await r.json()) as { error?: { code: string } };
  return { status: r.status, ...(json.error === undefined ? {} : { code: json.error.code }) };
}

describe.skipIf(!reachable || !existsSync(builtCli))(
  'several `minimis serve` processes on one PostgreSQL',
  () => {
    it('keep every decision, 4M and definitive $800 total exactly as one engine reading the records in order', async () => {
      // A generated day: filings dealt to the processes by filing id (so one consignee's filings go through
      // different processes), amendments and cancellations through another process than their filing,
      // arrivals round-robin. A record is sent once every earlier record of its filing is acknowledged, an
      // arrival once every earlier record of the file is (a carrier reports an arrival after the manifest
      // is filed); otherwise 16 clients send at once.
      const records = [...generateDay({ filings: 1200, seed: 5, day: '2025-08-20' }).records].map((r) => ({
        rec: r as unknown as Rec,
        text: JSON.stringify(r),
      }));
      const storage = await openPgServeStorage(url, { maxConnections: 2 });
      const keys = new Map<string, string>();
      const actor = { actor: 'test', org: null, role: null };
      const at = new Date().toISOString();
      for (const r of records)
        if (r.rec.type === 'filing' && !keys.has(r.rec.filer!.code))
          keys.set(
            r.rec.filer!.code,
            (await createApiKey(storage.data, { org: r.rec.filer!.code, role: 'filer' }, actor, at)).key,
          );
      const officer = (await createApiKey(storage.data, { org: 'CBP', role: 'officer' }, actor, at)).key;
      const race = [
        (await createApiKey(storage.data, { org: 'RACEA', role: 'filer' }, actor, at)).key,
        (await createApiKey(storage.data, { org: 'RACEB', role: 'filer' }, actor, at)).key,
      ];
      await storage.close();
      const urls = await Promise.all(Array.from({ length: PROCESSES }, serve));

      const filerOf = new Map<string, string>();
      const acked = new Array<boolean>(records.length).fill(false);
      const lastOf = new Map<string, number>();
      const arrivalOf = new Map<string, number>();
      const deps = records.map((r, i) => {
        if (r.rec.type === 'arrival') {
          arrivalOf.set(r.rec.conveyanceId!, i);
          return { all: i, same: -1, arrival: -1 };
        }
        const same = lastOf.get(r.rec.id!) ?? -1;
        lastOf.set(r.rec.id!, i);
        if (r.rec.type === 'filing') filerOf.set(r.rec.id!, r.rec.filer!.code);
        // Filed after its conveyance arrived (late): only once that arrival is acknowledged.
        const arrival = r.rec.conveyanceId === undefined ? -1 : (arrivalOf.get(r.rec.conveyanceId) ?? -1);
        return { all: -1, same, arrival };
      });
      let ackedPrefix = 0;
      let next = 0;
      let arrivals = 0;
      const outcomes = new Map<string, number>();
      let wake: () => void = () => undefined;
      let progress = new Promise<void>((r) => {
        wake = r;
      });
      const ready = (i: number) => {
        const d = deps[i]!;
        return (
          (d.same < 0 || acked[d.same]) &&
          (d.arrival < 0 || acked[d.arrival]) &&
          (d.all < 0 || ackedPrefix >= d.all)
        );
      };
      const client = async () => {
        for (;;) {
          if (next >= records.length) return;
          if (!ready(next)) {
            await progress;
            continue;
          }
          const i = next++;
          const { rec, text } = records[i]!;
          const h = hash(rec.id ?? `${arrivals++}`);
          const target =
            rec.type === 'arrival'
              ? urls[h % PROCESSES]!
              : urls[(h + (rec.type === 'filing' ? 0 : 1)) % PROCESSES]!;
          const key = rec.type === 'arrival' ? officer : keys.get(filerOf.get(rec.id!)!)!;
          const out = await post(target, key, text);
          const k = `${rec.type} ${out.status}${out.code === undefined ? '' : ` ${out.code}`}`;
          outcomes.set(k, (outcomes.get(k) ?? 0) + 1);
          acked[i] = true;
          while (ackedPrefix < records.length && acked[ackedPrefix]) ackedPrefix++;
          const w = wake;
          progress = new Promise<void>((r) => {
            wake = r;
          });
          w();
        }
      };
      // Meanwhile two filers race for the same new filing ids through different processes.
      const racing = Array.from({ length: 20 }, async (_, n) => {
        const id = `RACE${n}`;
        const [a, b] = await Promise.all([
          post(urls[n % PROCESSES]!, race[0]!, JSON.stringify(filingOf('RACEA', id))),
          post(urls[(n + 1) % PROCESSES]!, race[1]!, JSON.stringify(filingOf('RACEB', id))),
        ]);
        return [a, b];
      });
      await Promise.all(Array.from({ length: PROCESSES * CLIENTS_PER_PROCESS }, client));
      const raced = await Promise.all(racing);

      // Every record was acknowledged (201, or 200 for an arrival); the engine refused none of this day's.
      expect(Object.fromEntries(outcomes)).toEqual({
        [`filing 201`]: records.filter((r) => r.rec.type === 'filing').length,
        [`amendment 201`]: records.filter((r) => r.rec.type === 'amendment').length,
        [`cancellation 200`]: records.filter((r) => r.rec.type === 'cancellation').length,
        [`arrival 200`]: records.filter((r) => r.rec.type === 'arrival').length,
      });
      // One id, one owner: of two filers sending it at once to different processes, exactly one gets it.
      for (const pair of raced)
        expect(pair.map((x) => `${x.status} ${x.code ?? ''}`).sort()).toEqual([
          '201 ',
          '409 FILING_ID_TAKEN',
        ]);

      const c = new pg.Client({ connectionString: url });
      await c.connect();
      let log: { line: number; body: string; source: string }[];
      let stored: Decision[];
      try {
        log = (await c.query("SELECT line, body, source FROM screen_log WHERE kind = 'record' ORDER BY seq"))
          .rows;
        stored = (
          await c.query(
            `SELECT d.body FROM filing_state s JOIN decisions d ON d.filing_id = s.id AND d.version = s.version
           ORDER BY s.seq`,
          )
        ).rows.map((r: { body: string }) => JSON.parse(r.body) as Decision);
      } finally {
        await c.end();
      }
      // The processes really interleaved, and only what was acknowledged is in the log (race losers are not).
      const switches = log.filter((r, i) => i > 0 && r.source !== log[i - 1]!.source).length;
      expect(new Set(log.map((r) => r.source)).size).toBe(PROCESSES);
      expect(switches).toBeGreaterThan(PROCESSES * 10);
      expect(log).toHaveLength(records.length + raced.length);

      // Oracle 1: one engine applying the global log in order decides every version exactly as stored.
      const ref = loadDefaultReferenceData({ riskRules: DEFAULT_RULES() });
      const policy = policyByName(POLICY, loadPolicies()).policy;
      const targeting = loadTargeting();
      const oracle = new Screener(policy, targeting);
      const sink = new MemorySink();
      for (const r of log) oracle.apply(prepare(JSON.parse(r.body), r.line, ref, r.body), sink);
      const expected = new Map([...sink.decisions.values()].map((d) => [`${d.filingId}#${d.version}`, d]));
      expect(stored.length).toBe(1200 + raced.length);
      for (const d of stored) expect(d).toEqual(expected.get(`${d.filingId}#${d.version}`));
      expect(stored.filter((d) => d.status === 'withheld').length).toBeGreaterThan(0);
      expect(stored.filter((d) => d.lane !== 'unassigned').length).toBeGreaterThan(1000);

      // Oracle 2: one process screening the day's records in file order: the same 4M withholds and the same
      // definitive (at-arrival) totals of every consignee-day, whatever order the processes applied them in.
      const single = SqliteScreening.open(':memory:', policy, ref, targeting);
      await single.submit(
        records.map((r, i) => ({ value: JSON.parse(r.text), line: i + 1, text: r.text })),
        'day',
      );
      const byId = new Map((await single.currentDecisions()).map((d) => [d.filingId, d]));
      await single.close();
      // Lanes may differ with the order (first-seen shippers, rolling windows), so a hold counts as a release.
      const arrived = (st: Decision['status']) => (st === 'held' ? 'released' : st);
      const definitive = (d: Decision) =>
        d.status === 'withheld' || arrived(d.status) === 'released' ? d.party?.totalUsd : undefined;
      let compared = 0;
      for (const d of stored) {
        if (d.filingId.startsWith('RACE')) continue;
        const s = byId.get(d.filingId)!;
        expect([d.filingId, arrived(d.status), definitive(d)]).toEqual([
          s.filingId,
          arrived(s.status),
          definitive(s),
        ]);
        if (definitive(d) !== undefined) compared++;
      }
      expect(compared).toBeGreaterThan(1000);
    }, 120_000);
  },
);

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) >>> 0;
  return h;
}
