import {
  type ActorRole,
  type CaseCommand,
  type CaseCommandKind,
  type CaseState,
  DISPOSITIONS,
  type Disposition,
  OPEN_STATES,
  type OpenCaseState,
} from './schema.js';

/**
 * The case state machine as data, so that it can be read, printed and tested exhaustively. A
 * close is keyed by its disposition because which endings are allowed depends on the state
 * (nothing is released while under exam). `open` is not here: it creates a case, it has no state.
 */
export type TransitionKey = Exclude<CaseCommandKind, 'open' | 'close'> | `close:${Disposition}`;
export const TRANSITION_KEYS: readonly TransitionKey[] = [
  'assign',
  'request-documents',
  'filer-answer',
  'filer-dispute',
  'answer-dispute',
  'start-exam',
  'record-exam',
  'assess-penalty',
  'annotate',
  ...DISPOSITIONS.map((d) => `close:${d}` as const),
];

/** `same`: the state does not change; `resume`: back to the state the case was disputed in. */
export type Target = CaseState | 'same' | 'resume';

const closeFrom = (...dispositions: Disposition[]) =>
  Object.fromEntries(dispositions.map((d) => [`close:${d}`, `closed-${d}`])) as Partial<
    Record<TransitionKey, Target>
  >;
/** Endings the filer can choose for a withheld (4M) or held shipment instead of an entry (domain §4). */
const FILER_ENDINGS: Disposition[] = ['abandoned', 'exported', 'returned-to-sender', 'denied-entry'];

export const CASE_TRANSITIONS: Readonly<
  Record<OpenCaseState, Readonly<Partial<Record<TransitionKey, Target>>>>
> = {
  open: {
    assign: 'same',
    annotate: 'same',
    'request-documents': 'awaiting-documents',
    'filer-dispute': 'disputed',
    'start-exam': 'under-exam',
    ...closeFrom('released', ...FILER_ENDINGS),
  },
  'awaiting-documents': {
    assign: 'same',
    annotate: 'same',
    'filer-answer': 'documents-received',
    'filer-dispute': 'disputed',
    // A filer who never answers can still give the goods up, or the officer denies entry.
    ...closeFrom(...FILER_ENDINGS),
  },
  'documents-received': {
    assign: 'same',
    annotate: 'same',
    'request-documents': 'awaiting-documents',
    'filer-dispute': 'disputed',
    'start-exam': 'under-exam',
    ...closeFrom('released', ...FILER_ENDINGS),
  },
  // An exam in progress ends with its result before anything else: no release from the exam table.
  'under-exam': {
    assign: 'same',
    annotate: 'same',
    'record-exam': 'examined',
  },
  examined: {
    assign: 'same',
    annotate: 'same',
    'request-documents': 'awaiting-documents',
    'filer-dispute': 'disputed',
    'start-exam': 'under-exam',
    'assess-penalty': 'same',
    ...closeFrom('released', 'seized', 'destroyed', ...FILER_ENDINGS),
  },
  // A dispute is answered before the case moves on, so no filer objection is left unanswered.
  disputed: {
    assign: 'same',
    annotate: 'same',
    'answer-dispute': 'resume',
  },
};

/** Who may issue each command; `owner`: a filer must be the case's filer. */
export const COMMAND_ROLES: Readonly<Record<CaseCommandKind, readonly ActorRole[]>> = {
  open: ['officer', 'system'],
  assign: ['officer'],
  'request-documents': ['officer'],
  'filer-answer': ['filer'],
  'filer-dispute': ['filer'],
  'answer-dispute': ['officer'],
  'start-exam': ['officer'],
  'record-exam': ['officer'],
  'assess-penalty': ['officer'],
  close: ['officer'],
  annotate: ['officer', 'filer'],
};

export function transitionKey(command: Exclude<CaseCommand, { kind: 'open' }>): TransitionKey {
  return command.kind === 'close' ? `close:${command.disposition}` : command.kind;
}

export function isOpenState(state: CaseState): state is OpenCaseState {
  return (OPEN_STATES as readonly string[]).includes(state);
}

/**
 * The table's target for a command in a state: undefined when not allowed. Closed cases accept only
 * annotations.
 */
export function allowedTarget(state: CaseState, key: TransitionKey): Target | undefined {
  if (!isOpenState(state)) return key === 'annotate' ? 'same' : undefined;
  return CASE_TRANSITIONS[state][key];
}
