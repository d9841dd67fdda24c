import { type Static, Type as T } from '@sinclair/typebox';
import { Decision } from '../decision/schema.js';
import { Instant } from '../filing/schema.js';
import type { ParameterSet } from '../policy/parameters.js';

/**
 * The case workflow's contract: one TypeBox definition per record gives the TypeScript type, the
 * runtime validator (see `validateCaseCommand`) and the JSON Schema the HTTP layer publishes.
 * Objects are closed so that a misspelt field in a command is refused, not silently ignored.
 */
const closed = { additionalProperties: false } as const;
const Text = (max: number, description?: string) =>
  T.String({ minLength: 1, maxLength: max, ...(description === undefined ? {} : { description }) });
const Cents = (description: string) => T.Integer({ minimum: 1, description });

export const ActorRole = T.Union([T.Literal('officer'), T.Literal('filer'), T.Literal('system')], {
  description:
    'officer = CBP staff working cases; filer = the organization that filed the entry; system = automated rules (may only open cases)',
});
export type ActorRole = Static<typeof ActorRole>;

/** Who issues a command; the caller authenticates, the core only checks what the role may do. */
export const Actor = T.Object(
  {
    id: Text(100, 'User id within the organization'),
    role: ActorRole,
    organization: Text(20, 'CBP for officers; the filer code for filers'),
  },
  closed,
);
export type Actor = Static<typeof Actor>;

export const Disposition = T.Union(
  [
    T.Literal('released'),
    T.Literal('seized'),
    T.Literal('abandoned'),
    T.Literal('exported'),
    T.Literal('returned-to-sender'),
    T.Literal('destroyed'),
    T.Literal('denied-entry'),
  ],
  { description: 'How a case ends; every disposition is terminal' },
);
export type Disposition = Static<typeof Disposition>;
export const DISPOSITIONS: readonly Disposition[] = [
  'released',
  'seized',
  'abandoned',
  'exported',
  'returned-to-sender',
  'destroyed',
  'denied-entry',
];

export const OPEN_STATES = [
  'open',
  'awaiting-documents',
  'documents-received',
  'under-exam',
  'examined',
  'disputed',
] as const;
export type OpenCaseState = (typeof OPEN_STATES)[number];
export type ClosedCaseState = `closed-${Disposition}`;
export type CaseState = OpenCaseState | ClosedCaseState;
export const CLOSED_STATES: readonly ClosedCaseState[] = DISPOSITIONS.map((d) => `closed-${d}` as const);
export const CASE_STATES: readonly CaseState[] = [...OPEN_STATES, ...CLOSED_STATES];
export const CaseStateSchema = T.Union(
  CASE_STATES.map((s) => T.Literal(s)),
  { description: 'Workflow state; closed-<disposition> states are terminal' },
);

export const ExamResult = T.Union(
  [T.Literal('no-discrepancy'), T.Literal('discrepancy'), T.Literal('seizure-worthy')],
  { description: 'Outcome of a physical or document exam' },
);
export type ExamResult = Static<typeof ExamResult>;

/** The decision a case starts from: the fields of a screening decision the workflow needs. */
export const CaseOrigin = T.Pick(Decision, [
  'filingId',
  'version',
  'status',
  'codes',
  'filer',
  'broker',
  'valueUsd',
  'decidedAt',
]);
export type CaseOrigin = Static<typeof CaseOrigin>;

// ---- commands --------------------------------------------------------------------------------------

export const OpenCase = T.Object(
  {
    kind: T.Literal('open'),
    caseId: Text(64, 'Case id chosen by the caller (e.g. a ULID); unique'),
    decision: CaseOrigin,
  },
  closed,
);
export const Assign = T.Object(
  { kind: T.Literal('assign'), assignee: Text(100, 'Officer id the case is assigned to') },
  closed,
);
export const RequestDocuments = T.Object(
  {
    kind: T.Literal('request-documents'),
    documents: T.Array(Text(200), {
      minItems: 1,
      maxItems: 50,
      description: 'What is asked for: commercial invoice, proof of payment, marketplace listing …',
    }),
    message: T.String({ maxLength: 4000 }),
    dueAt: T.Union([Instant, T.Null()]),
  },
  closed,
);
export const SubmittedDocument = T.Object(
  {
    name: Text(200),
    reference: Text(
      500,
      'Where the document is stored (object-store key, URL); the core keeps only the reference',
    ),
  },
  closed,
);
export const FilerAnswer = T.Object(
  {
    kind: T.Literal('filer-answer'),
    documents: T.Array(SubmittedDocument, { maxItems: 50 }),
    message: T.String({ maxLength: 4000 }),
  },
  closed,
);
export const FilerDispute = T.Object(
  { kind: T.Literal('filer-dispute'), reason: Text(4000, 'Why the filer disputes the decision') },
  closed,
);
export const AnswerDispute = T.Object(
  {
    kind: T.Literal('answer-dispute'),
    accepted: T.Boolean({ description: 'true: the filer is right (the officer then usually releases)' }),
    reason: Text(4000),
  },
  closed,
);
export const StartExam = T.Object(
  { kind: T.Literal('start-exam'), notes: T.String({ maxLength: 4000 }) },
  closed,
);
export const RecordExam = T.Object(
  {
    kind: T.Literal('record-exam'),
    result: ExamResult,
    notes: T.String({ maxLength: 4000 }),
    findings: T.Array(Text(200), {
      maxItems: 100,
      description:
        'What the exam found: finding codes or short statements (e.g. "undervalued", "CAS 79-03-8")',
    }),
  },
  closed,
);
export const PenaltyKind = T.Union([T.Literal('civil-1321c'), T.Literal('liquidated-damages')], {
  description:
    'civil-1321c: 19 U.S.C. 1321(c) civil penalty, capped by the dated parameter civil-penalty-usd; liquidated-damages: a multiple of the value',
});
export type PenaltyKind = Static<typeof PenaltyKind>;
export const AssessPenalty = T.Object(
  {
    kind: T.Literal('assess-penalty'),
    penalty: PenaltyKind,
    violationAt: T.Union([Instant, T.Null()], {
      description: 'When the violation happened; null = the decision instant. The cap in force then applies',
    }),
    priorViolations: T.Integer({
      minimum: 0,
      description: 'Earlier violations by the same filer (counted by the caller): 0 = first violation',
    }),
    amountCents: T.Union([Cents('Amount assessed, USD cents'), T.Null()], {
      description: 'null = the maximum',
    }),
    reason: Text(4000),
  },
  closed,
);
export const Close = T.Object(
  { kind: T.Literal('close'), disposition: Disposition, reason: Text(4000) },
  closed,
);
export const Annotate = T.Object({ kind: T.Literal('annotate'), note: Text(4000) }, closed);

export const CaseCommand = T.Union([
  OpenCase,
  Assign,
  RequestDocuments,
  FilerAnswer,
  FilerDispute,
  AnswerDispute,
  StartExam,
  RecordExam,
  AssessPenalty,
  Close,
  Annotate,
]);
export type CaseCommand = Static<typeof CaseCommand>;
export type CaseCommandKind = CaseCommand['kind'];
export const CASE_COMMAND_KINDS: readonly CaseCommandKind[] = [
  'open',
  'assign',
  'request-documents',
  'filer-answer',
  'filer-dispute',
  'answer-dispute',
  'start-exam',
  'record-exam',
  'assess-penalty',
  'close',
  'annotate',
];

// ---- the case and its events ----------------------------------------------------------------------

export const DocumentRequest = T.Object(
  {
    requestedAt: Instant,
    requestedBy: T.String(),
    documents: T.Array(T.String()),
    message: T.String(),
    dueAt: T.Union([Instant, T.Null()]),
    answeredAt: T.Union([Instant, T.Null()]),
    answer: T.Union([
      T.Object({ documents: T.Array(SubmittedDocument), message: T.String() }, closed),
      T.Null(),
    ]),
  },
  closed,
);
export type DocumentRequest = Static<typeof DocumentRequest>;

export const Exam = T.Object(
  {
    result: ExamResult,
    notes: T.String(),
    findings: T.Array(T.String()),
    examinedAt: Instant,
    examinedBy: T.String(),
  },
  closed,
);
export type Exam = Static<typeof Exam>;

export const Dispute = T.Object(
  {
    raisedIn: T.Union(
      OPEN_STATES.map((st) => T.Literal(st)),
      { description: 'State the case was in when disputed; answering the dispute resumes it' },
    ),
    raisedAt: Instant,
    raisedBy: T.String(),
    reason: T.String(),
    answeredAt: T.Union([Instant, T.Null()]),
    answeredBy: T.Union([T.String(), T.Null()]),
    accepted: T.Union([T.Boolean(), T.Null()]),
    answer: T.Union([T.String(), T.Null()]),
  },
  closed,
);
export type Dispute = Static<typeof Dispute>;

export const AssessedPenalty = T.Object(
  {
    penalty: PenaltyKind,
    amountCents: T.Integer({ minimum: 1 }),
    maximumCents: T.Integer({ minimum: 1, description: 'The cap in force at the violation date' }),
    violationAt: Instant,
    basis: T.String({
      description: 'How the cap was worked out, e.g. "first violation" or "3 × value $420.00"',
    }),
    citation: T.String({ description: 'Legal source of the cap (from the dated parameter or the policy)' }),
    since: T.Union([T.String(), T.Null()], {
      description: 'When the parameter value read took effect (civil penalty only)',
    }),
    assessedAt: Instant,
    assessedBy: T.String(),
    reason: T.String(),
  },
  closed,
);
export type AssessedPenalty = Static<typeof AssessedPenalty>;

export const Case = T.Object(
  {
    id: T.String(),
    filingId: T.String(),
    filingVersion: T.Integer(),
    filer: T.String({ description: 'Filer code: the only organization that may answer or dispute' }),
    broker: T.Union([T.String(), T.Null()]),
    origin: CaseOrigin,
    state: CaseStateSchema,
    disposition: T.Union([Disposition, T.Null()]),
    assignee: T.Union([T.String(), T.Null()]),
    openedAt: Instant,
    updatedAt: Instant,
    closedAt: T.Union([Instant, T.Null()]),
    documentRequests: T.Array(DocumentRequest),
    exam: T.Union([Exam, T.Null()], { description: 'The latest exam; earlier ones stay in the events' }),
    disputes: T.Array(Dispute),
    penalties: T.Array(AssessedPenalty),
    notes: T.Array(T.Object({ at: Instant, by: T.String(), note: T.String() }, closed)),
    seq: T.Integer({
      minimum: 1,
      description: 'Number of events so far; the next event gets seq + 1 (optimistic concurrency)',
    }),
  },
  closed,
);
export type Case = Static<typeof Case>;

export const CaseEvent = T.Object(
  {
    caseId: T.String(),
    seq: T.Integer({ minimum: 1, description: '1 for the open event, then +1: append-only' }),
    at: Instant,
    actor: Actor,
    command: T.Union(CASE_COMMAND_KINDS.map((k) => T.Literal(k))),
    from: T.Union([CaseStateSchema, T.Null()], { description: 'State before; null for the open event' }),
    to: CaseStateSchema,
    payload: CaseCommand,
    penalty: T.Optional(AssessedPenalty),
  },
  closed,
);
export type CaseEvent = Static<typeof CaseEvent>;

/** What the case workflow reads from the policy: dated parameters and the liquidated-damages rule. */
export interface CasePolicy {
  /** The dated parameters of the policy in force (`civil-penalty-usd` is read at the violation date). */
  readonly params: ParameterSet;
  readonly liquidatedDamages: {
    /** Cap as a multiple of the shipment's value (bond conditions commonly use 1×, 3× for restricted goods). */
    readonly multiple: number;
    readonly citation: string;
  };
}
