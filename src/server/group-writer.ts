import {
  type CommitNeeds,
  type CommitView,
  type CommitWrites,
  type FilingView,
  noNeeds,
  type OrderedEngine,
  type OrderedStore,
} from '../adapters/storage/ordered-store.js';
import { EffectBuffer } from '../adapters/storage/screening-store.js';
import type { AuditEntry, DecisionSummary, StoredCase } from '../adapters/storage/server-data.js';
import type { Case, CaseEvent } from '../core/cases/index.js';
import type { Decision, Message } from '../core/decision/index.js';
import type {
  ConveyanceRow,
  FilingStateRow,
  IngestFinding,
  Prepared,
  ScreenSink,
  VariantRow,
} from '../core/screen/index.js';
import type { SuspensionPeriod } from '../core/suspensions/index.js';

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
  /** Wall clock (ms since the epoch). */
  readonly now?: () => number;
  /** Where the cause of a failed commit goes (the operations answer STORE_FAILED). */
  readonly onFailure?: (e: unknown) => void;
  /** Called after a commit that stored messages (webhooks deliver them). */
  readonly onMessages?: () => void;
  /**
   * Runs at the end of every commit, after the operations (cases of new holds open there); what it needs
   * to read it declares through `needs` and reads through `run`'s context.
   */
  readonly finish?: {
    needs(c: CommitContext): void;
    run(c: CommitContext): void;
  };
}

/**
 * One operation of a group: a record, a case command, a suspension. It declares what it reads, runs in
 * order inside the commit (against the store as of the commit and the effects of the operations before
 * it), and is answered once the commit is stored — or failed with `StoreFailed` when it is not.
 */
export interface Op {
  needs(n: CommitNeeds): void;
  run(c: CommitContext): void;
  /** Runs after every operation ran and what they asked for in `c.more` was read. */
  late?(c: CommitContext): void;
  done(): void;
  failed(e: StoreFailed): void;
}

/** Thrown to the operations of a group whose transaction failed; none of them was acknowledged. */
export class StoreFailed extends Error {}

/** An operation answered with what its `run` concluded, once the commit is stored. */
export abstract class AnsweredOp<T> implements Op {
  readonly answer: Promise<T>;
  protected result: T | undefined;
  private resolve!: (v: T) => void;
  private reject!: (e: unknown) => void;

  constructor() {
    this.answer = new Promise<T>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }
  abstract needs(n: CommitNeeds): void;
  abstract run(c: CommitContext): void;
  done(): void {
    this.resolve(this.result as T);
  }
  failed(e: StoreFailed): void {
    this.reject(e);
  }
}

/** A case as this commit leaves it, and what is written for it. */
interface CaseChange {
  stored: StoredCase;
  /** Seq of the stored row before this commit; 0 when the commit opens the case. */
  readonly fromSeq: number;
  readonly events: CaseEvent[];
  /** Disposition before this commit (a close sets the decision of the filing version). */
  readonly closedBefore: boolean;
}

const decisionKey = (id: string, version: number) => `${id}\u0000${version}`;

/**
 * The state of one commit, shared by its operations in order: the store's reads, the engine, and what
 * the operations before changed (filings applied, cases moved), so that each sees the ones before it.
 */
export class CommitContext {
  readonly effects = new EffectBuffer();
  readonly audits: AuditEntry[] = [];
  readonly suspensions: SuspensionPeriod[] = [];
  /** Reads that the end of the commit needs (the cases of new decisions, decisions of closed cases). */
  readonly more: CommitNeeds = noNeeds();
  private readonly filings = new Map<string, Omit<FilingView, 'summary'>>();
  private readonly decisions = new Map<string, DecisionSummary>();
  private readonly conveyances = new Map<string, Set<string>>();
  private readonly cases = new Map<string, CaseChange>();
  private readonly decisionUpdates = new Map<string, Decision>();

  constructor(
    readonly view: CommitView,
    private readonly engine: OrderedEngine,
    /** The commit's wall-clock instant (audit rows of what the system does in it). */
    readonly nowIso: string,
  ) {}

  /** A filing as the operations before left it, else as stored. */
  filing(id: string): Omit<FilingView, 'summary'> | undefined {
    return this.filings.get(id) ?? this.view.filing(id);
  }

  /** The outcome of a filing's current version. */
  summary(id: string): DecisionSummary | undefined {
    const f = this.filing(id);
    if (f === undefined) return undefined;
    const own = this.decisions.get(decisionKey(id, f.version));
    if (own !== undefined) return own;
    const stored = this.view.filing(id);
    return stored?.version === f.version ? stored.summary : undefined;
  }

  /** Whether `org` files or brokers a filing on the conveyance (stored, or applied before in this commit). */
  onConveyance(conveyanceId: string, org: string): boolean {
    return this.conveyances.get(conveyanceId)?.has(org) === true || this.view.onConveyance(conveyanceId, org);
  }

  /** Applies a record in the global order. */
  apply(p: Exclude<Prepared, { type: 'invalid' }>): Applied {
    const capture = new Capture(this.effects);
    this.engine.apply(p, capture);
    for (const st of capture.states) {
      this.filings.set(st.id, {
        version: st.version,
        filer: st.filer,
        broker: st.broker,
        cancelled: st.cancelled,
        conveyanceId: st.conveyanceId,
      });
      const orgs = this.conveyances.get(st.conveyanceId) ?? new Set<string>();
      orgs.add(st.filer);
      if (st.broker !== null) orgs.add(st.broker);
      this.conveyances.set(st.conveyanceId, orgs);
    }
    for (const d of capture.decisions)
      this.decisions.set(decisionKey(d.filingId, d.version), {
        version: d.version,
        status: d.status,
        codes: d.codes,
      });
    return { refusals: capture.refusals, decisions: capture.decisions };
  }

  /** A suspension recorded here: stored with the commit and logged in the order for other processes. */
  suspension(p: SuspensionPeriod): void {
    this.suspensions.push(p);
    this.engine.suspension(p);
  }

  message(m: Message): void {
    this.effects.message(m);
  }

  /** A case as the operations before left it, else as stored (the operation must have declared it). */
  caseNow(id: string): StoredCase | undefined {
    return this.cases.get(id)?.stored ?? this.view.caseById(id);
  }

  /** Opens a case with its first event. */
  openCase(stored: StoredCase, event: CaseEvent): void {
    this.cases.set(stored.case.id, { stored, fromSeq: 0, events: [event], closedBefore: false });
  }

  /** Moves a case on by one event; a close sets the decision of its filing version at the end. */
  stepCase(before: StoredCase, after: Case, event: CaseEvent): void {
    const prev = this.cases.get(after.id);
    const change: CaseChange = prev ?? {
      stored: before,
      fromSeq: before.case.seq,
      events: [],
      closedBefore: before.case.disposition !== null,
    };
    change.stored = { case: after, lane: before.lane };
    change.events.push(event);
    this.cases.set(after.id, change);
    if (!change.closedBefore && after.disposition !== null)
      this.more.decisions.push({ filingId: after.filingId, version: after.filingVersion });
  }

  /** Cases closed in this commit (not before it). */
  *closedHere(): IterableIterator<Case> {
    for (const c of this.cases.values())
      if (!c.closedBefore && c.stored.case.disposition !== null) yield c.stored.case;
  }

  /** Replaces the decision of a filing version: in the engine's effects when it decided it here. */
  setDecision(d: Decision): void {
    const k = decisionKey(d.filingId, d.version);
    if (this.effects.decisions.has(k)) this.effects.decisions.set(k, d);
    else this.decisionUpdates.set(k, d);
  }

  /** The decision of a filing version as this commit leaves it (declared in `more` when not decided here). */
  decisionOf(filingId: string, version: number): Decision | undefined {
    return this.decidedHere(filingId, version) ?? this.view.decision(filingId, version);
  }

  /** The decision of a filing version when this commit changed it. */
  decidedHere(filingId: string, version: number): Decision | undefined {
    const k = decisionKey(filingId, version);
    return this.decisionUpdates.get(k) ?? this.effects.decisions.get(k);
  }

  writes(): CommitWrites {
    const caseInserts: CommitWrites['caseInserts'][number][] = [];
    const caseUpdates: CommitWrites['caseUpdates'][number][] = [];
    for (const c of this.cases.values()) {
      if (c.fromSeq === 0) {
        caseInserts.push({ case: c.stored.case, lane: c.stored.lane, event: c.events[0]! });
        // Steps after the open in the same commit: the row is inserted at its last state, events appended.
        if (c.events.length > 1)
          caseUpdates.push({
            case: c.stored.case,
            expectedSeq: c.stored.case.seq,
            events: c.events.slice(1),
          });
      } else caseUpdates.push({ case: c.stored.case, expectedSeq: c.fromSeq, events: c.events });
    }
    return {
      effects: this.effects,
      audits: this.audits,
      caseInserts,
      caseUpdates,
      decisionUpdates: [...this.decisionUpdates.values()],
      suspensions: this.suspensions,
    };
  }
}

interface Group {
  readonly ops: Op[];
  timer: NodeJS.Timeout | undefined;
  /** Its commit is queued (it ran out of time or room); it still takes operations until the commit starts. */
  scheduled: boolean;
}

/**
 * The single writer of a process: operations (records, case commands, suspensions) are applied in the
 * order they are handed in, with group commit — operations that arrive within `groupMs` share one
 * transaction (with their audit rows), and every one of them is answered only once it has committed.
 * One commit runs at a time; a group waiting for the commit before it keeps taking operations (up to
 * `maxGroup`), so under load groups grow instead of queueing.
 *
 * The store gives the order: SQLite has one writer process; on PostgreSQL every commit takes its place in
 * the global order of all processes (see `OrderedStore`).
 */
export class GroupWriter {
  private group: Group | undefined;
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: OrderedStore,
    private readonly opts: GroupOptions,
  ) {}

  /** Queues an operation; it is answered through its own `done`/`failed`. */
  submit(op: Op): void {
    let g = this.group;
    if (g === undefined || g.ops.length >= this.opts.maxGroup) g = this.open();
    g.ops.push(op);
    if (g.ops.length >= this.opts.maxGroup) this.schedule(g);
  }

  /** Commits what is pending and resolves once every commit so far is done. */
  async flush(): Promise<void> {
    if (this.group !== undefined) this.schedule(this.group);
    await this.tail;
  }

  private open(): Group {
    const g: Group = { ops: [], timer: undefined, scheduled: false };
    g.timer = setTimeout(() => this.schedule(g), this.opts.groupMs);
    this.group = g;
    return g;
  }

  private schedule(g: Group): void {
    if (g.scheduled) return;
    g.scheduled = true;
    clearTimeout(g.timer);
    this.tail = this.tail.then(() => {
      if (this.group === g) this.group = undefined;
      return this.commit(g.ops);
    });
  }

  private async commit(ops: Op[]): Promise<void> {
    let ctx: CommitContext | undefined;
    try {
      await this.store.commit({
        needs: () => {
          const n = noNeeds();
          for (const op of ops) op.needs(n);
          return n;
        },
        apply: (view, engine) => {
          ctx = new CommitContext(view, engine, new Date((this.opts.now ?? Date.now)()).toISOString());
          for (const op of ops) op.run(ctx);
          this.opts.finish?.needs(ctx);
          return ctx.more;
        },
        writes: () => {
          for (const op of ops) op.late?.(ctx!);
          this.opts.finish?.run(ctx!);
          return ctx!.writes();
        },
      });
    } catch (e) {
      this.opts.onFailure?.(e);
      const err = new StoreFailed('the store did not commit', { cause: e });
      for (const op of ops) op.failed(err);
      return;
    }
    for (const op of ops) op.done();
    if (ctx !== undefined && ctx.effects.messages.length > 0) this.opts.onMessages?.();
  }
}

/** Passes effects to the commit's buffer and keeps what the operation needs to answer. */
class Capture implements ScreenSink {
  readonly refusals: IngestFinding[] = [];
  readonly decisions: Decision[] = [];
  readonly states: FilingStateRow[] = [];

  constructor(private readonly buf: EffectBuffer) {}

  filingVersion(row: { id: string; version: number; seq: number; line: number; body: string }): void {
    this.buf.filingVersion(row);
  }
  filingState(row: FilingStateRow): void {
    this.states.push(row);
    this.buf.filingState(row);
  }
  decision(d: Decision): void {
    this.decisions.push(d);
    this.buf.decision(d);
  }
  message(m: Message): void {
    this.buf.message(m);
  }
  conveyance(c: ConveyanceRow): void {
    this.buf.conveyance(c);
  }
  variant(v: VariantRow): void {
    this.buf.variant(v);
  }
  // Over HTTP a refused record is answered with an error, not stored as a finding of a file.
  ingestFinding(f: IngestFinding): void {
    this.refusals.push(f);
  }
}
