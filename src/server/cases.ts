import type { SqliteCaseStore, StoredCase } from '../adapters/storage/sqlite/case-store.js';
import type { AuditEntry } from '../adapters/storage/sqlite/server-store.js';
import {
  type Actor,
  applyCaseCommand,
  type Case,
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
 * The case workflow over the store: every command is checked by the core, written with its event and its
 * audit row in one transaction, and a closed case sets the decision of its filing version and tells the
 * filer and the broker.
 */
export class CaseService {
  constructor(
    private readonly store: SqliteCaseStore,
    private readonly policy: LivePolicy,
    /** Writes an audit row in the caller's transaction. */
    private readonly audit: (e: AuditEntry) => void,
  ) {}

  /**
   * Runs inside the transaction that stores the engine's decisions: opens a case for every held or
   * withheld filing version that has none, and keeps the outcome of closed cases over a decision the
   * engine emits again for the same version (a correction on the consignee-day re-decides it).
   */
  afterDecisions(decisions: Iterable<Decision>, nowIso: string): void {
    for (const d of decisions) {
      if (!OVERRIDABLE.has(d.status)) continue;
      const id = caseIdFor(d.filingId, d.version);
      const existing = this.store.get(id);
      if (existing !== undefined) {
        if (existing.case.disposition !== null)
          this.store.putDecision(closedDecision(d, existing.case, existing.case.closedAt!));
        continue;
      }
      if (!HOLDING.has(d.status)) continue;
      const at = later(nowIso, d.decidedAt);
      const opened = applyCaseCommand(
        null,
        { kind: 'open', caseId: id, decision: originOf(d) },
        SYSTEM_ACTOR,
        at,
        this.policy.casePolicy(d.decidedAt),
      );
      // The engine's decisions are well-formed, so this only fails on a corrupt decision: no case then.
      if (!opened.ok) continue;
      this.store.insert(opened.case, d.lane, opened.event);
      this.audit({
        at: nowIso,
        ...SYSTEM_AUDIT,
        action: 'case.open',
        target: id,
        before: null,
        after: { state: opened.case.state, seq: 1, filingId: d.filingId, version: d.version },
      });
    }
  }

  /** An officer opens a case of a held or withheld filing (the current version unless `version`). */
  open(who: Principal, filingId: string, version: number | undefined, nowIso: string): CaseAnswer {
    const actor = actorFor(who);
    if (actor === undefined || who.role !== 'officer')
      return { ok: false, error: apiError('FORBIDDEN', `a ${who.role} key may not open cases`) };
    const v = version ?? this.store.currentVersion(filingId);
    const d = v === undefined ? undefined : this.store.decision(filingId, v);
    if (d === undefined)
      return {
        ok: false,
        error: apiError(
          'NOT_FOUND',
          `no filing ${filingId}${version === undefined ? '' : ` version ${version}`}`,
          { path: '/filingId' },
        ),
      };
    const id = caseIdFor(d.filingId, d.version);
    const existing = this.store.get(id);
    const at = later(nowIso, d.decidedAt);
    const r = applyCaseCommand(
      existing?.case ?? null,
      { kind: 'open', caseId: id, decision: originOf(d) },
      actor,
      at,
      this.policy.casePolicy(d.decidedAt),
    );
    if (!r.ok) return { ok: false, error: caseError(r.code, r.message, r.path) };
    const written = this.store.db.transaction(() => {
      if (!this.store.insert(r.case, d.lane, r.event)) return false;
      this.audit({
        at: nowIso,
        ...actorOf(who),
        action: 'case.open',
        target: id,
        before: null,
        after: { state: r.case.state, seq: 1, filingId: d.filingId, version: d.version },
      });
      return true;
    })();
    if (!written) return { ok: false, error: apiError('CASE_ALREADY_OPEN', `case ${id} already exists`) };
    return { ok: true, stored: { case: r.case, lane: d.lane }, event: r.event, messages: 0 };
  }

  /** Any command but `open` on a case, by an officer or the case's filer. */
  command(who: Principal, id: string, body: unknown, nowIso: string): CaseAnswer {
    const actor = actorFor(who);
    if (actor === undefined)
      return { ok: false, error: apiError('FORBIDDEN', `a ${who.role} key may not work cases`) };
    const stored = this.visible(who, id);
    if (stored === undefined) return { ok: false, error: apiError('CASE_NOT_FOUND', `no case ${id}`) };
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
    const before = stored.case;
    // The server's clock is the instant of the command; a case touched by another process whose clock runs
    // ahead would otherwise refuse it as going back in time.
    const at = later(nowIso, before.updatedAt);
    const r = applyCaseCommand(before, command, actor, at, this.policy.casePolicy(before.origin.decidedAt));
    if (!r.ok) return { ok: false, error: caseError(r.code, r.message, r.path) };
    const out = this.store.db.transaction(() => {
      if (!this.store.update(r.case, before.seq, r.event)) return undefined;
      const messages = this.effects(before, r.case, r.event);
      this.audit({
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
      return messages;
    })();
    if (out === undefined)
      return {
        ok: false,
        error: apiError('CASE_CONFLICT', `case ${id} changed since it was read; read it and try again`),
      };
    return { ok: true, stored: { case: r.case, lane: stored.lane }, event: r.event, messages: out };
  }

  /** A case the caller may see; another filer's case is not found, as if it did not exist. */
  visible(who: Principal, id: string): StoredCase | undefined {
    const stored = this.store.get(id);
    return stored !== undefined && maySee(who, stored.case) ? stored : undefined;
  }

  /** Messages and decision changes a step causes; returns the number of messages written. */
  private effects(before: Case, after: Case, e: CaseEvent): number {
    const c = after;
    const tell = (code: string, text: string): number => {
      const base = { filingId: c.filingId, version: c.filingVersion, code, text, at: e.at };
      this.store.message({ ...base, role: 'filer', recipient: c.filer } satisfies Message);
      if (c.broker === null) return 1;
      this.store.message({ ...base, role: 'broker', recipient: c.broker } satisfies Message);
      return 2;
    };
    const p = e.payload;
    if (p.kind === 'request-documents')
      return tell(
        'DOCUMENTS_REQUESTED',
        `Filing ${c.filingId} v${c.filingVersion} (case ${c.id}): please provide ${p.documents.join(', ')}` +
          `${p.dueAt === null ? '' : ` by ${p.dueAt}`}. ${p.message}`.trim(),
      );
    if (p.kind === 'assess-penalty' && e.penalty !== undefined)
      return tell(
        'PENALTY_ASSESSED',
        `Filing ${c.filingId} v${c.filingVersion} (case ${c.id}): ${p.penalty} penalty of $${(e.penalty.amountCents / 100).toFixed(2)} assessed (${e.penalty.citation}).`,
      );
    if (p.kind === 'answer-dispute')
      return tell(
        p.accepted ? 'DISPUTE_ACCEPTED' : 'DISPUTE_REJECTED',
        `Filing ${c.filingId} v${c.filingVersion} (case ${c.id}): your dispute was ${p.accepted ? 'accepted' : 'rejected'}: ${p.reason}`,
      );
    if (p.kind !== 'close' || before.disposition !== null) return 0;
    const d = this.store.decision(c.filingId, c.filingVersion);
    if (d !== undefined) this.store.putDecision(closedDecision(d, c, e.at));
    return p.disposition === 'released'
      ? tell('RELEASED', `Filing ${c.filingId} v${c.filingVersion} released (1C) after case ${c.id}.`)
      : tell(
          `CASE_${DISPOSITION_CODES[p.disposition]}`,
          `Filing ${c.filingId} v${c.filingVersion} not released: ${p.disposition} (case ${c.id}): ${p.reason}`,
        );
  }
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
