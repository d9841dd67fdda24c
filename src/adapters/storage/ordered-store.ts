import type { Case, CaseEvent } from '../../core/cases/index.js';
import type { Decision } from '../../core/decision/index.js';
import type { Prepared, ScreenSink } from '../../core/screen/index.js';
import type { SuspensionPeriod } from '../../core/suspensions/index.js';
import type { EffectBuffer } from './screening-store.js';
import type { AuditEntry, DecisionSummary, FilingAccess, StoredCase } from './server-data.js';

/**
 * The write path of `minimis serve`: one commit at a time, in one global order, with the engine.
 *
 * A commit runs in three steps inside one transaction: the store reads what the commit's operations
 * declared they need (`needs`), the operations run in order against those reads and the engine
 * (`apply`: records are applied, case commands and suspensions checked), the store reads what that
 * turned out to need (cases of new holds, decisions of closed cases), and the operations' writes
 * (`writes`) are stored. Nothing is acknowledged before the transaction commits.
 *
 * On SQLite the whole commit is one synchronous transaction of the only writer process. On PostgreSQL it
 * runs under the screening advisory lock after the records other processes logged since this one last
 * held it have been replayed into the engine, so every process applies every record in the same order.
 */
export interface OrderedStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Runs one commit; rejects (nothing stored, the engine rebuilt from the store) when it fails. */
  commit(steps: CommitSteps): Promise<void>;
  close(): Promise<void>;
}

/** Called by the store when it (re)loads the engine, and for changes other processes logged. */
export interface OrderedHooks {
  /** The stored suspensions, read with the engine's state (at open and after a failed commit). */
  loaded(periods: readonly SuspensionPeriod[]): void;
  /** A suspension another process recorded, at its place in the order (PostgreSQL). */
  replayed(period: SuspensionPeriod): void;
}

export interface CommitNeeds {
  /** Filings whose owner, current version and current decision the commit reads. */
  readonly filings: string[];
  /** Whether an organization files or brokers a filing on a conveyance. */
  readonly conveyances: { conveyanceId: string; org: string }[];
  readonly cases: string[];
  /** Decisions of filing versions (`null`: the current version). */
  readonly decisions: { filingId: string; version: number | null }[];
}

export const noNeeds = (): CommitNeeds => ({ filings: [], conveyances: [], cases: [], decisions: [] });

/** A filing as the store holds it when the commit starts. */
export interface FilingView extends FilingAccess {
  readonly conveyanceId: string;
  /** The decision of the current version. */
  readonly summary: DecisionSummary | undefined;
}

/** What the store held when the commit read it: only what was declared in `needs` can be asked. */
export interface CommitView {
  filing(id: string): FilingView | undefined;
  onConveyance(conveyanceId: string, org: string): boolean;
  caseById(id: string): StoredCase | undefined;
  decision(filingId: string, version: number | null): Decision | undefined;
}

/** The engine at this commit's place in the order. */
export interface OrderedEngine {
  /** Applies a record; on PostgreSQL it is also logged for the other processes to replay. */
  apply(p: Exclude<Prepared, { type: 'invalid' }>, sink: ScreenSink): void;
  /** Logs a suspension for the other processes (PostgreSQL); the caller has fed it to the policy. */
  suspension(period: SuspensionPeriod): void;
}

export interface CommitWrites {
  /** The engine's effects, and messages of case steps. */
  readonly effects: EffectBuffer;
  readonly audits: readonly AuditEntry[];
  readonly caseInserts: readonly { case: Case; lane: string | null; event: CaseEvent }[];
  /** A case replaced (only if its stored seq is `expectedSeq`) with the events appended since. */
  readonly caseUpdates: readonly { case: Case; expectedSeq: number; events: readonly CaseEvent[] }[];
  /** Stored decisions replaced (case outcomes) of filing versions the engine did not decide again here. */
  readonly decisionUpdates: readonly Decision[];
  readonly suspensions: readonly SuspensionPeriod[];
}

export interface CommitSteps {
  needs(): CommitNeeds;
  apply(view: CommitView, engine: OrderedEngine): CommitNeeds;
  writes(view: CommitView): CommitWrites;
}

/** Thrown when a case row changed under a commit (it cannot while every case write is ordered). */
export class CaseSeqConflict extends Error {}

const decisionKey = (filingId: string, version: number | null) => `${filingId}\u0000${version ?? ''}`;

/** A view filled from the rows a store read for the declared needs. */
export class MapView implements CommitView {
  private readonly filings = new Map<string, FilingView | null>();
  private readonly conveyances = new Map<string, boolean>();
  private readonly cases = new Map<string, StoredCase | null>();
  private readonly decisions = new Map<string, Decision | null>();

  /** The needs not read yet (a commit's second read skips what the first one read). */
  missing(n: CommitNeeds): CommitNeeds {
    const uniq = <T>(xs: T[], key: (x: T) => string, has: (k: string) => boolean) => {
      const seen = new Set<string>();
      return xs.filter((x) => {
        const k = key(x);
        if (has(k) || seen.has(k)) return false;
        seen.add(k);
        return true;
      });
    };
    return {
      filings: uniq(
        n.filings,
        (x) => x,
        (k) => this.filings.has(k),
      ),
      conveyances: uniq(
        n.conveyances,
        (x) => `${x.conveyanceId}\u0000${x.org}`,
        (k) => this.conveyances.has(k),
      ),
      cases: uniq(
        n.cases,
        (x) => x,
        (k) => this.cases.has(k),
      ),
      decisions: uniq(
        n.decisions,
        (x) => decisionKey(x.filingId, x.version),
        (k) => this.decisions.has(k),
      ),
    };
  }

  /** Marks the needs as read (not found unless set afterwards). */
  expect(n: CommitNeeds): void {
    for (const id of n.filings) this.filings.set(id, null);
    for (const c of n.conveyances) this.conveyances.set(`${c.conveyanceId}\u0000${c.org}`, false);
    for (const id of n.cases) this.cases.set(id, null);
    for (const d of n.decisions) this.decisions.set(decisionKey(d.filingId, d.version), null);
  }

  setFiling(id: string, f: FilingView): void {
    this.filings.set(id, f);
  }
  setOnConveyance(conveyanceId: string, org: string): void {
    this.conveyances.set(`${conveyanceId}\u0000${org}`, true);
  }
  setCase(id: string, c: StoredCase): void {
    this.cases.set(id, c);
  }
  setDecision(filingId: string, version: number | null, d: Decision): void {
    this.decisions.set(decisionKey(filingId, version), d);
  }

  filing(id: string): FilingView | undefined {
    return this.read(this.filings, id, 'filing');
  }
  onConveyance(conveyanceId: string, org: string): boolean {
    return this.read(this.conveyances, `${conveyanceId}\u0000${org}`, 'conveyance') ?? false;
  }
  caseById(id: string): StoredCase | undefined {
    return this.read(this.cases, id, 'case');
  }
  decision(filingId: string, version: number | null): Decision | undefined {
    return this.read(this.decisions, decisionKey(filingId, version), 'decision');
  }

  private read<T>(m: Map<string, T | null>, k: string, what: string): T | undefined {
    const v = m.get(k);
    // Reading what was not declared would read outside the commit's snapshot order: a bug, not data.
    if (v === undefined) throw new Error(`the commit did not declare that it reads ${what} ${k}`);
    return v ?? undefined;
  }
}

/** The text a record is logged as, for other processes to replay (the filed body for filings). */
export function recordText(p: Exclude<Prepared, { type: 'invalid' }>): string {
  switch (p.type) {
    case 'filing':
    case 'amendment':
      return p.body;
    case 'arrival':
      return JSON.stringify({
        type: 'arrival',
        conveyanceId: p.conveyanceId,
        arrivedAt: p.arrivedAt,
        port: p.port,
      });
    case 'cancellation':
      return JSON.stringify({ type: 'cancellation', id: p.id, version: p.version });
  }
}
