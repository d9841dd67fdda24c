import type { Database } from 'better-sqlite3';
import type { Decision } from '../../../core/decision/index.js';
import type { VariantRow } from '../../../core/screen/index.js';
import { easternDay } from '../../../core/time/index.js';
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

/**
 * The console's read queries over the screening tables, on SQLite. Only parameterized SQL: filter values
 * never reach the statement text; the one dynamic part is the number of `?` in an IN list.
 */

export interface ConsoleDbRow {
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
      json_extract(d.body, '$.lane') AS lane, CASE WHEN d.risk_id IS NULL THEN json_extract(d.body, '$.risk.score') ELSE json_extract(ro.body, '$.score') END AS score,
      s.kind, s.mode, s.filer, s.broker, s.party_key, s.filed_at, s.filed_at_ms, s.value_cents,
      coalesce(c.port, json_extract(v.body, '$.portOfEntry')) AS port,
      coalesce(json_extract(v.body, '$.lines[0].origin'), json_extract(v.body, '$.shipper.address.country')) AS origin,
      json_extract(v.body, '$.consignee.name') AS consignee,
      json_extract(d.body, '$.arrivedAt') AS arrived_at
    FROM filing_state s
    JOIN decisions d ON d.filing_id = s.id AND d.version = s.version
    LEFT JOIN risk_outcomes ro ON ro.id = d.risk_id
    JOIN filing_versions v ON v.id = s.id AND v.version = s.version
    LEFT JOIN conveyances c ON c.conveyance_id = s.conveyance_id
  ) r`;

export const toConsoleRow = (r: ConsoleDbRow): ConsoleRow => ({
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

export class SqliteConsoleReads implements ConsoleReads {
  private readonly s: ReturnType<typeof statements>;

  private dashboard: { stamp: string; rows: DashboardRow[] } | undefined;

  constructor(private readonly db: Database) {
    this.s = statements(db);
  }

  async queue(f: QueueFilter, limit: number, after: string | undefined): Promise<RowsPage> {
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
    const c = decodeCursor(after);
    if (c !== undefined) {
      where.push('(coalesce(r.score, -1) < ? OR (coalesce(r.score, -1) = ? AND r.id > ?))');
      args.push(c.n, c.n, c.id);
    }
    const rows = this.db
      .prepare(`${ROWS} WHERE ${where.join(' AND ')} ORDER BY coalesce(r.score, -1) DESC, r.id LIMIT ?`)
      .all(...args, limit) as ConsoleDbRow[];
    const last = rows.length === limit ? rows.at(-1) : undefined;
    return {
      rows: rows.map(toConsoleRow),
      next: last === undefined ? null : encodeCursor(last.score ?? -1, last.id),
    };
  }

  async filings(org: string | undefined, limit: number, after: string | undefined): Promise<RowsPage> {
    const c = decodeCursor(after);
    // The page's ids first, from the (filer | broker, filed_at_ms DESC, id) indexes: at most `limit` from
    // each side of the OR, so a filer with 100,000 filings still reads one page, not all of them.
    const cursor = c === undefined ? '' : 'AND (filed_at_ms < ? OR (filed_at_ms = ? AND id > ?))';
    const cursorArgs = c === undefined ? [] : [c.n, c.n, c.id];
    const side = (col: string) =>
      `SELECT id FROM (SELECT id FROM filing_state WHERE ${col} = ? ${cursor} ORDER BY filed_at_ms DESC, id LIMIT ?)`;
    const ids =
      org === undefined
        ? `SELECT id FROM filing_state WHERE 1 ${cursor} ORDER BY filed_at_ms DESC, id LIMIT ?`
        : `${side('filer')} UNION ${side('broker')}`;
    const args =
      org === undefined ? [...cursorArgs, limit] : [org, ...cursorArgs, limit, org, ...cursorArgs, limit];
    const rows = this.db
      .prepare(`${ROWS} WHERE r.id IN (${ids}) ORDER BY r.filed_at_ms DESC, r.id LIMIT ?`)
      .all(...args, limit) as ConsoleDbRow[];
    const last = rows.length === limit ? rows.at(-1) : undefined;
    return {
      rows: rows.map(toConsoleRow),
      next: last === undefined ? null : encodeCursor(last.filed_at_ms, last.id),
    };
  }

  async partyFilings(partyKey: string): Promise<ConsoleRow[]> {
    return (this.s.partyFilings.all(partyKey) as ConsoleDbRow[]).map(toConsoleRow);
  }

  async partyVariants(partyKey: string): Promise<VariantRow[]> {
    return (
      this.s.partyVariants.all(partyKey) as {
        address_key: string;
        name_key: string;
        raw: string;
        party_key: string;
        match: string;
        reason: string;
      }[]
    ).map((r) => ({
      addressKey: r.address_key,
      nameKey: r.name_key,
      raw: r.raw,
      partyKey: r.party_key,
      match: r.match,
      reason: r.reason,
    }));
  }

  async filedBody(id: string): Promise<string | undefined> {
    return (this.s.filedBody.get(id) as { body: string } | undefined)?.body;
  }

  async consigneeDay(partyKey: string, day: string): Promise<{ decision: Decision; filedAtMs: number }[]> {
    return (this.s.consigneeDay.all(partyKey, day) as { body: string; filed_at_ms: number }[]).map((r) => ({
      decision: JSON.parse(r.body) as Decision,
      filedAtMs: r.filed_at_ms,
    }));
  }

  async sharedAddress(addressKey: string, exceptParty: string) {
    const rows = this.s.sharedAddress.all(addressKey, exceptParty) as {
      partyKey: string;
      names: string;
      filings: number;
    }[];
    return rows.map((r) => ({ ...r, names: JSON.parse(r.names) as string[] }));
  }

  async dashboardRows(): Promise<DashboardRow[]> {
    // Grouped here rather than in SQL: SQLite cannot tell U.S. Eastern days, and a GROUP BY would read the
    // bodies instead of the covering indexes. The groups are kept until the database changes (this
    // connection's writes, or another connection's commits), so looking again at an idle store is free.
    const stamp = `${this.db.pragma('data_version', { simple: true })}:${this.s.totalChanges.get()}`;
    if (this.dashboard?.stamp === stamp) return this.dashboard.rows;
    const groups = new Map<string, { -readonly [K in keyof DashboardRow]: DashboardRow[K] }>();
    const hours = new Map<number, string>();
    const dayOf = (ms: number) => {
      // U.S. Eastern days are made of whole UTC hours.
      const h = Math.floor(ms / 3_600_000);
      const known = hours.get(h);
      if (known !== undefined) return known;
      const d = easternDay(h * 3_600_000);
      hours.set(h, d);
      return d;
    };
    for (const row of this.s.dashboard.iterate() as Iterable<DashboardDbRow>) {
      const [kind, mode, filer, broker, status, codes, lane, origin, hts, arrivedMs, edaDay, filedMs] = row;
      const day = arrivedMs !== null ? dayOf(arrivedMs) : (edaDay ?? dayOf(filedMs));
      const disposition = status === 'disposed' ? codes.toLowerCase().replaceAll('_', '-') : null;
      const seizedHts = disposition === 'seized' ? hts : null;
      const key = `${kind}|${mode}|${filer}|${broker}|${day}|${status}|${lane}|${origin}|${disposition}|${seizedHts}`;
      const g = groups.get(key);
      if (g !== undefined) g.n++;
      else
        groups.set(key, {
          kind,
          mode,
          filer,
          broker,
          day,
          status,
          lane: lane ?? 'unassigned',
          origin,
          disposition,
          hts: seizedHts,
          n: 1,
        });
    }
    const rows = [...groups.values()];
    this.dashboard = { stamp, rows };
    return rows;
  }

  async datasets(): Promise<{ day: string; filings: number }[]> {
    return this.s.days.all() as { day: string; filings: number }[];
  }

  async dayCount(day: string): Promise<number> {
    return (this.s.dayCount.get(day) as { n: number }).n;
  }

  async dayVersions(day: string): Promise<DayVersion[]> {
    return (
      this.s.dayVersions.all(day) as { body: string; cancelled: number; id: string; current: number }[]
    ).map((r) => ({ body: r.body, id: r.id, cancelled: r.cancelled === 1, current: r.current }));
  }

  async dayArrivals(day: string) {
    return (this.s.dayArrivals.all(day) as { conveyance_id: string; arrived_at: string; port: string }[]).map(
      (r) => ({ conveyanceId: r.conveyance_id, arrivedAt: r.arrived_at, port: r.port }),
    );
  }
}

/** A dashboard row as the statement gives it (raw: an array, so a million rows make no objects). */
type DashboardDbRow = [
  kind: string,
  mode: string,
  filer: string,
  broker: string | null,
  status: string,
  codes: string,
  lane: string | null,
  origin: string | null,
  hts: string | null,
  arrivedMs: number | null,
  edaDay: string | null,
  filedMs: number,
];

function statements(db: Database) {
  return {
    partyFilings: db.prepare(`${ROWS} WHERE r.party_key = ? ORDER BY r.filed_at_ms, r.id LIMIT 1000`),
    partyVariants: db.prepare('SELECT * FROM party_variants WHERE party_key = ? ORDER BY rowid'),
    filedBody: db.prepare(
      'SELECT v.body FROM filing_state s JOIN filing_versions v ON v.id = s.id AND v.version = s.version WHERE s.id = ?',
    ),
    consigneeDay: db.prepare(
      `SELECT d.body, s.filed_at_ms FROM filing_state s
       JOIN decision_bodies d ON d.filing_id = s.id AND d.version = s.version
       WHERE s.party_key = ? AND json_extract(d.body, '$.party.day') = ?`,
    ),
    sharedAddress: db.prepare(
      `SELECT pv.party_key AS partyKey, json_group_array(pv.raw) AS names,
         (SELECT count(*) FROM filing_state s WHERE s.party_key = pv.party_key) AS filings
       FROM party_variants pv WHERE pv.address_key = ? AND pv.party_key <> ?
       GROUP BY pv.party_key ORDER BY pv.party_key LIMIT 100`,
    ),
    // Covering indexes only (migration 012): neither the decision nor the filed body is read. The lane is
    // the one the stored risk has (the decision's; none without targeting); a decision carries its
    // conveyance's arrival unless it was rejected or cancelled; a case that ended other than in release left
    // the decision `disposed` with the ending's code (SEIZED → seized).
    dashboard: db
      .prepare(
        `SELECT s.kind, s.mode, s.filer, s.broker, d.status, d.codes, json_extract(s.risk, '$.lane') AS lane,
           coalesce(json_extract(v.body, '$.lines[0].origin'), json_extract(v.body, '$.shipper.address.country')) AS origin,
           json_extract(v.body, '$.lines[0].hts') AS hts,
           CASE WHEN d.status IN ('rejected', 'cancelled') THEN NULL ELSE c.arrived_at_ms END AS arrived_ms,
           s.eda_day, s.filed_at_ms
         FROM decisions d INDEXED BY decisions_status
         JOIN filing_state s INDEXED BY filing_state_dashboard ON s.id = d.filing_id AND s.version = d.version
         JOIN filing_versions v INDEXED BY filing_versions_dashboard ON v.id = s.id AND v.version = s.version
         LEFT JOIN conveyances c ON c.conveyance_id = s.conveyance_id`,
      )
      .raw(),
    totalChanges: db.prepare('SELECT total_changes()').pluck(),
    days: db.prepare(
      `SELECT eda_day AS day, count(*) AS filings FROM filing_state WHERE eda_day IS NOT NULL
       GROUP BY eda_day ORDER BY eda_day`,
    ),
    dayCount: db.prepare('SELECT count(*) AS n FROM filing_state WHERE eda_day = ?'),
    dayVersions: db.prepare(
      `SELECT v.body, s.cancelled, s.id, s.version AS current FROM filing_state s
       JOIN filing_versions v ON v.id = s.id WHERE s.eda_day = ? ORDER BY v.seq`,
    ),
    dayArrivals: db.prepare(
      `SELECT c.conveyance_id, c.arrived_at, c.port FROM conveyances c
       WHERE c.conveyance_id IN (SELECT DISTINCT conveyance_id FROM filing_state WHERE eda_day = ?)
       ORDER BY c.arrived_at_ms, c.conveyance_id`,
    ),
  };
}
