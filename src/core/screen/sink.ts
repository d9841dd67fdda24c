import type { Decision, Message } from '../decision/index.js';
import type { Finding } from '../findings/index.js';
import type { ShipmentFacts } from '../policy/index.js';
import type { StoredRisk } from './targeting.js';

/** What the engine remembers about a filing's current version; enough to restore it after a restart. */
export interface FilingStateRow {
  readonly id: string;
  readonly version: number;
  readonly seq: number;
  readonly kind: string;
  readonly mode: string;
  readonly filer: string;
  readonly broker: string | null;
  readonly conveyanceId: string;
  readonly filedAt: string;
  readonly filedAtMs: number;
  readonly edaDay: string | null;
  readonly valueCents: number | null;
  readonly partyKey: string | null;
  readonly variant: string | null;
  readonly match: string | null;
  readonly reason: string | null;
  readonly provisionalCents: number;
  readonly rejected: boolean;
  readonly cancelled: boolean;
  readonly findings: readonly Finding[];
  /** Content hash of every version seen, index = version - 1 (0 for a version never seen). */
  readonly hashes: readonly number[];
  /** What the eligibility rules read, so they can run again at arrival after a restart. */
  readonly facts: ShipmentFacts | null;
  /**
   * The lane of this version and what the risk memory learned from the filing; on restore the store adds
   * the rule results (`outcome`) from the decision of this version.
   */
  readonly risk: StoredRisk | null;
}

export interface ConveyanceRow {
  readonly conveyanceId: string;
  readonly arrivedAt: string;
  readonly arrivedAtMs: number;
  readonly port: string;
}

export interface VariantRow {
  readonly addressKey: string;
  readonly nameKey: string;
  /** The name as first filed; restoring normalizes it again. */
  readonly raw: string;
  readonly partyKey: string;
  readonly match: string;
  readonly reason: string;
}

export interface IngestFinding extends Finding {
  readonly line: number;
  readonly filingId: string | null;
}

/**
 * Where the engine's effects go. The store adapter implements it inside one transaction per batch;
 * tests use an in-memory one. Calls come in the order the effects happened.
 */
export interface ScreenSink {
  filingVersion(row: { id: string; version: number; seq: number; line: number; body: string }): void;
  filingState(row: FilingStateRow): void;
  decision(d: Decision): void;
  message(m: Message): void;
  conveyance(c: ConveyanceRow): void;
  variant(v: VariantRow): void;
  ingestFinding(f: IngestFinding): void;
}

/** The engine's durable state, read back from a store at start-up. */
export interface ScreenSnapshot {
  readonly filings: Iterable<FilingStateRow>;
  readonly conveyances: Iterable<ConveyanceRow>;
  readonly variants: Iterable<VariantRow>;
}
