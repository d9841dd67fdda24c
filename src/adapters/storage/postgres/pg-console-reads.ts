import type pg from 'pg';
import type { Decision } from '../../../core/decision/index.js';
import type { VariantRow } from '../../../core/screen/index.js';
import {
  type ConsoleReads,
  type ConsoleRow,
  type DashboardRow,
  type DayVersion,
  decodeCursor,
  encodeCursor,
  type QueueFilter,
  type RowsPage,
} from '../server-data.js';
import { type ConsoleDbRow, toConsoleRow } from '../sqlite/sqlite-console-reads.js';
import { C } from './pg-server-data.js';

/**
 * The console's reads on PostgreSQL: the same answers as the SQLite queries. Bodies are stored as text and
 * read as `json` (parsed once per row through LATERAL); ids sort bytewise (COLLATE "C") as in SQLite, so
 * page cursors mean the same on both. Every value is a parameter.
 */
const ROWS = `
  SELECT * FROM (
    SELECT s.id, s.version, d.status, d.codes,
      j.d ->> 'lane' AS lane, (j.d #>> '{risk,score}')::float8 AS score,
      s.kind, s.mode, s.filer, s.broker, s.party_key, s.filed_at, s.filed_at_ms, s.value_cents,
      coalesce(c.port, j.v ->> 'portOfEntry') AS port,
      coalesce(j.v #>> '{lines,0,origin}', j.v #>> '{shipper,address,country}') AS origin,
      j.v #>> '{consignee,name}' AS consignee,
      j.d ->> 'arrivedAt' AS arrived_at
    FROM filing_state s
    JOIN decisions d ON d.filing_id = s.id AND d.version = s.version
    JOIN filing_versions v ON v.id = s.id AND v.version = s.version
    LEFT JOIN conveyances c ON c.conveyance_id = s.conveyance_id
    CROSS JOIN LATERAL (SELECT d.body::json AS d, v.body::json AS v) j
  ) r`;

export class PgConsoleReads implements ConsoleReads {
  constructor(private readonly pool: pg.Pool) {}

  async queue(f: QueueFilter, limit: number, after: string | undefined): Promise<RowsPage> {
    const args: unknown[] = [[...f.statuses]];
    const where = ['r.status = ANY($1::text[])'];
    const p = (v: unknown) => {
      args.push(v);
      return `$${args.length}`;
    };
    const eq = (col: string, v: string | undefined) => {
      if (v !== undefined && v !== '') where.push(`r.${col} = ${p(v)}`);
    };
    eq('lane', f.lane);
    eq('port', f.port);
    eq('filer', f.filer);
    eq('origin', f.origin);
    // Codes are stored space-separated; matching whole words keeps 4M from matching 4MX.
    if (f.code !== undefined && f.code !== '')
      where.push(`strpos(' ' || r.codes || ' ', ' ' || ${p(f.code)}::text || ' ') > 0`);
    const c = decodeCursor(after);
    if (c !== undefined) {
      const n = p(c.n);
      where.push(
        `(coalesce(r.score, -1) < ${n}::float8 OR (coalesce(r.score, -1) = ${n}::float8 AND ${C('r.id')} > ${p(c.id)}))`,
      );
    }
    const { rows } = await this.pool.query<ConsoleDbRow>(
      `${ROWS} WHERE ${where.join(' AND ')} ORDER BY coalesce(r.score, -1) DESC, ${C('r.id')} LIMIT ${p(limit)}`,
      args,
    );
    const last = rows.length === limit ? rows.at(-1) : undefined;
    return {
      rows: rows.map(toConsoleRow),
      next: last === undefined ? null : encodeCursor(last.score ?? -1, last.id),
    };
  }

  async filings(org: string | undefined, limit: number, after: string | undefined): Promise<RowsPage> {
    const args: unknown[] = [];
    const where: string[] = [];
    const p = (v: unknown) => {
      args.push(v);
      return `$${args.length}`;
    };
    if (org !== undefined) {
      const o = p(org);
      where.push(`(r.filer = ${o} OR r.broker = ${o})`);
    }
    const c = decodeCursor(after);
    if (c !== undefined) {
      const n = p(c.n);
      where.push(
        `(r.filed_at_ms < ${n}::bigint OR (r.filed_at_ms = ${n}::bigint AND ${C('r.id')} > ${p(c.id)}))`,
      );
    }
    const { rows } = await this.pool.query<ConsoleDbRow>(
      `${ROWS} ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`}
       ORDER BY r.filed_at_ms DESC, ${C('r.id')} LIMIT ${p(limit)}`,
      args,
    );
    const last = rows.length === limit ? rows.at(-1) : undefined;
    return {
      rows: rows.map(toConsoleRow),
      next: last === undefined ? null : encodeCursor(last.filed_at_ms, last.id),
    };
  }

  async partyFilings(partyKey: string): Promise<ConsoleRow[]> {
    const { rows } = await this.pool.query<ConsoleDbRow>(
      `${ROWS} WHERE r.party_key = $1 ORDER BY r.filed_at_ms, ${C('r.id')} LIMIT 1000`,
      [partyKey],
    );
    return rows.map(toConsoleRow);
  }

  async partyVariants(partyKey: string): Promise<VariantRow[]> {
    const { rows } = await this.pool.query('SELECT * FROM party_variants WHERE party_key = $1 ORDER BY ord', [
      partyKey,
    ]);
    return rows.map((r) => ({
      addressKey: r.address_key,
      nameKey: r.name_key,
      raw: r.raw,
      partyKey: r.party_key,
      match: r.match,
      reason: r.reason,
    }));
  }

  async filedBody(id: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ body: string }>(
      `SELECT v.body FROM filing_state s JOIN filing_versions v ON v.id = s.id AND v.version = s.version
       WHERE s.id = $1`,
      [id],
    );
    return rows[0]?.body;
  }

  async consigneeDay(partyKey: string, day: string): Promise<{ decision: Decision; filedAtMs: number }[]> {
    const { rows } = await this.pool.query<{ body: string; filed_at_ms: number }>(
      `SELECT d.body, s.filed_at_ms FROM filing_state s
       JOIN decisions d ON d.filing_id = s.id AND d.version = s.version
       WHERE s.party_key = $1 AND d.body::json #>> '{party,day}' = $2`,
      [partyKey, day],
    );
    return rows.map((r) => ({ decision: JSON.parse(r.body) as Decision, filedAtMs: r.filed_at_ms }));
  }

  async sharedAddress(addressKey: string, exceptParty: string) {
    const { rows } = await this.pool.query<{ partyKey: string; names: string[]; filings: number }>(
      `SELECT pv.party_key AS "partyKey", json_agg(pv.raw ORDER BY pv.ord) AS names,
         (SELECT count(*) FROM filing_state s WHERE s.party_key = pv.party_key) AS filings
       FROM party_variants pv WHERE pv.address_key = $1 AND pv.party_key <> $2
       GROUP BY pv.party_key ORDER BY ${C('pv.party_key')} LIMIT 100`,
      [addressKey, exceptParty],
    );
    return rows;
  }

  async dashboardRows(): Promise<DashboardRow[]> {
    // Grouped here, days included: PostgreSQL knows U.S. Eastern time (America/New_York).
    const et = (t: string) => `to_char((${t}) AT TIME ZONE 'America/New_York', 'YYYY-MM-DD')`;
    const { rows } = await this.pool.query<DashboardRow>(
      `SELECT s.kind, s.mode, s.filer, s.broker, d.status,
         coalesce(j.d ->> 'lane', 'unassigned') AS lane,
         coalesce(j.v #>> '{lines,0,origin}', j.v #>> '{shipper,address,country}') AS origin,
         nullif(j.d #>> '{case,disposition}', 'released') AS disposition,
         CASE WHEN j.d #>> '{case,disposition}' = 'seized' THEN j.v #>> '{lines,0,hts}' END AS hts,
         coalesce(${et("(j.d ->> 'arrivedAt')::timestamptz")}, s.eda_day, ${et('to_timestamp(s.filed_at_ms / 1000.0)')}) AS day,
         count(*)::int AS n
       FROM filing_state s
       JOIN decisions d ON d.filing_id = s.id AND d.version = s.version
       JOIN filing_versions v ON v.id = s.id AND v.version = s.version
       CROSS JOIN LATERAL (SELECT d.body::json AS d, v.body::json AS v) j
       GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`,
    );
    return rows;
  }

  async datasets(): Promise<{ day: string; filings: number }[]> {
    const { rows } = await this.pool.query<{ day: string; filings: number }>(
      `SELECT eda_day AS day, count(*) AS filings FROM filing_state WHERE eda_day IS NOT NULL
       GROUP BY eda_day ORDER BY ${C('eda_day')}`,
    );
    return rows;
  }

  async dayCount(day: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(
      'SELECT count(*) AS n FROM filing_state WHERE eda_day = $1',
      [day],
    );
    return rows[0]?.n ?? 0;
  }

  async dayVersions(day: string): Promise<DayVersion[]> {
    const { rows } = await this.pool.query<{ body: string; cancelled: boolean; id: string; current: number }>(
      `SELECT v.body, s.cancelled, s.id, s.version AS current FROM filing_state s
       JOIN filing_versions v ON v.id = s.id WHERE s.eda_day = $1 ORDER BY v.seq`,
      [day],
    );
    return rows;
  }

  async dayArrivals(day: string) {
    const { rows } = await this.pool.query<{ conveyance_id: string; arrived_at: string; port: string }>(
      `SELECT c.conveyance_id, c.arrived_at, c.port FROM conveyances c
       WHERE c.conveyance_id IN (SELECT DISTINCT conveyance_id FROM filing_state WHERE eda_day = $1)
       ORDER BY c.arrived_at_ms, ${C('c.conveyance_id')}`,
      [day],
    );
    return rows.map((r) => ({ conveyanceId: r.conveyance_id, arrivedAt: r.arrived_at, port: r.port }));
  }
}
