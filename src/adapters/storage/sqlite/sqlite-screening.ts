import type { Decision } from '../../../core/decision/index.js';
import type { Policy } from '../../../core/policy/index.js';
import type { ReferenceData } from '../../../core/refdata/reference-data.js';
import { Screener } from '../../../core/screen/index.js';
import type { Targeting } from '../../../core/screen/targeting.js';
import {
  prepared,
  type ScreeningStore,
  type StoredMessage,
  type SubmitResult,
  type SubmittedRecord,
} from '../screening-store.js';
import { SqliteStore } from './sqlite-store.js';

/**
 * The engine on the embedded store: one writer process, the engine state restored from the tables at
 * open, each submission one transaction.
 */
export class SqliteScreening implements ScreeningStore {
  readonly kind = 'sqlite' as const;
  private screener: Screener;

  constructor(
    readonly store: SqliteStore,
    private readonly policy: Policy,
    private readonly ref: ReferenceData,
    private readonly targeting?: Targeting,
  ) {
    this.screener = new Screener(policy, targeting);
    this.screener.restore(store.snapshot());
  }

  static open(path: string, policy: Policy, ref: ReferenceData, targeting?: Targeting): SqliteScreening {
    return new SqliteScreening(new SqliteStore(path), policy, ref, targeting);
  }

  async submit(records: readonly SubmittedRecord[], source: string): Promise<SubmitResult> {
    const batch = this.store.batch(source, '');
    try {
      for (const r of records) this.screener.apply(prepared(r, this.ref), batch);
      batch.commit();
    } catch (e) {
      // The engine applied what the store refused: rebuild it from what is committed.
      this.rebuild();
      throw e;
    }
    return { decisions: [...batch.decisions.values()], findings: batch.findings };
  }

  async decision(filingId: string): Promise<Decision | undefined> {
    const row = this.store.db
      .prepare(
        `SELECT d.body FROM filing_state s JOIN decision_bodies d ON d.filing_id = s.id AND d.version = s.version
         WHERE s.id = ?`,
      )
      .get(filingId) as { body: string } | undefined;
    return row === undefined ? undefined : (JSON.parse(row.body) as Decision);
  }

  async decisionHistory(filingId: string): Promise<Decision[]> {
    return this.store.decisionHistory(filingId);
  }

  async messages(recipient: string | undefined, afterId: number, limit: number): Promise<StoredMessage[]> {
    return this.store.messages(recipient, afterId, limit);
  }

  async currentDecisions(): Promise<Decision[]> {
    return [...this.store.decisions()];
  }

  async close(): Promise<void> {
    this.store.close();
  }

  private rebuild(): void {
    this.screener = new Screener(this.policy, this.targeting);
    this.screener.restore(this.store.snapshot());
  }
}
