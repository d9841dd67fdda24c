import type { ParameterHistory, ParameterSet } from '../../policy/index.js';
import { easternWallClockToUtc } from '../../time/index.js';
import type { Actor, Case, CaseCommand, CaseOrigin, CasePolicy, CaseState, ExamResult } from '../schema.js';
import type { TransitionKey } from '../transitions.js';

export const officer: Actor = { id: 'officer-1', role: 'officer', organization: 'CBP' };
export const officer2: Actor = { id: 'officer-2', role: 'officer', organization: 'CBP' };
export const filer: Actor = { id: 'clerk@a7k', role: 'filer', organization: 'A7K' };
export const otherFiler: Actor = { id: 'clerk@zz9', role: 'filer', organization: 'ZZ9' };
export const system: Actor = { id: 'screener', role: 'system', organization: 'CBP' };

/** `civil-penalty-usd` as written in policy/parameters/fees-and-penalties.yaml. */
export const civilPenaltyHistory: ParameterHistory = {
  name: 'civil-penalty-usd',
  description: 'Civil penalty for a violation of Section 321 (first violation; each later one)',
  values: [
    {
      fromMs: Number.NEGATIVE_INFINITY,
      from: 'origin',
      value: null,
      citation: 'none before 19 U.S.C. 1321(c)',
    },
    {
      fromMs: easternWallClockToUtc('2025-07-04'),
      from: '2025-07-04',
      value: { first: 5000, later: 10000 },
      citation: '19 U.S.C. 1321(c) as added by Pub. L. 119-21 §70531',
    },
    {
      fromMs: easternWallClockToUtc('2027-07-01'),
      from: '2027-07-01',
      value: null,
      citation: 'Pub. L. 119-21 §70531 (penalty ends with the repeal of (a)(2)(C))',
    },
  ],
};

export const casePolicy = (params: ParameterSet = new Map([['civil-penalty-usd', civilPenaltyHistory]])) =>
  ({
    params,
    liquidatedDamages: { multiple: 3, citation: '19 CFR 113.62(m)(1) (test value: 3 × value)' },
  }) satisfies CasePolicy;

export const withheldDecision: CaseOrigin = {
  filingId: 'A7K-1234567-8',
  version: 1,
  status: 'withheld',
  codes: ['4M'],
  filer: 'A7K',
  broker: 'BRK1',
  valueUsd: 420,
  decidedAt: '2026-01-10T14:00:00Z',
};

export const T0 = '2026-01-10T15:00:00Z';
/** Instants after T0, one hour apart, so that every command in a test comes later than the last. */
export const hour = (n: number) => new Date(Date.parse(T0) + n * 3_600_000).toISOString();

/** A case put straight into a state with the records that state implies, for table tests. */
export function caseIn(state: CaseState, exam: ExamResult | null = null): Case {
  const closed = state.startsWith('closed-');
  return {
    id: 'case-1',
    filingId: withheldDecision.filingId,
    filingVersion: 1,
    filer: 'A7K',
    broker: 'BRK1',
    origin: withheldDecision,
    state,
    disposition: closed ? (state.slice('closed-'.length) as Case['disposition']) : null,
    assignee: 'officer-1',
    openedAt: T0,
    updatedAt: T0,
    closedAt: closed ? T0 : null,
    documentRequests:
      state === 'awaiting-documents' || state === 'documents-received'
        ? [
            {
              requestedAt: T0,
              requestedBy: 'officer-1',
              documents: ['commercial invoice'],
              message: '',
              dueAt: null,
              answeredAt: state === 'documents-received' ? T0 : null,
              answer: state === 'documents-received' ? { documents: [], message: 'attached' } : null,
            },
          ]
        : [],
    exam:
      exam === null
        ? null
        : { result: exam, notes: '', findings: [], examinedAt: T0, examinedBy: 'officer-1' },
    disputes:
      state === 'disputed'
        ? [
            {
              raisedIn: exam === null ? 'open' : 'examined',
              raisedAt: T0,
              raisedBy: 'clerk@a7k',
              reason: 'the value is right',
              answeredAt: null,
              answeredBy: null,
              accepted: null,
              answer: null,
            },
          ]
        : [],
    penalties: [],
    notes: [],
    seq: 3,
  };
}

/** A valid command for each table key, with the actor allowed to send it. */
export function commandFor(key: TransitionKey): { command: CaseCommand; actor: Actor } {
  if (key.startsWith('close:'))
    return {
      command: {
        kind: 'close',
        disposition: key.slice('close:'.length) as Extract<CaseCommand, { kind: 'close' }>['disposition'],
        reason: 'done',
      },
      actor: officer,
    };
  switch (key) {
    case 'assign':
      return { command: { kind: 'assign', assignee: 'officer-2' }, actor: officer };
    case 'annotate':
      return { command: { kind: 'annotate', note: 'called the broker' }, actor: officer };
    case 'request-documents':
      return {
        command: {
          kind: 'request-documents',
          documents: ['commercial invoice'],
          message: 'please',
          dueAt: null,
        },
        actor: officer,
      };
    case 'filer-answer':
      return {
        command: {
          kind: 'filer-answer',
          documents: [{ name: 'invoice.pdf', reference: 's3://docs/invoice.pdf' }],
          message: 'attached',
        },
        actor: filer,
      };
    case 'filer-dispute':
      return {
        command: { kind: 'filer-dispute', reason: 'the consignees are different people' },
        actor: filer,
      };
    case 'answer-dispute':
      return { command: { kind: 'answer-dispute', accepted: false, reason: 'same address' }, actor: officer };
    case 'start-exam':
      return { command: { kind: 'start-exam', notes: '' }, actor: officer };
    case 'record-exam':
      return {
        command: {
          kind: 'record-exam',
          result: 'discrepancy',
          notes: 'undervalued',
          findings: ['undervalued'],
        },
        actor: officer,
      };
    case 'assess-penalty':
      return {
        command: {
          kind: 'assess-penalty',
          penalty: 'civil-1321c',
          violationAt: null,
          priorViolations: 0,
          amountCents: null,
          reason: 'split order',
        },
        actor: officer,
      };
  }
  throw new Error(`no fixture for ${key}`);
}
