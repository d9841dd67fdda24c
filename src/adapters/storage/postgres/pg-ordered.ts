import { hostname } from 'node:os';
import type pg from 'pg';
import type { CaseEvent } from '../../../core/cases/index.js';
import type { Decision } from '../../../core/decision/index.js';
import {
  CaseSeqConflict,
  type CommitNeeds,
  type CommitSteps,
  MapView,
  type OrderedEngine,
  type OrderedStore,
  recordText,
} from '../ordered-store.js';
import { insertValues, type OrderedTx, type PgScreening, writeEffects } from './pg-screening.js';
import { auditParams } from './pg-server-data.js';

/**
 * The ordered commit on PostgreSQL, for any number of `minimis serve` processes: each commit is one
 * `PgScreening.ordered` transaction (under the screening advisory lock, after replaying what the others
 * logged), its records logged for the others, its reads and writes in that same transaction.
 */
export class PgOrdered implements OrderedStore {
  readonly kind = 'postgres' as const;

  constructor(
    private readonly screening: PgScreening,
    /** Names this process in the log and the stored versions (which process a record came through). */
    private readonly source = `serve:${hostname()}:${process.pid}`,
  ) {}

  commit(steps: CommitSteps): Promise<void> {
    return this.screening.ordered(this.source, async (tx) => {
      const view = new MapView();
      await read(tx.client, view, steps.needs());
      const engine: OrderedEngine = {
        apply: (p, sink) => tx.apply(p, recordText(p), p.line, sink),
        suspension: (period) => tx.log('suspension', JSON.stringify(period)),
      };
      const more = steps.apply(view, engine);
      await read(tx.client, view, more);
      const w = steps.writes(view);
      await writeEffects(tx.client, w.effects, this.source);
      await write(tx, w);
    });
  }

  /** The pool belongs to whoever opened it. */
  async close(): Promise<void> {}
}

async function write(tx: OrderedTx, w: ReturnType<CommitSteps['writes']>): Promise<void> {
  const c = tx.client;
  await insertValues(
    c,
    'INSERT INTO audit_log (at, actor, org, role, action, target, before, after)',
    w.audits.map(auditParams),
  );
  if (w.caseInserts.length > 0) {
    const done = await insertValues<{ id: string }>(
      c,
      'INSERT INTO cases (id, filing_id, filing_version, filer, broker, lane, state, opened_at, updated_at, seq, body)',
      w.caseInserts.map(({ case: k, lane }) => [
        k.id,
        k.filingId,
        k.filingVersion,
        k.filer,
        k.broker,
        lane,
        k.state,
        k.openedAt,
        k.updatedAt,
        k.seq,
        JSON.stringify(k),
      ]),
      'ON CONFLICT (id) DO NOTHING RETURNING id',
    );
    if (done.length !== w.caseInserts.length) throw new CaseSeqConflict('a case to open exists already');
    await insertEvents(
      c,
      w.caseInserts.map((x) => x.event),
    );
  }
  for (const x of w.caseUpdates) {
    const k = x.case;
    const done = await c.query(
      'UPDATE cases SET state = $1, updated_at = $2, seq = $3, body = $4 WHERE id = $5 AND seq = $6',
      [k.state, k.updatedAt, k.seq, JSON.stringify(k), k.id, x.expectedSeq],
    );
    if (done.rowCount !== 1) throw new CaseSeqConflict(`case ${k.id} is not at seq ${x.expectedSeq}`);
    await insertEvents(c, x.events);
  }
  for (const d of w.decisionUpdates)
    await c.query(
      'UPDATE decisions SET status = $1, codes = $2, body = $3 WHERE filing_id = $4 AND version = $5',
      [d.status, d.codes.join(' '), JSON.stringify(d), d.filingId, d.version],
    );
  for (const p of w.suspensions)
    await c.query(
      `INSERT INTO suspensions (filer, from_at, until_at, body) VALUES ($1, $2, $3, $4)
       ON CONFLICT (filer, from_at) DO UPDATE SET until_at = EXCLUDED.until_at, body = EXCLUDED.body`,
      [p.filer, p.from, p.until, JSON.stringify(p)],
    );
}

async function insertEvents(c: pg.PoolClient, events: readonly CaseEvent[]): Promise<void> {
  await insertValues(
    c,
    'INSERT INTO case_events (case_id, seq, at, command, from_state, to_state, body)',
    events.map((e) => [e.caseId, e.seq, e.at, e.command, e.from, e.to, JSON.stringify(e)]),
  );
}

/** Reads what a commit declared it needs and has not read yet, one statement per kind. */
async function read(c: pg.PoolClient, view: MapView, needs: CommitNeeds): Promise<void> {
  const n = view.missing(needs);
  view.expect(n);
  if (n.filings.length > 0) {
    const { rows } = await c.query(
      `SELECT s.id, s.version, s.filer, s.broker, s.cancelled, s.conveyance_id, d.status, d.codes
       FROM filing_state s LEFT JOIN decisions d ON d.filing_id = s.id AND d.version = s.version
       WHERE s.id = ANY($1::text[])`,
      [n.filings],
    );
    for (const r of rows)
      view.setFiling(r.id, {
        version: r.version,
        filer: r.filer,
        broker: r.broker,
        cancelled: r.cancelled,
        conveyanceId: r.conveyance_id,
        summary:
          r.status === null
            ? undefined
            : { version: r.version, status: r.status, codes: r.codes ? r.codes.split(' ') : [] },
      });
  }
  if (n.conveyances.length > 0) {
    const { rows } = await c.query<{ cv: string; org: string }>(
      `SELECT t.cv, t.org FROM unnest($1::text[], $2::text[]) AS t(cv, org)
       WHERE EXISTS (SELECT 1 FROM filing_state s WHERE s.conveyance_id = t.cv AND (s.filer = t.org OR s.broker = t.org))`,
      [n.conveyances.map((x) => x.conveyanceId), n.conveyances.map((x) => x.org)],
    );
    for (const r of rows) view.setOnConveyance(r.cv, r.org);
  }
  if (n.cases.length > 0) {
    const { rows } = await c.query<{ id: string; body: string; lane: string | null }>(
      'SELECT id, body, lane FROM cases WHERE id = ANY($1::text[])',
      [n.cases],
    );
    for (const r of rows) view.setCase(r.id, { case: JSON.parse(r.body), lane: r.lane });
  }
  if (n.decisions.length > 0) {
    const { rows } = await c.query<{ f: string; v: number | null; body: string }>(
      `SELECT t.f, t.v, d.body FROM unnest($1::text[], $2::int[]) AS t(f, v)
       JOIN filing_state s ON s.id = t.f
       JOIN decisions d ON d.filing_id = t.f AND d.version = coalesce(t.v, s.version)`,
      [n.decisions.map((x) => x.filingId), n.decisions.map((x) => x.version)],
    );
    for (const r of rows) view.setDecision(r.f, r.v, JSON.parse(r.body) as Decision);
  }
}
