import type {
  AuditEntry,
  DecisionSummary,
  FilingAccess,
  ServerStore,
} from '../adapters/storage/sqlite/server-store.js';
import type { SqliteBatch, SqliteStore } from '../adapters/storage/sqlite/sqlite-store.js';
import type { Decision, Message } from '../core/decision/index.js';
import type { Policy } from '../core/policy/index.js';
import {
  type ConveyanceRow,
  type FilingStateRow,
  type IngestFinding,
  type Prepared,
  Screener,
  type ScreenSink,
  type VariantRow,
} from '../core/screen/index.js';
import type { Targeting } from '../core/screen/targeting.js';

/** What applying one record did. */
export interface Applied {
  /** What the engine reported instead of applying the record (version conflicts, unknown cancellations …). */
  readonly refusals: readonly IngestFinding[];
  /** Decisions the record produced or changed, in order. */
  readonly decisions: readonly Decision[];
}

export interface GroupOptions {
  /** How long a group stays open for more requests after its first one. 0: until the next turn of the loop. */
  readonly groupMs: number;
  /** A group this large is committed at once. */
  readonly maxGroup: number;
  /** Called after a commit that stored messages (webhooks deliver them). */
  readonly onMessages?: () => void;
  /** Runs in the commit's transaction with the group's decisions (cases of held shipments open there). */
  readonly withDecisions?: (decisions: Iterable<Decision>) => void;
}

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (e: unknown) => void;
}

interface Group {
  readonly batch: SqliteBatch;
  readonly audits: AuditEntry[];
  readonly waiters: Waiter[];
  messages: number;
  timer: NodeJS.Timeout | undefined;
}

/** Thrown to the requests of a group whose transaction failed; none of them was acknowledged. */
export class StoreFailed extends Error {}

/**
 * The single writer: one Screener per process, records applied in the order they are handed in, and
 * group commit — records that arrive within `groupMs` share one SQLite transaction (with their audit rows),
 * and every request of the group is answered only once that transaction has committed.
 */
export class GroupWriter {
  private screener: Screener;
  private group: Group | undefined;

  constructor(
    private readonly store: SqliteStore,
    private readonly server: ServerStore,
    private readonly policy: Policy,
    private readonly opts: GroupOptions,
    private readonly targeting?: Targeting,
  ) {
    this.screener = this.restored();
  }

  /**
   * Applies a record now and resolves once it is committed. `audit` is called right after the record is
   * applied and before anything else is, so its row describes exactly this action.
   */
  apply(p: Prepared, audit: (applied: Applied) => AuditEntry | undefined): Promise<Applied> {
    const g = this.open();
    const capture = new Capture(g.batch);
    try {
      this.screener.apply(p, capture);
    } catch (e) {
      // The engine may be half way through this record: drop the group and start again from the store.
      this.fail(g, e);
      return Promise.reject(e);
    }
    const applied: Applied = { refusals: capture.refusals, decisions: capture.decisions };
    const entry = audit(applied);
    if (entry !== undefined) g.audits.push(entry);
    g.messages += capture.messages;
    const done = new Promise<Applied>((resolve, reject) =>
      g.waiters.push({ resolve: () => resolve(applied), reject }),
    );
    if (g.waiters.length >= this.opts.maxGroup) this.commit(g);
    return done;
  }

  /** Who may see a filing, including changes applied but not yet committed. */
  access(id: string): FilingAccess | undefined {
    const st = this.group?.batch.states.get(id);
    if (st !== undefined)
      return { version: st.version, filer: st.filer, broker: st.broker, cancelled: st.cancelled };
    return this.server.filingAccess(id);
  }

  /** Status and codes of a filing version, including changes applied but not yet committed. */
  summary(id: string, version: number): DecisionSummary | undefined {
    const d = this.group?.batch.decisions.get(`${id}\u0000${version}`);
    if (d !== undefined) return { version, status: d.status, codes: d.codes };
    return this.server.decisionSummary(id, version);
  }

  /** Whether `org` files or brokers a filing on the conveyance, including uncommitted ones. */
  hasFilingOnConveyance(conveyanceId: string, org: string): boolean {
    const pending = this.group?.batch.states.values() ?? [];
    for (const st of pending)
      if (st.conveyanceId === conveyanceId && (st.filer === org || st.broker === org)) return true;
    return this.server.hasFilingOnConveyance(conveyanceId, org);
  }

  /** Commits what is pending; the store can be closed afterwards. */
  flush(): void {
    if (this.group !== undefined) this.commit(this.group);
  }

  private open(): Group {
    if (this.group !== undefined) return this.group;
    const g: Group = {
      batch: this.store.batch('api', ''),
      audits: [],
      waiters: [],
      messages: 0,
      timer: undefined,
    };
    g.timer = setTimeout(() => this.commit(g), this.opts.groupMs);
    this.group = g;
    return g;
  }

  private commit(g: Group): void {
    if (this.group === g) this.group = undefined;
    clearTimeout(g.timer);
    try {
      this.store.db.transaction(() => {
        g.batch.commit();
        for (const a of g.audits) this.server.audit(a);
        this.opts.withDecisions?.(g.batch.decisions.values());
      })();
    } catch (e) {
      this.fail(g, e);
      return;
    }
    for (const w of g.waiters) w.resolve();
    if (g.messages > 0) this.opts.onMessages?.();
  }

  private fail(g: Group, e: unknown): void {
    if (this.group === g) this.group = undefined;
    clearTimeout(g.timer);
    const err = new StoreFailed('the store did not commit', { cause: e });
    for (const w of g.waiters) w.reject(err);
    // The engine holds the effects of the lost group; the store is the truth.
    this.screener = this.restored();
  }

  private restored(): Screener {
    const s = new Screener(this.policy, this.targeting);
    s.restore(this.store.snapshot());
    return s;
  }
}

/** Passes effects to the group's batch and keeps what the request needs to answer. */
class Capture implements ScreenSink {
  readonly refusals: IngestFinding[] = [];
  readonly decisions: Decision[] = [];
  messages = 0;

  constructor(private readonly batch: SqliteBatch) {}

  filingVersion(row: { id: string; version: number; seq: number; line: number; body: string }): void {
    this.batch.filingVersion(row);
  }
  filingState(row: FilingStateRow): void {
    this.batch.filingState(row);
  }
  decision(d: Decision): void {
    this.decisions.push(d);
    this.batch.decision(d);
  }
  message(m: Message): void {
    this.messages++;
    this.batch.message(m);
  }
  conveyance(c: ConveyanceRow): void {
    this.batch.conveyance(c);
  }
  variant(v: VariantRow): void {
    this.batch.variant(v);
  }
  // Over HTTP a refused record is answered with an error, not stored as a finding of a file.
  ingestFinding(f: IngestFinding): void {
    this.refusals.push(f);
  }
}
