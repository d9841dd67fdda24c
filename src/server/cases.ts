import type { CommitNeeds } from '../adapters/storage/ordered-store.js';
import type { ServerData, StoredCase } from '../adapters/storage/server-data.js';
import {
  type Actor,
  applyCaseCommand,
  type Case,
  type CaseCommand,
  type CaseErrorCode,
  type CaseEvent,
  type CaseOrigin,
  validateCaseCommand,
} from '../core/cases/index.js';
import type { Decision, Message } from '../core/decision/index.js';
import type { CaseOutcome } from '../core/decision/schema.js';
import { parseInstant } from '../core/time/index.js';
import { actorOf, type Principal } from './api-keys.js';
import { maySee } from './context.js';
import { type ApiError, apiError, type ErrorCode } from './errors.js';
import { AnsweredOp, type CommitContext } from './group-writer.js';
import type { LivePolicy } from './live-policy.js';

/** The engine opens cases of the shipments it holds or withholds. */
export const SYSTEM_ACTOR: Actor = { id: 'minimis', role: 'system', organization: 'CBP' };
const SYSTEM_AUDIT = { actor: 'system', org: null, role: null };

/** One case per held filing version: the id is derived, so the engine and an officer cannot open two. */
export const caseIdFor = (filingId: string, version: number): string => `${filingId}.v${version}`;

const HOLDING = new Set(['held', 'withheld']);
/** A case closed on the filing version decides it; these are the engine's statuses it may override. */
const OVERRIDABLE = new Set(['held', 'withheld', 'released', 'rejected']);

/** The first code of a decision a case closed without release. */
const DISPOSITION_CODES: Readonly<Record<string, string>> = {
  seized: 'SEIZED',
  abandoned: 'ABANDONED',
  exported: 'EXPORTED',
  'returned-to-sender': 'RETURNED_TO_SENDER',
  destroyed: 'DESTROYED',
  'denied-entry': 'DENIED_ENTRY',
};

export type CaseAnswer =
  | { readonly ok: true; readonly stored: StoredCase; readonly event: CaseEvent; readonly messages: number }
  | { readonly ok: false; readonly error: ApiError };

export function originOf(d: Decision): CaseOrigin {
  return {
    filingId: d.filingId,
    version: d.version,
    status: d.status,
    codes: d.codes,
    filer: d.filer,
    broker: d.broker,
    valueUsd: d.valueUsd,
    decidedAt: d.decidedAt,
  };
}

/** The workflow's actor for an API key; only officer and filer keys work cases. */
export function actorFor(who: Principal): Actor | undefined {
  if (who.role !== 'officer' && who.role !== 'filer') return undefined;
  return { id: `key:${who.keyId}`, role: who.role, organization: who.org };
}

/**
 * Opens a case for every held or withheld filing version the commit decided that has none, and keeps the
 * outcome of closed cases over a decision the engine emits again for the same version (a correction on the
 * consignee-day re-decides it); sets the decision of every case closed in the commit. Runs at the end of
 * every commit, in its transaction.
 */
export function caseFinish(policy: LivePolicy) {
  const candidates = (c: CommitContext) =>
    [...c.effects.decisions.values()].filter((d) => OVERRIDABLE.has(d.status));
  return {
    needs(c: CommitContext): void {
      for (const d of candidates(c)) c.more.cases.push(caseIdFor(d.filingId, d.version));
    },
    run(c: CommitContext): void {
      for (const closed of [...c.closedHere()]) {
        const d = c.decisionOf(closed.filingId, closed.filingVersion);
        if (d !== undefined) c.setDecision(closedDecision(d, closed, closed.closedAt!));
      }
      for (const d of candidates(c)) {
        const id = caseIdFor(d.filingId, d.version);
        const existing = c.caseNow(id);
        if (existing !== undefined) {
          if (existing.case.disposition !== null)
            c.setDecision(closedDecision(d, existing.case, existing.case.closedAt!));
          continue;
        }
        if (!HOLDING.has(d.status)) continue;
        const nowIso = c.nowIso;
        const opened = applyCaseCommand(
          null,
          { kind: 'open', caseId: id, decision: originOf(d) },
          SYSTEM_ACTOR,
          later(nowIso, d.decidedAt),
          policy.casePolicy(d.decidedAt),
        );
        // The engine's decisions are well-formed, so this only fails on a corrupt decision: no case then.
        if (!opened.ok) continue;
        c.openCase({ case: opened.case, lane: d.lane }, opened.event);
        c.audits.push({
          at: nowIso,
          ...SYSTEM_AUDIT,
          action: 'case.open',
          target: id,
          before: null,
          after: { state: opened.case.state, seq: 1, filingId: d.filingId, version: d.version },
        });
      }
    },
  };
}

/**
 * An officer opens a case of a held or withheld filing (the current version unless `version`). The
 * decision is read with the commit; whether the case exists is known once the commit has read it, so the
 * open is decided at the end of the commit (`late`).
 */
export class CaseOpenOp extends AnsweredOp<CaseAnswer> {
  private target: { d: Decision; id: string } | undefined;

  constructor(
    private readonly policy: LivePolicy,
    private readonly who: Principal,
    private readonly filingId: string,
    private readonly version: number | undefined,
    private readonly nowIso: string,
  ) {
    super();
  }

  needs(n: CommitNeeds): void {
    n.decisions.push({ filingId: this.filingId, version: this.version ?? null });
  }

  run(c: CommitContext): void {
    const { filingId, version } = this;
    const stored = c.view.decision(filingId, version ?? null);
    // A decision the engine changed earlier in this commit is the one a case starts from.
    const d = stored === undefined ? undefined : (c.decidedHere(filingId, stored.version) ?? stored);
    if (d === undefined) {
      this.result = {
        ok: false,
        error: apiError(
          'NOT_FOUND',
          `no filing ${filingId}${version === undefined ? '' : ` version ${version}`}`,
          {
            path: '/filingId',
          },
        ),
      };
      return;
    }
    this.target = { d, id: caseIdFor(d.filingId, d.version) };
    c.more.cases.push(this.target.id);
  }

  late(c: CommitContext): void {
    if (this.target === undefined) return;
    const { d, id } = this.target;
    const who = this.who;
    const r = applyCaseCommand(
      c.caseNow(id)?.case ?? null,
      { kind: 'open', caseId: id, decision: originOf(d) },
      actorFor(who)!,
      later(this.nowIso, d.decidedAt),
      this.policy.casePolicy(d.decidedAt),
    );
    if (!r.ok) {
      this.result = { ok: false, error: caseError(r.code, r.message, r.path) };
      return;
    }
    const stored = { case: r.case, lane: d.lane };
    c.openCase(stored, r.event);
    c.audits.push({
      at: this.nowIso,
      ...actorOf(who),
      action: 'case.open',
      target: id,
      before: null,
      after: { state: r.case.state, seq: 1, filingId: d.filingId, version: d.version },
    });
    this.result = { ok: true, stored, event: r.event, messages: 0 };
  }
}

/** Any command but `open` on a case, by an officer or the case's filer (checked before it is queued). */
export class CaseCommandOp extends AnsweredOp<CaseAnswer> {
  constructor(
    private readonly policy: LivePolicy,
    private readonly who: Principal,
    private readonly id: string,
    private readonly command: Exclude<CaseCommand, { kind: 'open' }>,
    private readonly nowIso: string,
  ) {
    super();
  }

  needs(n: CommitNeeds): void {
    n.cases.push(this.id);
  }

  run(c: CommitContext): void {
    const { who, id, command, nowIso } = this;
    const stored = c.caseNow(id);
    // Another filer's case is answered as one that does not exist.
    if (stored === undefined || !maySee(who, stored.case)) {
      this.result = { ok: false, error: apiError('CASE_NOT_FOUND', `no case ${id}`) };
      return;
    }
    const before = stored.case;
    // The server's clock is the instant of the command; a case touched by another process whose clock runs
    // ahead would otherwise refuse it as going back in time.
    const at = later(nowIso, before.updatedAt);
    const r = applyCaseCommand(
      before,
      command,
      actorFor(who)!,
      at,
      this.policy.casePolicy(before.origin.decidedAt),
    );
    if (!r.ok) {
      this.result = { ok: false, error: caseError(r.code, r.message, r.path) };
      return;
    }
    c.stepCase(stored, r.case, r.event);
    const messages = tell(c, before, r.case, r.event);
    c.audits.push({
      at: nowIso,
      ...actorOf(who),
      action: `case.${command.kind}`,
      target: id,
      before: { state: before.state, seq: before.seq },
      after: {
        state: r.case.state,
        seq: r.case.seq,
        ...(command.kind === 'close' ? { disposition: command.disposition } : {}),
        ...(r.event.penalty === undefined
          ? {}
          : { penalty: r.event.penalty.penalty, amountCents: r.event.penalty.amountCents }),
      },
    });
    this.result = { ok: true, stored: { case: r.case, lane: stored.lane }, event: r.event, messages };
  }
}

/** Checks a case command before it is queued: who may work cases, and the command's shape. */
export function checkCaseCommand(
  who: Principal,
  id: string,
  body: unknown,
): { ok: true; command: Exclude<CaseCommand, { kind: 'open' }> } | { ok: false; error: ApiError } {
  if (actorFor(who) === undefined)
    return { ok: false, error: apiError('FORBIDDEN', `a ${who.role} key may not work cases`) };
  const valid = validateCaseCommand(body);
  if (!valid.ok) return { ok: false, error: caseError(valid.code, valid.message, valid.path) };
  const command = valid.command;
  if (command.kind === 'open')
    return {
      ok: false,
      error: apiError('CASE_ALREADY_OPEN', `case ${id} exists; open cases with POST /v1/cases`, {
        path: '/kind',
      }),
    };
  return { ok: true, command };
}

/** A case the caller may see; another filer's case is not found, as if it did not exist. */
export async function visibleCase(
  data: ServerData,
  who: Principal,
  id: string,
): Promise<StoredCase | undefined> {
  const stored = await data.caseById(id);
  return stored !== undefined && maySee(who, stored.case) ? stored : undefined;
}

/** Messages a step causes (to the filer and the broker); returns how many. A close's decision is set at the end. */
function tell(c: CommitContext, before: Case, after: Case, e: CaseEvent): number {
  const k = after;
  const send = (code: string, text: string): number => {
    const base = { filingId: k.filingId, version: k.filingVersion, code, text, at: e.at };
    c.message({ ...base, role: 'filer', recipient: k.filer } satisfies Message);
    if (k.broker === null) return 1;
    c.message({ ...base, role: 'broker', recipient: k.broker } satisfies Message);
    return 2;
  };
  const p = e.payload;
  if (p.kind === 'request-documents')
    return send(
      'DOCUMENTS_REQUESTED',
      `Filing ${k.filingId} v${k.filingVersion} (case ${k.id}): please provide ${p.documents.join(', ')}` +
        `${p.dueAt === null ? '' : ` by ${p.dueAt}`}. ${p.message}`.trim(),
    );
  if (p.kind === 'assess-penalty' && e.penalty !== undefined)
    return send(
      'PENALTY_ASSESSED',
      `Filing ${k.filingId} v${k.filingVersion} (case ${k.id}): ${p.penalty} penalty of $${(e.penalty.amountCents / 100).toFixed(2)} assessed (${e.penalty.citation}).`,
    );
  if (p.kind === 'answer-dispute')
    return send(
      p.accepted ? 'DISPUTE_ACCEPTED' : 'DISPUTE_REJECTED',
      `Filing ${k.filingId} v${k.filingVersion} (case ${k.id}): your dispute was ${p.accepted ? 'accepted' : 'rejected'}: ${p.reason}`,
    );
  if (p.kind !== 'close' || before.disposition !== null) return 0;
  return p.disposition === 'released'
    ? send('RELEASED', `Filing ${k.filingId} v${k.filingVersion} released (1C) after case ${k.id}.`)
    : send(
        `CASE_${DISPOSITION_CODES[p.disposition]}`,
        `Filing ${k.filingId} v${k.filingVersion} not released: ${p.disposition} (case ${k.id}): ${p.reason}`,
      );
}

/** The decision of a filing version once its case closed: released (1C), or disposed with the ending's code. */
export function closedDecision(d: Decision, c: Case, closedAt: string): Decision {
  const released = c.disposition === 'released';
  const outcome: CaseOutcome = {
    id: c.id,
    disposition: c.disposition ?? 'released',
    closedAt,
    screened: d.case?.screened ?? { status: d.status, codes: d.codes, decidedAt: d.decidedAt },
  };
  return {
    ...d,
    status: released ? 'released' : 'disposed',
    codes: [released ? '1C' : (DISPOSITION_CODES[c.disposition ?? ''] ?? 'DISPOSED')],
    decidedAt: closedAt,
    case: outcome,
  };
}

/** What a filer may see of a case: not who it is assigned to, nor the officers' notes. */
export function caseFor(who: Principal, c: Case): Case {
  return who.role === 'filer' ? { ...c, assignee: null, notes: [] } : c;
}

export function eventsFor(who: Principal, events: readonly CaseEvent[]): CaseEvent[] {
  if (who.role !== 'filer') return [...events];
  return events
    .filter((e) => !(e.command === 'annotate' && e.actor.role !== 'filer'))
    .map((e) => (e.command === 'assign' ? { ...e, payload: { kind: 'assign', assignee: 'an officer' } } : e));
}

const CASE_STATUS: Readonly<Record<CaseErrorCode, ErrorCode>> = {
  CASE_COMMAND_INVALID: 'CASE_COMMAND_INVALID',
  CASE_NOT_FOUND: 'CASE_NOT_FOUND',
  CASE_ALREADY_OPEN: 'CASE_ALREADY_OPEN',
  CASE_DECISION_NOT_HOLDABLE: 'CASE_DECISION_NOT_HOLDABLE',
  CASE_ROLE_FORBIDDEN: 'CASE_ROLE_FORBIDDEN',
  CASE_NOT_YOURS: 'CASE_NOT_YOURS',
  CASE_TIME_REVERSED: 'CASE_TIME_REVERSED',
  CASE_CLOSED: 'CASE_CLOSED',
  CASE_TRANSITION_NOT_ALLOWED: 'CASE_TRANSITION_NOT_ALLOWED',
  CASE_EXAM_REQUIRED: 'CASE_EXAM_REQUIRED',
  CASE_EXAM_CONFLICT: 'CASE_EXAM_CONFLICT',
  PENALTY_NOT_IN_FORCE: 'PENALTY_NOT_IN_FORCE',
  PENALTY_OVER_MAXIMUM: 'PENALTY_OVER_MAXIMUM',
  PENALTY_NO_VALUE: 'PENALTY_NO_VALUE',
  PENALTY_VIOLATION_DATE_INVALID: 'PENALTY_VIOLATION_DATE_INVALID',
  PENALTY_ALREADY_ASSESSED: 'PENALTY_ALREADY_ASSESSED',
};

function caseError(code: CaseErrorCode, message: string, path: string): ApiError {
  return apiError(CASE_STATUS[code], message, path === '' ? {} : { path });
}

function later(a: string, b: string): string {
  return parseInstant(b) > parseInstant(a) ? b : a;
}
