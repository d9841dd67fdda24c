import type { Database } from 'better-sqlite3';
import type { Decision } from '../core/decision/index.js';

/**
 * The console's read queries over the screening tables. Only parameterized SQL: filter values never reach
 * the statement text; the one dynamic part is the number of `?` in an IN list.
 */

export interface ConsoleRow {
  readonly filingId: string;
  readonly version: number;
  readonly status: Decision['status'];
  readonly codes: string[];
  readonly lane: string;
  readonly score: number | null;
  readonly kind: string;
  readonly mode: string;
  readonly filer: string;
  readonly broker: string | null;
  readonly port: string | null;
  readonly origin: string | null;
  readonly consignee: string | null;
  readonly valueUsd: number | null;
  readonly filedAt: string;
  readonly arrivedAt: string | null;
}

interface DbRow {
  id: string;
  version: number;
  status: Decision['status'];
  codes: string;
  lane: string | null;
  score: number | null;
  kind: string;
  mode: string;
  filer: string;
  broker: string | null;
  port: string | null;
  origin: string | null;
  consignee: string | null;
  value_cents: number | null;
  filed_at: string;
  filed_at_ms: number;
  arrived_at: string | null;
}

/** The current version of every filing with what the console lists; filter it as `r`. */
const ROWS = `
  SELECT * FROM (
    SELECT s.id, s.version, d.status, d.codes,
      json_extract(d.body, '$.lane') AS lane, json_extract(d.body, '$.risk.score') AS score,
      s.kind, s.mode, s.filer, s.broker, s.party_key, s.filed_at, s.filed_at_ms, s.value_cents,
      coalesce(c.port, json_extract(v.body, '$.portOfEntry')) AS port,
      coalesce(json_extract(v.body, '$.lines[0].origin'), json_extract(v.body, '$.shipper.address.country')) AS origin,
      json_extract(v.body, '$.consignee.name') AS consignee,
      json_extract(d.body, '$.arrivedAt') AS arrived_at
    FROM filing_state s
    JOIN decisions d ON d.filing_id = s.id AND d.version = s.version
    JOIN filing_versions v ON v.id = s.id AND v.version = s.version
    LEFT JOIN conveyances c ON c.conveyance_id = s.conveyance_id
  ) r`;

const toRow = (r: DbRow): ConsoleRow => ({
  filingId: r.id,
  version: r.version,
  status: r.status,
  codes: r.codes === '' ? [] : r.codes.split(' '),
  lane: r.lane ?? 'unassigned',
  score: r.score,
  kind: r.kind,
  mode: r.mode,
  filer: r.filer,
  broker: r.broker,
  port: r.port,
  origin: r.origin,
  consignee: r.consignee,
  valueUsd: r.value_cents === null ? null : r.value_cents / 100,
  filedAt: r.filed_at,
  arrivedAt: r.arrived_at,
});

export interface QueueFilter {
  readonly statuses: readonly string[];
  readonly lane?: string | undefined;
  readonly code?: string | undefined;
  readonly port?: string | undefined;
  readonly filer?: string | undefined;
  readonly origin?: string | undefined;
}

/** A page cursor: the last row's sort key, so a page never repeats or skips a row while data is added. */
const encode = (n: number, id: string) => `${n}|${id}`;
function decode(cursor: string | undefined): { n: number; id: string } | undefined {
  if (cursor === undefined) return undefined;
  const bar = cursor.indexOf('|');
  const n = Number(cursor.slice(0, bar));
  return bar < 0 || !Number.isFinite(n) ? undefined : { n, id: cursor.slice(bar + 1) };
}
export const validCursor = (cursor: string | undefined): boolean =>
  cursor === undefined || decode(cursor) !== undefined;

export class ConsoleQueries {
  constructor(private readonly db: Database) {}

  /** Shipments by risk score, highest first (no score last), then id. */
  queue(
    f: QueueFilter,
    limit: number,
    after: string | undefined,
  ): { rows: ConsoleRow[]; next: string | null } {
    const where = [`r.status IN (${f.statuses.map(() => '?').join(',')})`];
    const args: unknown[] = [...f.statuses];
    const eq = (col: string, v: string | undefined) => {
      if (v === undefined || v === '') return;
      where.push(`r.${col} = ?`);
      args.push(v);
    };
    eq('lane', f.lane);
    eq('port', f.port);
    eq('filer', f.filer);
    eq('origin', f.origin);
    if (f.code !== undefined && f.code !== '') {
      // Codes are stored space-separated; matching whole words keeps 4M from matching 4MX.
      where.push("instr(' ' || r.codes || ' ', ' ' || ? || ' ') > 0");
      args.push(f.code);
    }
    const c = decode(after);
    if (c !== undefined) {
      where.push('(coalesce(r.score, -1) < ? OR (coalesce(r.score, -1) = ? AND r.id > ?))');
      args.push(c.n, c.n, c.id);
    }
    const rows = this.db
      .prepare(`${ROWS} WHERE ${where.join(' AND ')} ORDER BY coalesce(r.score, -1) DESC, r.id LIMIT ?`)
      .all(...args, limit) as DbRow[];
    const last = rows.length === limit ? rows.at(-1) : undefined;
    return { rows: rows.map(toRow), next: last === undefined ? null : encode(last.score ?? -1, last.id) };
  }

  /** Filings newest first; `org` limits them to those the organization files or brokers. */
  filings(org: string | undefined, limit: number, after: string | undefined) {
    const where: string[] = [];
    const args: unknown[] = [];
    if (org !== undefined) {
      where.push('(r.filer = ? OR r.broker = ?)');
      args.push(org, org);
    }
    const c = decode(after);
    if (c !== undefined) {
      where.push('(r.filed_at_ms < ? OR (r.filed_at_ms = ? AND r.id > ?))');
      args.push(c.n, c.n, c.id);
    }
    const rows = this.db
      .prepare(
        `${ROWS} ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`} ORDER BY r.filed_at_ms DESC, r.id LIMIT ?`,
      )
      .all(...args, limit) as DbRow[];
    const last = rows.length === limit ? rows.at(-1) : undefined;
    return { rows: rows.map(toRow), next: last === undefined ? null : encode(last.filed_at_ms, last.id) };
  }

  /** Every filing of a consignee group, in filing order. */
  partyFilings(partyKey: string): ConsoleRow[] {
    return (
      this.db
        .prepare(`${ROWS} WHERE r.party_key = ? ORDER BY r.filed_at_ms, r.id LIMIT 1000`)
        .all(partyKey) as DbRow[]
    ).map(toRow);
  }

  /** The filed record of a filing's current version. */
  filedBody(id: string): string | undefined {
    const r = this.db
      .prepare(
        'SELECT v.body FROM filing_state s JOIN filing_versions v ON v.id = s.id AND v.version = s.version WHERE s.id = ?',
      )
      .get(id) as { body: string } | undefined;
    return r?.body;
  }

  /**
   * The current decisions of a consignee group's day, in manifest order: the arrival instant, then filing
   * time (the order the $800 check ran in), filings not yet arrived last.
   */
  consigneeDay(partyKey: string, day: string): { decision: Decision; filedAtMs: number }[] {
    const rows = this.db
      .prepare(
        `SELECT d.body, s.filed_at_ms FROM filing_state s
         JOIN decisions d ON d.filing_id = s.id AND d.version = s.version
         WHERE s.party_key = ? AND json_extract(d.body, '$.party.day') = ?`,
      )
      .all(partyKey, day) as { body: string; filed_at_ms: number }[];
    const out = rows.map((r) => ({ decision: JSON.parse(r.body) as Decision, filedAtMs: r.filed_at_ms }));
    const arrived = (d: Decision) =>
      d.arrivedAt === null ? Number.POSITIVE_INFINITY : Date.parse(d.arrivedAt);
    return out.sort(
      (a, b) =>
        arrived(a.decision) - arrived(b.decision) ||
        a.filedAtMs - b.filedAtMs ||
        a.decision.filingId.localeCompare(b.decision.filingId),
    );
  }

  /** Other consignee groups at a delivery point, with their names and how many filings each has. */
  sharedAddress(addressKey: string, exceptParty: string) {
    const rows = this.db
      .prepare(
        `SELECT pv.party_key AS partyKey, json_group_array(pv.raw) AS names,
           (SELECT count(*) FROM filing_state s WHERE s.party_key = pv.party_key) AS filings
         FROM party_variants pv WHERE pv.address_key = ? AND pv.party_key <> ?
         GROUP BY pv.party_key ORDER BY pv.party_key LIMIT 100`,
      )
      .all(addressKey, exceptParty) as { partyKey: string; names: string; filings: number }[];
    return rows.map((r) => ({ ...r, names: JSON.parse(r.names) as string[] }));
  }
}
