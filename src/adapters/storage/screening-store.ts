import type { Decision, Message } from '../../core/decision/index.js';
import type { Finding } from '../../core/findings/index.js';
import type { ReferenceData } from '../../core/refdata/reference-data.js';
import {
  type ConveyanceRow,
  type FilingStateRow,
  type IngestFinding,
  type Prepared,
  prepare,
  type ScreenSink,
  type VariantRow,
} from '../../core/screen/index.js';

/** One input record as submitted: the parsed value, its line in the source, and its text as filed. */
export interface SubmittedRecord {
  readonly value: unknown;
  readonly line: number;
  /** The record's text (an NDJSON line); stored as filed and replayed by other processes. */
  readonly text: string;
  /** Set when the line could not be read as a record: it is reported, never applied. */
  readonly error?: Finding;
}

export interface StoredMessage extends Message {
  readonly id: number;
}

/** What one submission changed, for the caller's answer. */
export interface SubmitResult {
  /** The decisions written by this submission (latest per filing version). */
  readonly decisions: readonly Decision[];
  /** Record-level findings of the submitted records (unreadable, version conflicts …). */
  readonly findings: readonly IngestFinding[];
}

/**
 * The screening engine together with its store: records go in, in a global order, and every effect they
 * have is committed with them. SQLite has one writer process; PostgreSQL lets several processes submit at
 * once and keeps the $800 totals exact by giving all records one order (see `pg-screening.ts`).
 */
export interface ScreeningStore {
  readonly kind: 'sqlite' | 'postgres';
  submit(records: readonly SubmittedRecord[], source: string): Promise<SubmitResult>;
  /** The decision of a filing's current version. */
  decision(filingId: string): Promise<Decision | undefined>;
  /** Every decision of one filing, version by version. */
  decisionHistory(filingId: string): Promise<Decision[]>;
  /** Messages to one filer or broker (all when undefined), oldest first, after a cursor. */
  messages(recipient: string | undefined, afterId: number, limit: number): Promise<StoredMessage[]>;
  /** The current decision of every filing, in filing order. */
  currentDecisions(): Promise<Decision[]>;
  close(): Promise<void>;
}

/** Effects of one transaction; later effects on the same filing version replace earlier ones. */
export class EffectBuffer implements ScreenSink {
  readonly versions: { id: string; version: number; seq: number; line: number; body: string }[] = [];
  readonly states = new Map<string, FilingStateRow>();
  readonly decisions = new Map<string, Decision>();
  readonly messages: Message[] = [];
  readonly conveyances: ConveyanceRow[] = [];
  readonly variants: VariantRow[] = [];
  readonly findings: IngestFinding[] = [];

  filingVersion(row: { id: string; version: number; seq: number; line: number; body: string }): void {
    this.versions.push(row);
  }
  filingState(row: FilingStateRow): void {
    this.states.set(row.id, row);
  }
  decision(d: Decision): void {
    this.decisions.set(`${d.filingId}\u0000${d.version}`, d);
  }
  message(m: Message): void {
    this.messages.push(m);
  }
  conveyance(c: ConveyanceRow): void {
    this.conveyances.push(c);
  }
  variant(v: VariantRow): void {
    this.variants.push(v);
  }
  ingestFinding(f: IngestFinding): void {
    this.findings.push(f);
  }
}

/** Effects of records another process already stored: the engine state moves, nothing is written. */
export const DISCARD: ScreenSink = {
  filingVersion() {},
  filingState() {},
  decision() {},
  message() {},
  conveyance() {},
  variant() {},
  ingestFinding() {},
};

/** The stateless stage for one submitted record. */
export function prepared(r: SubmittedRecord, ref: ReferenceData): Prepared {
  return r.error === undefined
    ? prepare(r.value, r.line, ref, r.text)
    : { type: 'invalid', line: r.line, findings: [r.error], id: undefined };
}
