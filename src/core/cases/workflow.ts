import { ParameterReader } from '../policy/eligibility.js';
import { parseInstant } from '../time/index.js';
import type {
  Actor,
  AssessedPenalty,
  Case,
  CaseCommand,
  CaseEvent,
  CasePolicy,
  CaseState,
  OpenCaseState,
} from './schema.js';
import { allowedTarget, COMMAND_ROLES, transitionKey } from './transitions.js';

/**
 * Stable error codes of the case workflow. The HTTP layer maps them to statuses: ROLE_FORBIDDEN and
 * NOT_YOURS to 403, NOT_FOUND to 404, ALREADY_OPEN / CLOSED / TRANSITION_NOT_ALLOWED / EXAM_* /
 * TIME_REVERSED / PENALTY_ALREADY_ASSESSED to 409, the rest to 422.
 */
export type CaseErrorCode =
  | 'CASE_COMMAND_INVALID'
  | 'CASE_NOT_FOUND'
  | 'CASE_ALREADY_OPEN'
  | 'CASE_DECISION_NOT_HOLDABLE'
  | 'CASE_ROLE_FORBIDDEN'
  | 'CASE_NOT_YOURS'
  | 'CASE_TIME_REVERSED'
  | 'CASE_CLOSED'
  | 'CASE_TRANSITION_NOT_ALLOWED'
  | 'CASE_EXAM_REQUIRED'
  | 'CASE_EXAM_CONFLICT'
  | 'PENALTY_NOT_IN_FORCE'
  | 'PENALTY_OVER_MAXIMUM'
  | 'PENALTY_NO_VALUE'
  | 'PENALTY_VIOLATION_DATE_INVALID'
  | 'PENALTY_ALREADY_ASSESSED';

export interface CaseError {
  readonly ok: false;
  readonly code: CaseErrorCode;
  readonly message: string;
  /** JSON pointer into the command ('' = the command as a whole, e.g. who sent it or when). */
  readonly path: string;
}
export type CaseResult = { readonly ok: true; readonly case: Case; readonly event: CaseEvent } | CaseError;

const fail = (code: CaseErrorCode, message: string, path = ''): CaseError => ({
  ok: false,
  code,
  message,
  path,
});

/**
 * Applies one command to a case (null: no case yet, only `open` is accepted) and returns the new
 * case with the event to append, or an error value. Pure: `at` is the instant the caller received
 * the command and the policy is passed in, so the same inputs always give the same answer.
 *
 * Checks run in this order, so that a caller learns nothing about a case it may not act on: role,
 * ownership, time order, closed, the transition table, then the command's own guards.
 */
export function applyCaseCommand(
  current: Case | null,
  command: CaseCommand,
  actor: Actor,
  at: string,
  policy: CasePolicy,
): CaseResult {
  const atMs = parseInstant(at);
  if (Number.isNaN(atMs)) return fail('CASE_COMMAND_INVALID', `'${at}' is not an RFC 3339 instant`);
  if (!COMMAND_ROLES[command.kind].includes(actor.role))
    return fail(
      'CASE_ROLE_FORBIDDEN',
      `a ${actor.role} may not ${command.kind}; allowed: ${COMMAND_ROLES[command.kind].join(', ')}`,
    );
  if (command.kind === 'open') {
    if (current !== null) return fail('CASE_ALREADY_OPEN', `case ${current.id} already exists`, '/caseId');
    return openCase(command, actor, at, atMs);
  }
  if (current === null) return fail('CASE_NOT_FOUND', `there is no case to ${command.kind}`);
  if (actor.role === 'filer' && actor.organization !== current.filer)
    return fail('CASE_NOT_YOURS', `case ${current.id} concerns a filing of another filer`);
  if (atMs < parseInstant(current.updatedAt))
    return fail('CASE_TIME_REVERSED', `${at} is before the case's last event at ${current.updatedAt}`);

  const key = transitionKey(command);
  const target = allowedTarget(current.state, key);
  if (target === undefined) {
    if (current.state.startsWith('closed-'))
      return fail(
        'CASE_CLOSED',
        `case ${current.id} is ${current.state}; a closed case only takes annotations`,
        '/kind',
      );
    return fail(
      'CASE_TRANSITION_NOT_ALLOWED',
      `${key} is not allowed in state ${current.state}`,
      command.kind === 'close' ? '/disposition' : '/kind',
    );
  }

  const by = actor.id;
  let next: Case;
  let penalty: AssessedPenalty | undefined;
  switch (command.kind) {
    case 'assign':
      next = { ...current, assignee: command.assignee };
      break;
    case 'annotate':
      next = { ...current, notes: [...current.notes, { at, by, note: command.note }] };
      break;
    case 'request-documents':
      if (command.dueAt !== null && !(parseInstant(command.dueAt) > atMs))
        return fail('CASE_COMMAND_INVALID', `the due date ${command.dueAt} is not after ${at}`, '/dueAt');
      next = {
        ...current,
        documentRequests: [
          ...current.documentRequests,
          {
            requestedAt: at,
            requestedBy: by,
            documents: command.documents,
            message: command.message,
            dueAt: command.dueAt,
            answeredAt: null,
            answer: null,
          },
        ],
      };
      break;
    case 'filer-answer': {
      // The table allows an answer only while awaiting documents, so the last request is the open one.
      const requests = current.documentRequests.slice();
      const last = requests.length - 1;
      requests[last] = {
        ...requests[last]!,
        answeredAt: at,
        answer: { documents: command.documents, message: command.message },
      };
      next = { ...current, documentRequests: requests };
      break;
    }
    case 'filer-dispute':
      next = {
        ...current,
        disputes: [
          ...current.disputes,
          {
            raisedIn: current.state as OpenCaseState,
            raisedAt: at,
            raisedBy: by,
            reason: command.reason,
            answeredAt: null,
            answeredBy: null,
            accepted: null,
            answer: null,
          },
        ],
      };
      break;
    case 'answer-dispute': {
      const disputes = current.disputes.slice();
      const last = disputes.length - 1;
      disputes[last] = {
        ...disputes[last]!,
        answeredAt: at,
        answeredBy: by,
        accepted: command.accepted,
        answer: command.reason,
      };
      next = { ...current, disputes };
      break;
    }
    case 'start-exam':
      next = { ...current };
      break;
    case 'record-exam':
      next = {
        ...current,
        exam: {
          result: command.result,
          notes: command.notes,
          findings: command.findings,
          examinedAt: at,
          examinedBy: by,
        },
      };
      break;
    case 'assess-penalty': {
      const assessed = assessPenalty(current, command, by, at, atMs, policy);
      if (!assessed.ok) return assessed;
      penalty = assessed.penalty;
      next = { ...current, penalties: [...current.penalties, penalty] };
      break;
    }
    case 'close': {
      const refused = closeGuard(current, command.disposition);
      if (refused !== undefined) return refused;
      next = { ...current, disposition: command.disposition, closedAt: at };
      break;
    }
  }

  const to = resolveTarget(current, target);
  next = { ...next, state: to, updatedAt: at, seq: current.seq + 1 };
  const event: CaseEvent = {
    caseId: current.id,
    seq: next.seq,
    at,
    actor,
    command: command.kind,
    from: current.state,
    to,
    payload: command,
    ...(penalty === undefined ? {} : { penalty }),
  };
  return { ok: true, case: next, event };
}

function resolveTarget(c: Case, target: CaseState | 'same' | 'resume'): CaseState {
  if (target === 'same') return c.state;
  if (target === 'resume') return c.disputes.at(-1)?.raisedIn ?? 'open';
  return target;
}

function openCase(command: Extract<CaseCommand, { kind: 'open' }>, actor: Actor, at: string, atMs: number) {
  const d = command.decision;
  if (d.status !== 'held' && d.status !== 'withheld')
    return fail(
      'CASE_DECISION_NOT_HOLDABLE',
      `a ${d.status} shipment is not held or withheld; only those become cases`,
      '/decision/status',
    );
  const decidedMs = parseInstant(d.decidedAt);
  if (Number.isNaN(decidedMs))
    return fail('CASE_COMMAND_INVALID', `'${d.decidedAt}' is not an RFC 3339 instant`, '/decision/decidedAt');
  if (atMs < decidedMs)
    return fail(
      'CASE_TIME_REVERSED',
      `${at} is before the decision at ${d.decidedAt}`,
      '/decision/decidedAt',
    );
  const opened: Case = {
    id: command.caseId,
    filingId: d.filingId,
    filingVersion: d.version,
    filer: d.filer,
    broker: d.broker,
    origin: d,
    state: 'open',
    disposition: null,
    assignee: null,
    openedAt: at,
    updatedAt: at,
    closedAt: null,
    documentRequests: [],
    exam: null,
    disputes: [],
    penalties: [],
    notes: [],
    seq: 1,
  };
  const event: CaseEvent = {
    caseId: command.caseId,
    seq: 1,
    at,
    actor,
    command: 'open',
    from: null,
    to: 'open',
    payload: command,
  };
  return { ok: true as const, case: opened, event };
}

/** Endings that need an exam to back them, and the one ending an exam can rule out. */
function closeGuard(c: Case, disposition: Case['disposition'] & string): CaseError | undefined {
  const exam = c.exam;
  if (disposition === 'seized' || disposition === 'destroyed') {
    if (exam === null)
      return fail('CASE_EXAM_REQUIRED', `${disposition} needs an exam on record`, '/disposition');
    if (disposition === 'seized' && exam.result !== 'seizure-worthy')
      return fail('CASE_EXAM_CONFLICT', `the exam found ${exam.result}: nothing to seize`, '/disposition');
    if (disposition === 'destroyed' && exam.result === 'no-discrepancy')
      return fail('CASE_EXAM_CONFLICT', 'the exam found no discrepancy: nothing to destroy', '/disposition');
    return undefined;
  }
  // Seizable goods (narcotics, counterfeits) leave CBP custody only by seizure or destruction.
  if (exam?.result === 'seizure-worthy')
    return fail(
      'CASE_EXAM_CONFLICT',
      `the exam found the goods seizure-worthy: they cannot be ${disposition}; re-examine to change that`,
      '/disposition',
    );
  return undefined;
}

function assessPenalty(
  c: Case,
  command: Extract<CaseCommand, { kind: 'assess-penalty' }>,
  by: string,
  at: string,
  atMs: number,
  policy: CasePolicy,
): { ok: true; penalty: AssessedPenalty } | CaseError {
  if (c.exam === null || c.exam.result === 'no-discrepancy')
    return fail('CASE_EXAM_CONFLICT', 'a penalty needs an exam that found a violation', '/penalty');
  if (c.penalties.some((p) => p.penalty === command.penalty))
    return fail('PENALTY_ALREADY_ASSESSED', `a ${command.penalty} penalty is already assessed`, '/penalty');
  const violationAt = command.violationAt ?? c.origin.decidedAt;
  const vMs = parseInstant(violationAt);
  if (Number.isNaN(vMs) || vMs > atMs)
    return fail(
      'PENALTY_VIOLATION_DATE_INVALID',
      `the violation date ${violationAt} is not an instant at or before ${at}`,
      '/violationAt',
    );

  let maximumCents: number;
  let basis: string;
  let citation: string;
  let since: string | null;
  if (command.penalty === 'civil-1321c') {
    // The cap in force when the violation happened, not when it is assessed (no retroactive penalty).
    const entry = new ParameterReader(policy.params, vMs).entry('civil-penalty-usd');
    if (entry === undefined || entry.value === null)
      return fail(
        'PENALTY_NOT_IN_FORCE',
        `no §1321(c) civil penalty was in force on ${violationAt}${entry === undefined ? '' : ` (${entry.citation})`}`,
        '/violationAt',
      );
    const first = command.priorViolations === 0;
    maximumCents = Math.round((first ? entry.value.first : entry.value.later) * 100);
    basis = first ? 'first violation' : `later violation (${command.priorViolations} earlier)`;
    citation = entry.citation;
    since = entry.from;
  } else {
    const valueUsd = c.origin.valueUsd;
    if (valueUsd === null || valueUsd <= 0)
      return fail(
        'PENALTY_NO_VALUE',
        'liquidated damages need the shipment value, which is unknown',
        '/penalty',
      );
    const multiple = policy.liquidatedDamages.multiple;
    maximumCents = Math.round(valueUsd * 100 * multiple);
    if (!(multiple > 0) || maximumCents < 1)
      return fail(
        'PENALTY_NOT_IN_FORCE',
        `the policy sets no liquidated damages (multiple ${multiple})`,
        '/penalty',
      );
    basis = `${multiple} × value $${valueUsd.toFixed(2)}`;
    citation = policy.liquidatedDamages.citation;
    since = null;
  }
  const amountCents = command.amountCents ?? maximumCents;
  if (amountCents > maximumCents)
    return fail(
      'PENALTY_OVER_MAXIMUM',
      `$${(amountCents / 100).toFixed(2)} is over the $${(maximumCents / 100).toFixed(2)} maximum (${basis}; ${citation})`,
      '/amountCents',
    );
  return {
    ok: true,
    penalty: {
      penalty: command.penalty,
      amountCents,
      maximumCents,
      violationAt,
      basis,
      citation,
      since,
      assessedAt: at,
      assessedBy: by,
      reason: command.reason,
    },
  };
}
