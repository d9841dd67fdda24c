import type { CommitNeeds, OrderedHooks } from '../adapters/storage/ordered-store.js';
import {
  applySuspensionCommand,
  ledgerFromPeriods,
  type SuspensionCommand,
  type SuspensionLedger,
  type SuspensionPeriod,
  validateSuspensionCommand,
} from '../core/suspensions/index.js';
import { actorOf, type Principal } from './api-keys.js';
import { type ApiError, apiError } from './errors.js';
import { AnsweredOp, type CommitContext } from './group-writer.js';
import type { LivePolicy } from './live-policy.js';

export type SuspensionAnswer =
  | { readonly ok: true; readonly period: SuspensionPeriod; readonly appliedToPolicy: boolean }
  | { readonly ok: false; readonly error: ApiError };

/** The store holds what the ledger's rules allow; anything else is a corrupt or hand-edited table. */
export class SuspensionStoreCorrupt extends Error {}

/**
 * Suspensions of filers from Type 86 and their reinstatements: recorded by admins, checked by the core,
 * stored with an audit row in the writer's order, and fed at once into the policy the engine reads, so a
 * suspended filer's later Type 86 filings are refused (FILER_SUSPENDED) from the effective instant.
 *
 * The ledger is the engine's: the store loads it with the engine's state (`loaded`), and on PostgreSQL
 * every process replays the suspensions the others recorded at their place in the global order
 * (`replayed`), so all of them decide the same records the same way.
 */
export class SuspensionService implements OrderedHooks {
  private ledger: SuspensionLedger = new Map();

  constructor(private readonly policy: LivePolicy) {}

  loaded(periods: readonly SuspensionPeriod[]): void {
    const loaded = ledgerFromPeriods(periods);
    if (!loaded.ok) throw new SuspensionStoreCorrupt(`suspensions table: ${loaded.code}: ${loaded.message}`);
    this.set(loaded.ledger);
  }

  replayed(period: SuspensionPeriod): void {
    // As the table does: a period replaces the one of the same filer and start.
    const periods = [...this.ledger.values()]
      .flat()
      .filter((p) => !(p.filer === period.filer && p.from === period.from));
    this.loaded([...periods, period]);
  }

  /** Checks a command before it is queued: the role and the command's shape. */
  check(
    who: Principal,
    body: unknown,
  ): { ok: true; command: SuspensionCommand } | { ok: false; error: ApiError } {
    if (who.role !== 'admin')
      return { ok: false, error: apiError('FORBIDDEN', `a ${who.role} key may not suspend filers`) };
    const valid = validateSuspensionCommand(body);
    if (!valid.ok) return { ok: false, error: apiError(valid.code, valid.message, { path: valid.path }) };
    return { ok: true, command: valid.command };
  }

  /** The operation that records a checked command in the writer's order. */
  op(who: Principal, command: SuspensionCommand, nowIso: string): SuspensionOp {
    return new SuspensionOp(this, who, command, nowIso);
  }

  /** @internal the ledger as of the commit running now. */
  current(): SuspensionLedger {
    return this.ledger;
  }

  /** @internal */
  set(ledger: SuspensionLedger): void {
    this.ledger = ledger;
    this.policy.setLedger(ledger);
  }

  get feedsPolicy(): boolean {
    return this.policy.feedsSuspensions;
  }
}

export class SuspensionOp extends AnsweredOp<SuspensionAnswer> {
  constructor(
    private readonly service: SuspensionService,
    private readonly who: Principal,
    private readonly command: SuspensionCommand,
    private readonly nowIso: string,
  ) {
    super();
  }

  needs(_n: CommitNeeds): void {}

  run(c: CommitContext): void {
    const { who, command, nowIso } = this;
    // Admins act for CBP: to the core they are the officer who decides the suspension.
    const actor = { id: `key:${who.keyId}`, role: 'officer' as const, organization: who.org };
    const ledger = this.service.current();
    const r = applySuspensionCommand(ledger, command, actor, nowIso);
    if (!r.ok) {
      this.result = { ok: false, error: apiError(r.code, r.message, r.path === '' ? {} : { path: r.path }) };
      return;
    }
    const before = ledger.get(command.filer)?.at(-1) ?? null;
    // Records after this one in the commit are screened under the new ledger; a failed commit reloads it.
    this.service.set(r.ledger);
    c.suspension(r.period);
    c.audits.push({
      at: nowIso,
      ...actorOf(who),
      action: `suspension.${command.kind}`,
      target: command.filer,
      before: before === null ? null : { from: before.from, until: before.until },
      after: { from: r.period.from, until: r.period.until },
    });
    this.result = { ok: true, period: r.period, appliedToPolicy: this.service.feedsPolicy };
  }
}
