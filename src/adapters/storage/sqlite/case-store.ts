import type Database from 'better-sqlite3';
import type { Case, CaseEvent } from '../../../core/cases/index.js';
import type { Decision, Message } from '../../../core/decision/index.js';
import type { ScoreRecord } from '../../../core/scorecards/index.js';
import type { SuspensionPeriod } from '../../../core/suspensions/index.js';
import { easternDay, parseInstant } from '../../../core/time/index.js';
import { type CaseFilter, SCORED_STATUSES, type StoredCase } from '../server-data.js';

type Db = Database.Database;

export type { CaseFilter, StoredCase } from '../server-data.js';

/**
 * SQL of the case workflow (cases and their append-only events), recorded suspensions, and the rows the
 * scorecards are computed from. The case row is a projection of its events: it is replaced only when its
 * `seq` is still the one the caller read, so two officers acting on one case cannot both win.
 */
export class SqliteCaseStore {
  private readonly s: ReturnType<typeof statements>;

  constructor(readonly db: Db) {
    this.s = statements(db);
  }

  /** Stores a new case with its open event; false when a case with this id exists (nothing written). */
  insert(c: Case, lane: string | null, e: CaseEvent): boolean {
    const done = this.s.insertCase.run(
      c.id,
      c.filingId,
      c.filingVersion,
      c.filer,
      c.broker,
      lane,
      c.state,
      c.openedAt,
      c.updatedAt,
      c.seq,
      JSON.stringify(c),
    );
    if (done.changes === 0) return false;
    this.appendEvent(e);
    return true;
  }

  /** Replaces a case and appends its event when the stored seq is `expectedSeq`; false otherwise. */
  update(c: Case, expectedSeq: number, e: CaseEvent): boolean {
    const done = this.s.updateCase.run(c.state, c.updatedAt, c.seq, JSON.stringify(c), c.id, expectedSeq);
    if (done.changes === 0) return false;
    this.appendEvent(e);
    return true;
  }

  /** As `update`, appending every event since `expectedSeq`. */
  updateWithEvents(c: Case, expectedSeq: number, events: readonly CaseEvent[]): boolean {
    const done = this.s.updateCase.run(c.state, c.updatedAt, c.seq, JSON.stringify(c), c.id, expectedSeq);
    if (done.changes === 0) return false;
    for (const e of events) this.appendEvent(e);
    return true;
  }

  get(id: string): StoredCase | undefined {
    const r = this.s.caseById.get(id) as { body: string; lane: string | null } | undefined;
    return r === undefined ? undefined : { case: JSON.parse(r.body) as Case, lane: r.lane };
  }

  list(f: CaseFilter): StoredCase[] {
    const where: string[] = ['id > ?'];
    const args: unknown[] = [f.after ?? ''];
    if (f.state !== undefined) {
      where.push('state = ?');
      args.push(f.state);
    }
    if (f.filer !== undefined) {
      where.push('filer = ?');
      args.push(f.filer);
    }
    if (f.lane !== undefined) {
      where.push('lane = ?');
      args.push(f.lane);
    }
    if (f.visibleTo !== undefined) {
      where.push('(filer = ? OR broker = ?)');
      args.push(f.visibleTo, f.visibleTo);
    }
    args.push(f.limit);
    const rows = this.db
      .prepare(`SELECT body, lane FROM cases WHERE ${where.join(' AND ')} ORDER BY id LIMIT ?`)
      .all(...args) as { body: string; lane: string | null }[];
    return rows.map((r) => ({ case: JSON.parse(r.body) as Case, lane: r.lane }));
  }

  events(caseId: string): CaseEvent[] {
    return (this.s.events.all(caseId) as { body: string }[]).map((r) => JSON.parse(r.body) as CaseEvent);
  }

  currentVersion(filingId: string): number | undefined {
    return (this.s.currentVersion.get(filingId) as { version: number } | undefined)?.version;
  }

  /** The decision of one filing version, whatever the filing's current version is. */
  decision(filingId: string, version: number): Decision | undefined {
    const r = this.s.decision.get(filingId, version) as { body: string } | undefined;
    return r === undefined ? undefined : (JSON.parse(r.body) as Decision);
  }

  /** Replaces the stored decision of a filing version (a case outcome). */
  putDecision(d: Decision): void {
    this.s.putDecision.run(d.status, d.codes.join(' '), JSON.stringify(d), d.filingId, d.version);
  }

  message(m: Message): void {
    this.s.insertMessage.run(m.filingId, m.version, m.role, m.recipient, m.code, m.text, m.at);
  }

  suspensionPeriods(): SuspensionPeriod[] {
    return (this.s.suspensions.all() as { body: string }[]).map(
      (r) => JSON.parse(r.body) as SuspensionPeriod,
    );
  }

  /** Stores a period, or replaces the one of the same filer and start (a reinstatement closes it). */
  putSuspension(p: SuspensionPeriod): void {
    this.s.putSuspension.run(p.filer, p.from, p.until, JSON.stringify(p));
  }

  /**
   * What the scorecards count, read from the tables: each shipment's latest screening outcome (a case
   * that released or disposed of it does not change how it was screened) and every exam and seizure.
   */
  *scoreRecords(): IterableIterator<ScoreRecord> {
    for (const r of this.s.scoredDecisions.iterate() as IterableIterator<{
      filer: string;
      broker: string | null;
      status: string;
      at: string;
    }>) {
      if (!SCORED_STATUSES.has(r.status)) continue;
      const ms = parseInstant(r.at);
      if (Number.isNaN(ms)) continue;
      yield {
        type: 'decision',
        filer: r.filer,
        broker: r.broker,
        day: easternDay(ms),
        status: r.status as 'rejected',
      };
    }
    for (const r of this.s.scoredEvents.iterate() as IterableIterator<{
      filer: string;
      broker: string | null;
      at: string;
      command: string;
      result: string | null;
    }>) {
      const ms = parseInstant(r.at);
      if (Number.isNaN(ms)) continue;
      const who = { filer: r.filer, broker: r.broker, day: easternDay(ms) };
      yield r.command === 'record-exam'
        ? { type: 'exam', ...who, result: r.result as 'discrepancy' }
        : { type: 'seizure', ...who };
    }
  }

  private appendEvent(e: CaseEvent): void {
    this.s.insertEvent.run(e.caseId, e.seq, e.at, e.command, e.from, e.to, JSON.stringify(e));
  }
}

function statements(db: Db) {
  return {
    insertCase: db.prepare(
      `INSERT OR IGNORE INTO cases (id, filing_id, filing_version, filer, broker, lane, state, opened_at,
         updated_at, seq, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    updateCase: db.prepare(
      'UPDATE cases SET state = ?, updated_at = ?, seq = ?, body = ? WHERE id = ? AND seq = ?',
    ),
    caseById: db.prepare('SELECT body, lane FROM cases WHERE id = ?'),
    insertEvent: db.prepare(
      'INSERT INTO case_events (case_id, seq, at, command, from_state, to_state, body) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    events: db.prepare('SELECT body FROM case_events WHERE case_id = ? ORDER BY seq'),
    decision: db.prepare('SELECT body FROM decision_bodies WHERE filing_id = ? AND version = ?'),
    currentVersion: db.prepare('SELECT version FROM filing_state WHERE id = ?'),
    putDecision: db.prepare(
      // Written whole, with its rule results: risk_id no longer applies.
      'UPDATE decisions SET status = ?, codes = ?, body = ?, risk_id = NULL WHERE filing_id = ? AND version = ?',
    ),
    insertMessage: db.prepare(
      'INSERT INTO messages (filing_id, version, role, recipient, code, text, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    suspensions: db.prepare('SELECT body FROM suspensions ORDER BY filer, from_at'),
    putSuspension: db.prepare(
      'INSERT OR REPLACE INTO suspensions (filer, from_at, until_at, body) VALUES (?, ?, ?, ?)',
    ),
    scoredDecisions: db.prepare(
      `SELECT s.filer, s.broker,
         coalesce(json_extract(d.body, '$.case.screened.status'), d.status) AS status,
         coalesce(json_extract(d.body, '$.case.screened.decidedAt'), json_extract(d.body, '$.decidedAt')) AS at
       FROM filing_state s JOIN decisions d ON d.filing_id = s.id AND d.version = s.version`,
    ),
    scoredEvents: db.prepare(
      `SELECT c.filer, c.broker, e.at, e.command, json_extract(e.body, '$.payload.result') AS result
       FROM case_events e JOIN cases c ON c.id = e.case_id
       WHERE e.command = 'record-exam' OR e.to_state = 'closed-seized'`,
    ),
  };
}
