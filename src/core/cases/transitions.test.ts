import { describe, expect, it } from 'vitest';
import { CASE_STATES, type CaseState, type ExamResult } from './schema.js';
import { caseIn, casePolicy, commandFor, hour } from './test-support/fixtures.js';
import { allowedTarget, TRANSITION_KEYS, type TransitionKey } from './transitions.js';
import { applyCaseCommand } from './workflow.js';

/**
 * The workflow written out by hand, independently of CASE_TRANSITIONS: state → key → state after.
 * Any pair not listed must be refused.
 */
const FILER_ENDINGS = {
  'close:abandoned': 'closed-abandoned',
  'close:exported': 'closed-exported',
  'close:returned-to-sender': 'closed-returned-to-sender',
  'close:denied-entry': 'closed-denied-entry',
} as const;
const SPEC: Record<string, Partial<Record<TransitionKey, CaseState>>> = {
  open: {
    assign: 'open',
    annotate: 'open',
    'request-documents': 'awaiting-documents',
    'filer-dispute': 'disputed',
    'start-exam': 'under-exam',
    'close:released': 'closed-released',
    ...FILER_ENDINGS,
  },
  'awaiting-documents': {
    assign: 'awaiting-documents',
    annotate: 'awaiting-documents',
    'filer-answer': 'documents-received',
    'filer-dispute': 'disputed',
    ...FILER_ENDINGS,
  },
  'documents-received': {
    assign: 'documents-received',
    annotate: 'documents-received',
    'request-documents': 'awaiting-documents',
    'filer-dispute': 'disputed',
    'start-exam': 'under-exam',
    'close:released': 'closed-released',
    ...FILER_ENDINGS,
  },
  'under-exam': { assign: 'under-exam', annotate: 'under-exam', 'record-exam': 'examined' },
  examined: {
    assign: 'examined',
    annotate: 'examined',
    'request-documents': 'awaiting-documents',
    'filer-dispute': 'disputed',
    'start-exam': 'under-exam',
    'assess-penalty': 'examined',
    'close:released': 'closed-released',
    'close:seized': 'closed-seized',
    'close:destroyed': 'closed-destroyed',
    ...FILER_ENDINGS,
  },
  // The fixture's dispute was raised in `examined` when the case has an exam.
  disputed: { assign: 'disputed', annotate: 'disputed', 'answer-dispute': 'examined' },
};

/** The exam a case needs for the guard of the command to pass (the table is what is under test). */
function examFor(state: CaseState, key: TransitionKey): ExamResult | null {
  if (key === 'close:seized' || key === 'close:destroyed') return 'seizure-worthy';
  if (state === 'examined' || state === 'disputed') return 'discrepancy';
  return null;
}

const pairs = CASE_STATES.flatMap((state) => TRANSITION_KEYS.map((key) => [state, key] as const));

describe('case transition table', () => {
  it('covers 13 states × 16 command keys', () => {
    expect(CASE_STATES).toHaveLength(13);
    expect(TRANSITION_KEYS).toHaveLength(16);
  });

  const allowed = pairs.filter(
    ([s, k]) => SPEC[s]?.[k] !== undefined || (s.startsWith('closed-') && k === 'annotate'),
  );
  const refused = pairs.filter((p) => !allowed.includes(p));

  it.each(allowed)('%s + %s is allowed and lands in the specified state', (state, key) => {
    const { command, actor } = commandFor(key);
    const r = applyCaseCommand(caseIn(state, examFor(state, key)), command, actor, hour(1), casePolicy());
    expect(r.ok ? r.event.to : `${r.code}: ${r.message}`).toBe(SPEC[state]?.[key] ?? state);
    if (!r.ok) return;
    expect(r.case.state).toBe(r.event.to);
    expect(r.event.from).toBe(state);
    expect(r.event.seq).toBe(4);
    expect(r.case.seq).toBe(4);
    expect(r.case.updatedAt).toBe(hour(1));
  });

  it.each(refused)('%s + %s is refused with the code for its state', (state, key) => {
    const { command, actor } = commandFor(key);
    // With the most permissive exam, so that only the table can refuse.
    for (const exam of [null, 'discrepancy', 'seizure-worthy'] as const) {
      const r = applyCaseCommand(caseIn(state, exam), command, actor, hour(1), casePolicy());
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.code).toBe(state.startsWith('closed-') ? 'CASE_CLOSED' : 'CASE_TRANSITION_NOT_ALLOWED');
      expect(r.path).toBe(
        key.startsWith('close:') && !state.startsWith('closed-') ? '/disposition' : '/kind',
      );
    }
  });

  it('agrees with allowedTarget on every pair (the table and the function read the same data)', () => {
    for (const [state, key] of pairs)
      expect(allowedTarget(state, key) !== undefined, `${state} ${key}`).toBe(
        allowed.some(([s, k]) => s === state && k === key),
      );
  });

  it('never releases from an exam in progress, a closed case or a seizure', () => {
    for (const state of ['under-exam', 'closed-seized', 'closed-destroyed', 'closed-abandoned'] as const)
      expect(allowedTarget(state, 'close:released')).toBeUndefined();
  });
});
