import type { Actor } from '../cases/schema.js';
import { parseInstant } from '../time/index.js';
import type { SuspensionCommand, SuspensionPeriod } from './schema.js';

/** Every filer's suspension periods, each list in time order and without overlap. */
export type SuspensionLedger = ReadonlyMap<string, readonly SuspensionPeriod[]>;

export type SuspensionErrorCode =
  | 'SUSPENSION_COMMAND_INVALID'
  | 'SUSPENSION_ROLE_FORBIDDEN'
  | 'SUSPENSION_ALREADY_SUSPENDED'
  | 'SUSPENSION_OVERLAP'
  | 'SUSPENSION_NOT_SUSPENDED'
  | 'SUSPENSION_REINSTATED_BEFORE_SUSPENDED';

export interface SuspensionError {
  readonly ok: false;
  readonly code: SuspensionErrorCode;
  readonly message: string;
  /** JSON pointer into the command. */
  readonly path: string;
}
export type SuspensionResult =
  | { readonly ok: true; readonly ledger: SuspensionLedger; readonly period: SuspensionPeriod }
  | SuspensionError;

const fail = (code: SuspensionErrorCode, message: string, path = ''): SuspensionError => ({
  ok: false,
  code,
  message,
  path,
});

/**
 * Records a suspension or a reinstatement. Periods are only ever appended or closed, so a filer's
 * history reads as alternating suspended / reinstated spans. Effective dates may lie in the past
 * (a suspension recorded late) or the future (one announced ahead); `recordedAt` keeps when it
 * was written, so a decision taken before the record can be told apart from a wrong one.
 */
export function applySuspensionCommand(
  ledger: SuspensionLedger,
  command: SuspensionCommand,
  actor: Actor,
  at: string,
): SuspensionResult {
  if (actor.role !== 'officer')
    return fail('SUSPENSION_ROLE_FORBIDDEN', `a ${actor.role} may not ${command.kind} a filer`);
  if (Number.isNaN(parseInstant(at)))
    return fail('SUSPENSION_COMMAND_INVALID', `'${at}' is not an RFC 3339 instant`);
  const effMs = parseInstant(command.effectiveAt);
  if (Number.isNaN(effMs))
    return fail('SUSPENSION_COMMAND_INVALID', `'${command.effectiveAt}' is not an instant`, '/effectiveAt');
  const periods = ledger.get(command.filer) ?? [];
  const last = periods.at(-1);
  let next: SuspensionPeriod[];
  let period: SuspensionPeriod;

  if (command.kind === 'suspend') {
    if (last !== undefined && last.until === null)
      return fail(
        'SUSPENSION_ALREADY_SUSPENDED',
        `${command.filer} is suspended since ${last.from} and not reinstated`,
        '/filer',
      );
    // A new period is open-ended, so it must start after every earlier one has ended.
    if (last !== undefined && last.until !== null && effMs < parseInstant(last.until))
      return fail(
        'SUSPENSION_OVERLAP',
        `${command.effectiveAt} is before ${command.filer}'s reinstatement at ${last.until}`,
        '/effectiveAt',
      );
    period = {
      filer: command.filer,
      from: command.effectiveAt,
      until: null,
      reason: command.reason,
      remedialPlan: command.remedialPlan,
      recordedAt: at,
      recordedBy: actor.id,
      reinstatement: null,
    };
    next = [...periods, period];
  } else {
    if (last === undefined || last.until !== null)
      return fail('SUSPENSION_NOT_SUSPENDED', `${command.filer} is not suspended`, '/filer');
    if (effMs <= parseInstant(last.from))
      return fail(
        'SUSPENSION_REINSTATED_BEFORE_SUSPENDED',
        `reinstatement at ${command.effectiveAt} is not after the suspension from ${last.from}`,
        '/effectiveAt',
      );
    period = {
      ...last,
      until: command.effectiveAt,
      reinstatement: {
        effectiveAt: command.effectiveAt,
        reason: command.reason,
        recordedAt: at,
        recordedBy: actor.id,
      },
    };
    next = [...periods.slice(0, -1), period];
  }
  const out = new Map(ledger);
  out.set(command.filer, next);
  return { ok: true, ledger: out, period };
}

/** The period a filer is suspended under at an instant, if any. */
export function suspensionAt(
  ledger: SuspensionLedger,
  filer: string,
  atMs: number,
): SuspensionPeriod | undefined {
  return ledger.get(filer)?.find((p) => covers(p, atMs));
}

export function covers(p: SuspensionPeriod, atMs: number): boolean {
  return parseInstant(p.from) <= atMs && (p.until === null || atMs < parseInstant(p.until));
}

/**
 * Rebuilds a ledger from stored periods (e.g. rows read from a table), checking the same rules the
 * commands enforce, so a corrupt or hand-edited store is reported rather than fed to the policy.
 */
export function ledgerFromPeriods(
  periods: readonly SuspensionPeriod[],
): { ok: true; ledger: SuspensionLedger } | SuspensionError {
  const byFiler = new Map<string, SuspensionPeriod[]>();
  for (const p of periods) {
    const list = byFiler.get(p.filer) ?? [];
    list.push(p);
    byFiler.set(p.filer, list);
  }
  for (const [filer, list] of byFiler) {
    list.sort((a, b) => parseInstant(a.from) - parseInstant(b.from));
    for (let i = 0; i < list.length; i++) {
      const p = list[i]!;
      const fromMs = parseInstant(p.from);
      if (Number.isNaN(fromMs))
        return fail('SUSPENSION_COMMAND_INVALID', `${filer}: '${p.from}' is not an instant`, `/${i}/from`);
      if (p.until !== null && !(parseInstant(p.until) > fromMs))
        return fail(
          'SUSPENSION_REINSTATED_BEFORE_SUSPENDED',
          `${filer}: reinstated at ${p.until}, not after the suspension from ${p.from}`,
          `/${i}/until`,
        );
      const prev = list[i - 1];
      if (prev !== undefined && (prev.until === null || parseInstant(prev.until) > fromMs))
        return fail(
          'SUSPENSION_OVERLAP',
          `${filer}: the suspension from ${p.from} overlaps the one from ${prev.from}`,
          `/${i}/from`,
        );
    }
  }
  return { ok: true, ledger: byFiler };
}
