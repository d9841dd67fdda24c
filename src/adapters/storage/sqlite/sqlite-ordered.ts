import type { Decision } from '../../../core/decision/index.js';
import type { Policy } from '../../../core/policy/index.js';
import { Screener } from '../../../core/screen/index.js';
import type { Targeting } from '../../../core/screen/targeting.js';
import {
  CaseSeqConflict,
  type CommitNeeds,
  type CommitSteps,
  MapView,
  type OrderedEngine,
  type OrderedHooks,
  type OrderedStore,
} from '../ordered-store.js';
import { SqliteCaseStore } from './case-store.js';
import { ServerStore } from './server-store.js';
import type { SqliteStore } from './sqlite-store.js';

/**
 * The ordered commit on the embedded store: one writer process, so the order is the order commits are
 * run in; each commit (reads, engine, writes) is one synchronous SQLite transaction. The engine state is
 * restored from the tables at open and after a commit fails.
 */
export class SqliteOrdered implements OrderedStore {
  readonly kind = 'sqlite' as const;
  private screener: Screener;
  private readonly server: ServerStore;
  private readonly cases: SqliteCaseStore;
  private readonly view: ReturnType<typeof statements>;

  constructor(
    readonly store: SqliteStore,
    private readonly policy: Policy,
    private readonly hooks: OrderedHooks,
    private readonly targeting?: Targeting,
  ) {
    this.server = new ServerStore(store.db);
    this.cases = new SqliteCaseStore(store.db);
    this.view = statements(store);
    this.screener = this.restored();
  }

  async commit(steps: CommitSteps): Promise<void> {
    try {
      this.store.db.transaction(() => {
        const view = new MapView();
        this.read(view, steps.needs());
        const screener = this.screener;
        const engine: OrderedEngine = {
          apply: (p, sink) => screener.apply(p, sink),
          // One process: nobody to tell.
          suspension: () => undefined,
        };
        this.read(view, steps.apply(view, engine));
        const w = steps.writes(view);
        const batch = this.store.batch('api', '');
        const e = w.effects;
        batch.versions.push(...e.versions);
        for (const [k, v] of e.states) batch.states.set(k, v);
        for (const [k, v] of e.decisions) batch.decisions.set(k, v);
        batch.messages.push(...e.messages);
        batch.conveyances.push(...e.conveyances);
        batch.variants.push(...e.variants);
        batch.findings.push(...e.findings);
        batch.commit();
        for (const a of w.audits) this.server.audit(a);
        for (const c of w.caseInserts)
          if (!this.cases.insert(c.case, c.lane, c.event))
            throw new CaseSeqConflict(`case ${c.case.id} exists already`);
        for (const c of w.caseUpdates)
          if (!this.cases.updateWithEvents(c.case, c.expectedSeq, c.events))
            throw new CaseSeqConflict(`case ${c.case.id} is not at seq ${c.expectedSeq}`);
        for (const d of w.decisionUpdates) this.cases.putDecision(d);
        for (const p of w.suspensions) this.cases.putSuspension(p);
      })();
    } catch (e) {
      // The engine (and the policy's suspensions) may hold what the store refused: start again from it.
      this.screener = this.restored();
      throw e;
    }
  }

  async close(): Promise<void> {}

  private restored(): Screener {
    this.hooks.loaded(this.cases.suspensionPeriods());
    const s = new Screener(this.policy, this.targeting);
    s.restore(this.store.snapshot());
    return s;
  }

  private read(view: MapView, needs: CommitNeeds): void {
    const n = view.missing(needs);
    view.expect(n);
    const s = this.view;
    for (const id of n.filings) {
      const r = s.filing.get(id) as
        | {
            version: number;
            filer: string;
            broker: string | null;
            cancelled: number;
            conveyance_id: string;
            status: string | null;
            codes: string | null;
          }
        | undefined;
      if (r !== undefined)
        view.setFiling(id, {
          version: r.version,
          filer: r.filer,
          broker: r.broker,
          cancelled: r.cancelled === 1,
          conveyanceId: r.conveyance_id,
          summary:
            r.status === null
              ? undefined
              : { version: r.version, status: r.status, codes: r.codes ? r.codes.split(' ') : [] },
        });
    }
    for (const c of n.conveyances)
      if (this.server.hasFilingOnConveyance(c.conveyanceId, c.org))
        view.setOnConveyance(c.conveyanceId, c.org);
    for (const id of n.cases) {
      const c = this.cases.get(id);
      if (c !== undefined) view.setCase(id, c);
    }
    for (const d of n.decisions) {
      const version = d.version ?? this.cases.currentVersion(d.filingId);
      const found: Decision | undefined =
        version === undefined ? undefined : this.cases.decision(d.filingId, version);
      if (found !== undefined) view.setDecision(d.filingId, d.version, found);
    }
  }
}

function statements(store: SqliteStore) {
  return {
    filing: store.db.prepare(
      `SELECT s.version, s.filer, s.broker, s.cancelled, s.conveyance_id, d.status, d.codes FROM filing_state s
       LEFT JOIN decisions d ON d.filing_id = s.id AND d.version = s.version WHERE s.id = ?`,
    ),
  };
}
