import type { SqliteCaseStore } from '../adapters/storage/sqlite/case-store.js';
import type { AuditEntry } from '../adapters/storage/sqlite/server-store.js';
import {
  applySuspensionCommand,
  ledgerFromPeriods,
  type SuspensionLedger,
  type SuspensionPeriod,
  validateSuspensionCommand,
} from '../core/suspensions/index.js';
import { actorOf, type Principal } from './api-keys.js';
import { type ApiError, apiError } from './errors.js';
import type { LivePolicy } from './live-policy.js';

export type SuspensionAnswer =
  | { readonly ok: true; readonly period: SuspensionPeriod; readonly appliedToPolicy: boolean }
  | { readonly ok: false; readonly error: ApiError };

/** The store holds what the ledger's rules allow; anything else is a corrupt or hand-edited table. */
export class SuspensionStoreCorrupt extends Error {}

/**
 * Suspensions of filers from Type 86 and their reinstatements: recorded by admins, checked by the core,
 * stored with an audit row, and fed at once into the policy the engine reads, so a suspended filer's
 * later Type 86 filings are refused (FILER_SUSPENDED) from the effective instant.
 */
export class SuspensionService {
  private ledger: SuspensionLedger;

  constructor(
    private readonly store: SqliteCaseStore,
    private readonly policy: LivePolicy,
    private readonly audit: (e: AuditEntry) => void,
  ) {
    const loaded = ledgerFromPeriods(store.suspensionPeriods());
    if (!loaded.ok) throw new SuspensionStoreCorrupt(`suspensions table: ${loaded.code}: ${loaded.message}`);
    this.ledger = loaded.ledger;
    policy.setLedger(this.ledger);
  }

  command(who: Principal, body: unknown, nowIso: string): SuspensionAnswer {
    if (who.role !== 'admin')
      return { ok: false, error: apiError('FORBIDDEN', `a ${who.role} key may not suspend filers`) };
    const valid = validateSuspensionCommand(body);
    if (!valid.ok) return { ok: false, error: apiError(valid.code, valid.message, { path: valid.path }) };
    // Admins act for CBP: to the core they are the officer who decides the suspension.
    const actor = { id: `key:${who.keyId}`, role: 'officer' as const, organization: who.org };
    const r = applySuspensionCommand(this.ledger, valid.command, actor, nowIso);
    if (!r.ok)
      return { ok: false, error: apiError(r.code, r.message, r.path === '' ? {} : { path: r.path }) };
    const before = this.ledger.get(valid.command.filer)?.at(-1) ?? null;
    this.store.db.transaction(() => {
      this.store.putSuspension(r.period);
      this.audit({
        at: nowIso,
        ...actorOf(who),
        action: `suspension.${valid.command.kind}`,
        target: valid.command.filer,
        before: before === null ? null : { from: before.from, until: before.until },
        after: { from: r.period.from, until: r.period.until },
      });
    })();
    this.ledger = r.ledger;
    this.policy.setLedger(r.ledger);
    return { ok: true, period: r.period, appliedToPolicy: this.policy.feedsSuspensions };
  }

  /** Every period, by filer then start; one filer's when `filer` is given. */
  periods(filer?: string): SuspensionPeriod[] {
    const all = [...this.ledger.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .flatMap(([, list]) => list);
    return filer === undefined ? all : all.filter((p) => p.filer === filer);
  }
}
