import type { Decision, Message } from '../../decision/index.js';
import type {
  ConveyanceRow,
  FilingStateRow,
  IngestFinding,
  ScreenSink,
  ScreenSnapshot,
  VariantRow,
} from '../sink.js';

/** An in-memory store with the same upsert semantics as the SQLite one, for engine tests. */
export class MemorySink implements ScreenSink {
  readonly states = new Map<string, FilingStateRow>();
  readonly decisions = new Map<string, Decision>();
  readonly messages: Message[] = [];
  readonly conveyances = new Map<string, ConveyanceRow>();
  readonly variants = new Map<string, VariantRow>();
  readonly findings: IngestFinding[] = [];
  readonly versions = new Map<string, string>();
  effects = 0;

  filingVersion(row: { id: string; version: number; body: string }): void {
    this.effects++;
    this.versions.set(`${row.id}#${row.version}`, row.body);
  }
  filingState(row: FilingStateRow): void {
    this.effects++;
    this.states.set(row.id, row);
  }
  decision(d: Decision): void {
    this.effects++;
    this.decisions.set(`${d.filingId}#${d.version}`, d);
  }
  message(m: Message): void {
    this.effects++;
    this.messages.push(m);
  }
  conveyance(c: ConveyanceRow): void {
    this.effects++;
    if (!this.conveyances.has(c.conveyanceId)) this.conveyances.set(c.conveyanceId, c);
  }
  variant(v: VariantRow): void {
    this.effects++;
    const k = `${v.addressKey}#${v.nameKey}`;
    if (!this.variants.has(k)) this.variants.set(k, v);
  }
  ingestFinding(f: IngestFinding): void {
    this.effects++;
    this.findings.push(f);
  }

  snapshot(): ScreenSnapshot {
    return {
      filings: [...this.states.values()].sort((a, b) => a.seq - b.seq),
      conveyances: [...this.conveyances.values()],
      variants: [...this.variants.values()],
    };
  }

  /** Current decision per filing id (latest version). */
  current(): Map<string, Decision> {
    const out = new Map<string, Decision>();
    for (const s of this.states.values()) {
      const d = this.decisions.get(`${s.id}#${s.version}`);
      if (d !== undefined) out.set(s.id, d);
    }
    return out;
  }
}
