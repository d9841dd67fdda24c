import { TypeCompiler } from '@sinclair/typebox/compiler';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParameterHistory } from '../policy/index.js';
import { easternWallClockToUtc } from '../time/index.js';
import { type Actor, Case, type CaseCommand, CaseEvent } from './schema.js';
import {
  caseIn,
  casePolicy,
  civilPenaltyHistory,
  commandFor,
  filer,
  hour,
  officer,
  otherFiler,
  system,
  T0,
  withheldDecision,
} from './test-support/fixtures.js';
import { TRANSITION_KEYS } from './transitions.js';
import { validateActor, validateCaseCommand } from './validate.js';
import { applyCaseCommand, type CaseResult } from './workflow.js';

const policy = casePolicy();
const open = (decision = withheldDecision, at = T0, actor: Actor = system) =>
  applyCaseCommand(null, { kind: 'open', caseId: 'case-1', decision }, actor, at, policy);

/** Applies commands in order, one hour apart, failing the test on the first refusal. */
function run(steps: [CaseCommand, Actor][]): { case: Case; events: CaseEvent[] } {
  const first = open();
  if (!first.ok) throw new Error(first.message);
  let c = first.case;
  const events = [first.event];
  steps.forEach(([command, actor], i) => {
    const r = applyCaseCommand(c, command, actor, hour(i + 1), policy);
    if (!r.ok) throw new Error(`step ${i + 1} ${command.kind}: ${r.code} ${r.message}`);
    c = r.case;
    events.push(r.event);
  });
  return { case: c, events };
}
const refusal = (r: CaseResult) => (r.ok ? 'ok' : r.code);
const cmd = (key: (typeof TRANSITION_KEYS)[number]) => commandFor(key).command;
const exam = (result: 'no-discrepancy' | 'discrepancy' | 'seizure-worthy'): CaseCommand => ({
  kind: 'record-exam',
  result,
  notes: '',
  findings: [],
});
const close = (disposition: Extract<CaseCommand, { kind: 'close' }>['disposition']): CaseCommand => ({
  kind: 'close',
  disposition,
  reason: 'r',
});

describe('opening a case', () => {
  it('opens from a withheld or held decision, with the decision as its origin', () => {
    const r = open();
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.case).toMatchObject({ state: 'open', filer: 'A7K', broker: 'BRK1', seq: 1, filingVersion: 1 });
    expect(r.event).toMatchObject({ seq: 1, from: null, to: 'open', command: 'open', actor: system });
    expect(refusal(open({ ...withheldDecision, status: 'held', codes: [] }))).toBe('ok');
  });

  it('refuses released, rejected and accepted decisions', () => {
    for (const status of ['released', 'rejected', 'accepted', 'cancelled'] as const) {
      const r = open({ ...withheldDecision, status });
      expect(r.ok ? 'ok' : [r.code, r.path]).toEqual(['CASE_DECISION_NOT_HOLDABLE', '/decision/status']);
    }
  });

  it('refuses a second open, commands without a case, filers, and a case opened before its decision', () => {
    const r = open();
    if (!r.ok) throw new Error(r.message);
    expect(
      refusal(
        applyCaseCommand(
          r.case,
          { kind: 'open', caseId: 'x', decision: withheldDecision },
          officer,
          hour(1),
          policy,
        ),
      ),
    ).toBe('CASE_ALREADY_OPEN');
    expect(refusal(applyCaseCommand(null, cmd('assign'), officer, hour(1), policy))).toBe('CASE_NOT_FOUND');
    expect(refusal(open(withheldDecision, T0, filer))).toBe('CASE_ROLE_FORBIDDEN');
    expect(refusal(open(withheldDecision, '2026-01-10T13:59:59Z'))).toBe('CASE_TIME_REVERSED');
    expect(refusal(open(withheldDecision, 'yesterday'))).toBe('CASE_COMMAND_INVALID');
  });
});

describe('the workflow end to end', () => {
  it('documents requested, answered, exam, penalty, dispute answered, seizure: each step recorded', () => {
    const { case: c, events } = run([
      [{ kind: 'assign', assignee: 'officer-1' }, officer],
      [{ kind: 'request-documents', documents: ['invoice'], message: 'm', dueAt: hour(48) }, officer],
      [cmd('filer-answer'), filer],
      [cmd('start-exam'), officer],
      [exam('seizure-worthy'), officer],
      [cmd('assess-penalty'), officer],
      [cmd('filer-dispute'), filer],
      [{ kind: 'answer-dispute', accepted: false, reason: 'lab result' }, officer],
      [close('seized'), officer],
      [{ kind: 'annotate', note: 'handed to HSI' }, officer],
    ]);
    expect(events.map((e) => `${e.from ?? '-'}>${e.to}`)).toEqual([
      '->open',
      'open>open',
      'open>awaiting-documents',
      'awaiting-documents>documents-received',
      'documents-received>under-exam',
      'under-exam>examined',
      'examined>examined',
      'examined>disputed',
      'disputed>examined',
      'examined>closed-seized',
      'closed-seized>closed-seized',
    ]);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(c).toMatchObject({ state: 'closed-seized', disposition: 'seized', closedAt: hour(9), seq: 11 });
    expect(c.documentRequests[0]).toMatchObject({ answeredAt: hour(3), dueAt: hour(48) });
    expect(c.disputes[0]).toMatchObject({ raisedIn: 'examined', accepted: false, answeredBy: 'officer-1' });
    expect(c.exam?.result).toBe('seizure-worthy');
    expect(c.notes).toEqual([{ at: hour(10), by: 'officer-1', note: 'handed to HSI' }]);
    expect(events[6]!.penalty).toEqual(c.penalties[0]);
    // What storage keeps and the API returns must satisfy the published schemas.
    const caseCheck = TypeCompiler.Compile(Case);
    const eventCheck = TypeCompiler.Compile(CaseEvent);
    expect([...caseCheck.Errors(c)]).toEqual([]);
    for (const e of events) expect([...eventCheck.Errors(e)], `event ${e.seq}`).toEqual([]);
  });

  it('a withheld shipment whose filer shows two consignees is released after an accepted dispute', () => {
    const { case: c } = run([
      [cmd('filer-dispute'), filer],
      [{ kind: 'answer-dispute', accepted: true, reason: 'different households' }, officer],
      [close('released'), officer],
    ]);
    expect(c.state).toBe('closed-released');
    expect(c.disputes[0]?.raisedIn).toBe('open');
  });

  it('a dispute raised while documents are awaited resumes there', () => {
    const { case: c } = run([
      [cmd('request-documents'), officer],
      [cmd('filer-dispute'), filer],
      [cmd('answer-dispute'), officer],
    ]);
    expect(c.state).toBe('awaiting-documents');
  });

  it('a withheld (4M) shipment can be exported, abandoned or returned without an exam', () => {
    for (const d of ['exported', 'abandoned', 'returned-to-sender', 'denied-entry'] as const)
      expect(run([[close(d), officer]]).case.state).toBe(`closed-${d}`);
  });
});

describe('a seized shipment is never released', () => {
  const seized = () =>
    run([
      [cmd('start-exam'), officer],
      [exam('seizure-worthy'), officer],
      [close('seized'), officer],
    ]);

  it('every command but annotate is refused as CASE_CLOSED, by any officer', () => {
    const { case: c } = seized();
    for (const key of TRANSITION_KEYS) {
      const { command, actor } = commandFor(key);
      const r = applyCaseCommand(c, command, actor, hour(10), policy);
      expect(refusal(r), key).toBe(key === 'annotate' ? 'ok' : 'CASE_CLOSED');
    }
  });

  it('goods found seizure-worthy cannot leave by release, export or return: only seizure or destruction', () => {
    const { case: c } = run([
      [cmd('start-exam'), officer],
      [exam('seizure-worthy'), officer],
    ]);
    for (const d of ['released', 'exported', 'abandoned', 'returned-to-sender', 'denied-entry'] as const)
      expect(refusal(applyCaseCommand(c, close(d), officer, hour(5), policy)), d).toBe('CASE_EXAM_CONFLICT');
    expect(refusal(applyCaseCommand(c, close('destroyed'), officer, hour(5), policy))).toBe('ok');
  });

  it('a re-exam that clears the goods allows release; seizure needs a seizure-worthy exam', () => {
    const { case: c } = run([
      [cmd('start-exam'), officer],
      [exam('seizure-worthy'), officer],
      [cmd('start-exam'), officer],
      [exam('no-discrepancy'), officer],
    ]);
    expect(refusal(applyCaseCommand(c, close('seized'), officer, hour(9), policy))).toBe(
      'CASE_EXAM_CONFLICT',
    );
    expect(refusal(applyCaseCommand(c, close('destroyed'), officer, hour(9), policy))).toBe(
      'CASE_EXAM_CONFLICT',
    );
    expect(refusal(applyCaseCommand(c, close('released'), officer, hour(9), policy))).toBe('ok');
  });

  it('seizure from a dispute raised before any exam needs an exam first', () => {
    // The table allows seizure only from examined, and a dispute resumes where it was raised.
    const c = { ...caseIn('examined'), exam: null };
    expect(refusal(applyCaseCommand(c, close('seized'), officer, hour(1), policy))).toBe(
      'CASE_EXAM_REQUIRED',
    );
  });

  it('property: under any sequence of commands by anyone, closed stays closed and seizure needs a seizure-worthy exam', () => {
    const actors = [officer, filer, otherFiler, system];
    const commands = TRANSITION_KEYS.map(cmd).concat([exam('seizure-worthy'), exam('no-discrepancy')]);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...commands), fc.constantFrom(...actors)), { maxLength: 40 }),
        (steps) => {
          const first = open();
          if (!first.ok) return false;
          let c = first.case;
          steps.forEach(([command, actor], i) => {
            const r = applyCaseCommand(c, command, actor, hour(i + 1), policy);
            if (!r.ok) return;
            if (c.state.startsWith('closed-')) expect(r.case.state).toBe(c.state);
            if (r.case.state === 'closed-seized' && c.state !== 'closed-seized')
              expect(c.exam?.result).toBe('seizure-worthy');
            if (r.case.state === 'closed-released') expect(c.exam?.result).not.toBe('seizure-worthy');
            if (actor.role !== 'officer')
              expect(['filer-answer', 'filer-dispute', 'annotate']).toContain(command.kind);
            expect(r.event.seq).toBe(c.seq + 1);
            c = r.case;
          });
          return true;
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('roles and ownership', () => {
  const c = caseIn('awaiting-documents');
  it('only officers assign, request documents, examine, penalize and close', () => {
    for (const key of TRANSITION_KEYS.filter(
      (k) => !['filer-answer', 'filer-dispute', 'annotate'].includes(k),
    ))
      for (const actor of [filer, system])
        expect(refusal(applyCaseCommand(c, cmd(key), actor, hour(1), policy)), `${actor.role} ${key}`).toBe(
          'CASE_ROLE_FORBIDDEN',
        );
  });

  it('only the filer of the filing answers or disputes; officers cannot answer for it', () => {
    expect(refusal(applyCaseCommand(c, cmd('filer-answer'), filer, hour(1), policy))).toBe('ok');
    expect(refusal(applyCaseCommand(c, cmd('filer-answer'), otherFiler, hour(1), policy))).toBe(
      'CASE_NOT_YOURS',
    );
    expect(refusal(applyCaseCommand(c, cmd('filer-dispute'), otherFiler, hour(1), policy))).toBe(
      'CASE_NOT_YOURS',
    );
    expect(refusal(applyCaseCommand(c, cmd('filer-answer'), officer, hour(1), policy))).toBe(
      'CASE_ROLE_FORBIDDEN',
    );
    expect(refusal(applyCaseCommand(c, cmd('filer-dispute'), system, hour(1), policy))).toBe(
      'CASE_ROLE_FORBIDDEN',
    );
  });

  it('a stranger learns nothing about the case state: ownership is checked before the state', () => {
    expect(
      refusal(applyCaseCommand(caseIn('closed-seized'), cmd('filer-dispute'), otherFiler, hour(1), policy)),
    ).toBe('CASE_NOT_YOURS');
    expect(
      refusal(applyCaseCommand(caseIn('closed-seized'), cmd('annotate'), otherFiler, hour(1), policy)),
    ).toBe('CASE_NOT_YOURS');
    expect(refusal(applyCaseCommand(caseIn('closed-seized'), cmd('annotate'), filer, hour(1), policy))).toBe(
      'ok',
    );
  });

  it('refuses a command dated before the last event', () => {
    expect(refusal(applyCaseCommand(c, cmd('assign'), officer, '2026-01-10T14:59:59Z', policy))).toBe(
      'CASE_TIME_REVERSED',
    );
    expect(refusal(applyCaseCommand(c, cmd('assign'), officer, T0, policy))).toBe('ok');
  });

  it('refuses a document request due before it is made', () => {
    const r = applyCaseCommand(
      caseIn('open'),
      { kind: 'request-documents', documents: ['invoice'], message: '', dueAt: T0 },
      officer,
      hour(1),
      policy,
    );
    expect(r.ok ? 'ok' : [r.code, r.path]).toEqual(['CASE_COMMAND_INVALID', '/dueAt']);
  });
});

describe('penalties', () => {
  const examined = (
    exam: 'discrepancy' | 'no-discrepancy' = 'discrepancy',
    valueUsd: number | null = 420,
  ) => ({
    ...caseIn('examined', exam),
    origin: { ...withheldDecision, valueUsd },
  });
  const assess = (
    over: Partial<Extract<CaseCommand, { kind: 'assess-penalty' }>>,
    c: Case = examined(),
    p = policy,
  ) =>
    applyCaseCommand(
      c,
      {
        kind: 'assess-penalty',
        penalty: 'civil-1321c',
        violationAt: null,
        priorViolations: 0,
        amountCents: null,
        reason: 'split order to stay under $800',
        ...over,
      },
      officer,
      '2027-09-01T12:00:00Z',
      p,
    );
  const amount = (r: CaseResult) => (r.ok ? r.case.penalties.at(-1)?.amountCents : `${r.code} ${r.path}`);

  it('§1321(c): $5,000 for a first violation and $10,000 for a later one, with the citation', () => {
    const r = assess({});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.case.penalties[0]).toMatchObject({
      penalty: 'civil-1321c',
      amountCents: 500_000,
      maximumCents: 500_000,
      violationAt: withheldDecision.decidedAt,
      basis: 'first violation',
      citation: '19 U.S.C. 1321(c) as added by Pub. L. 119-21 §70531',
      since: '2025-07-04',
      assessedBy: 'officer-1',
    });
    expect(r.event.penalty).toEqual(r.case.penalties[0]);
    expect(amount(assess({ priorViolations: 2 }))).toBe(1_000_000);
  });

  it('reads the cap at the violation date: none before 2025-07-04 00:00 Eastern, none from 2027-07-01', () => {
    const start = easternWallClockToUtc('2025-07-04');
    const iso = (ms: number) => new Date(ms).toISOString();
    expect(amount(assess({ violationAt: iso(start - 1000) }))).toBe('PENALTY_NOT_IN_FORCE /violationAt');
    expect(amount(assess({ violationAt: iso(start) }))).toBe(500_000);
    const end = easternWallClockToUtc('2027-07-01');
    expect(amount(assess({ violationAt: iso(end - 1000) }))).toBe(500_000);
    expect(amount(assess({ violationAt: iso(end) }))).toBe('PENALTY_NOT_IN_FORCE /violationAt');
  });

  it('a change of the amounts applies to violations from its date, whenever they are assessed', () => {
    const raised: ParameterHistory = {
      ...civilPenaltyHistory,
      values: [
        ...civilPenaltyHistory.values.slice(0, 2),
        {
          fromMs: easternWallClockToUtc('2026-06-01'),
          from: '2026-06-01',
          value: { first: 6000, later: 12000 },
          citation: 'test: inflation adjustment',
        },
        civilPenaltyHistory.values[2]!,
      ],
    };
    const p = casePolicy(new Map([['civil-penalty-usd', raised]]));
    expect(amount(assess({ violationAt: '2026-05-31T12:00:00Z' }, examined(), p))).toBe(500_000);
    const r = assess({ violationAt: '2026-06-01T12:00:00Z', priorViolations: 1 }, examined(), p);
    expect(amount(r)).toBe(1_200_000);
    expect(r.ok && r.case.penalties[0]?.citation).toBe('test: inflation adjustment');
  });

  it('refuses an amount over the maximum and accepts one at or below it', () => {
    expect(amount(assess({ amountCents: 500_001 }))).toBe('PENALTY_OVER_MAXIMUM /amountCents');
    expect(amount(assess({ amountCents: 500_000 }))).toBe(500_000);
    expect(amount(assess({ amountCents: 25_000 }))).toBe(25_000);
  });

  it('liquidated damages: a multiple of the value from the policy, refused without a value', () => {
    const r = assess({ penalty: 'liquidated-damages' });
    expect(r.ok && r.case.penalties[0]).toMatchObject({
      amountCents: 126_000,
      maximumCents: 126_000,
      basis: '3 × value $420.00',
      citation: '19 CFR 113.62(m)(1) (test value: 3 × value)',
      since: null,
    });
    expect(amount(assess({ penalty: 'liquidated-damages', amountCents: 126_001 }))).toBe(
      'PENALTY_OVER_MAXIMUM /amountCents',
    );
    expect(amount(assess({ penalty: 'liquidated-damages' }, examined('discrepancy', null)))).toBe(
      'PENALTY_NO_VALUE /penalty',
    );
    const none = { ...policy, liquidatedDamages: { multiple: 0, citation: '' } };
    expect(amount(assess({ penalty: 'liquidated-damages' }, examined(), none))).toBe(
      'PENALTY_NOT_IN_FORCE /penalty',
    );
  });

  it('one penalty of each kind, only after an exam that found a violation, never dated in the future', () => {
    const r = assess({});
    if (!r.ok) throw new Error(r.message);
    expect(amount(assess({}, r.case))).toBe('PENALTY_ALREADY_ASSESSED /penalty');
    expect(amount(assess({ penalty: 'liquidated-damages' }, r.case))).toBe(126_000);
    expect(amount(assess({}, examined('no-discrepancy')))).toBe('CASE_EXAM_CONFLICT /penalty');
    expect(amount(assess({ violationAt: '2027-09-02T00:00:00Z' }))).toBe(
      'PENALTY_VIOLATION_DATE_INVALID /violationAt',
    );
  });
});

describe('validating commands from outside', () => {
  it('accepts every fixture command and a valid actor', () => {
    for (const key of TRANSITION_KEYS) expect(validateCaseCommand(cmd(key)).ok, key).toBe(true);
    expect(validateCaseCommand({ kind: 'open', caseId: 'c', decision: withheldDecision }).ok).toBe(true);
    expect(validateActor(officer).ok).toBe(true);
  });

  it('names the field at fault', () => {
    const at = (v: unknown) => {
      const r = validateCaseCommand(v);
      return r.ok ? 'ok' : [r.code, r.path];
    };
    expect(at({ kind: 'release' })).toEqual(['CASE_COMMAND_INVALID', '/kind']);
    expect(at({ kind: 'close', disposition: 'released' })).toEqual(['CASE_COMMAND_INVALID', '/reason']);
    expect(at({ kind: 'close', disposition: 'freed', reason: 'x' })).toEqual([
      'CASE_COMMAND_INVALID',
      '/disposition',
    ]);
    expect(at({ ...cmd('assess-penalty'), amountCents: 0 })).toEqual([
      'CASE_COMMAND_INVALID',
      '/amountCents',
    ]);
    expect(at({ ...cmd('assign'), extra: 1 })).toEqual(['CASE_COMMAND_INVALID', '/extra']);
    expect(at({ ...cmd('request-documents'), dueAt: 'tomorrow' })).toEqual([
      'CASE_COMMAND_INVALID',
      '/dueAt',
    ]);
    const actor = validateActor({ id: 'x', role: 'admin', organization: 'CBP' });
    expect(actor.ok ? 'ok' : actor.path).toBe('/role');
  });
});
