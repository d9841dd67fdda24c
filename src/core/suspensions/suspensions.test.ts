import { TypeCompiler } from '@sinclair/typebox/compiler';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../cases/schema.js';
import {
  datedPolicy,
  type ParameterHistory,
  type ParameterSet,
  type ShipmentFacts,
  valueAt,
} from '../policy/index.js';
import { easternWallClockToUtc } from '../time/index.js';
import { applySuspensionCommand, ledgerFromPeriods, type SuspensionLedger, suspensionAt } from './ledger.js';
import { suspendedFilersHistory, withRecordedSuspensions } from './policy-feed.js';
import { type SuspensionCommand, SuspensionPeriod } from './schema.js';
import { validateSuspensionCommand } from './validate.js';

const officer: Actor = { id: 'officer-1', role: 'officer', organization: 'CBP' };
const RECORDED = '2026-02-20T15:00:00Z';
/** 2026-03-01 00:00 U.S. Eastern (EST), the instant the suspension takes effect. */
const MARCH_1 = '2026-03-01T05:00:00Z';

const suspend = (filer: string, effectiveAt: string): SuspensionCommand => ({
  kind: 'suspend',
  filer,
  effectiveAt,
  reason: { category: 'narcotics', text: 'fentanyl precursors in 14 entries over 3 months' },
  remedialPlan: { summary: 'vet shippers', actions: ['know-your-customer checks on shippers'], dueAt: null },
});
const reinstate = (filer: string, effectiveAt: string): SuspensionCommand => ({
  kind: 'reinstate',
  filer,
  effectiveAt,
  reason: 'remedial plan carried out and audited',
});

function apply(commands: SuspensionCommand[], ledger: SuspensionLedger = new Map()): SuspensionLedger {
  for (const c of commands) {
    const r = applySuspensionCommand(ledger, c, officer, RECORDED);
    if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
    ledger = r.ledger;
  }
  return ledger;
}
const code = (ledger: SuspensionLedger, c: SuspensionCommand, actor = officer) => {
  const r = applySuspensionCommand(ledger, c, actor, RECORDED);
  return r.ok ? 'ok' : [r.code, r.path];
};

describe('suspension history checks', () => {
  it('records a suspension with its reason and plan, then a reinstatement that closes it', () => {
    const l = apply([suspend('S5W', MARCH_1), reinstate('S5W', '2026-06-01T04:00:00Z')]);
    expect(l.get('S5W')).toEqual([
      expect.objectContaining({
        from: MARCH_1,
        until: '2026-06-01T04:00:00Z',
        recordedBy: 'officer-1',
        reason: expect.objectContaining({ category: 'narcotics' }),
        reinstatement: expect.objectContaining({ reason: 'remedial plan carried out and audited' }),
      }),
    ]);
    expect(suspensionAt(l, 'S5W', Date.parse(MARCH_1))?.from).toBe(MARCH_1);
    expect(suspensionAt(l, 'S5W', Date.parse(MARCH_1) - 1)).toBeUndefined();
    expect(suspensionAt(l, 'S5W', Date.parse('2026-06-01T04:00:00Z'))).toBeUndefined();
    expect([...TypeCompiler.Compile(SuspensionPeriod).Errors(l.get('S5W')![0])]).toEqual([]);
  });

  it('refuses a reinstatement without a suspension, or before or at the suspension', () => {
    expect(code(new Map(), reinstate('S5W', MARCH_1))).toEqual(['SUSPENSION_NOT_SUSPENDED', '/filer']);
    const l = apply([suspend('S5W', MARCH_1)]);
    expect(code(l, reinstate('S5W', '2026-02-01T00:00:00Z'))).toEqual([
      'SUSPENSION_REINSTATED_BEFORE_SUSPENDED',
      '/effectiveAt',
    ]);
    expect(code(l, reinstate('S5W', MARCH_1))).toEqual([
      'SUSPENSION_REINSTATED_BEFORE_SUSPENDED',
      '/effectiveAt',
    ]);
    expect(
      code(apply([reinstate('S5W', '2026-04-01T00:00:00Z')], l), reinstate('S5W', '2026-05-01T00:00:00Z')),
    ).toEqual(['SUSPENSION_NOT_SUSPENDED', '/filer']);
  });

  it('refuses overlapping suspensions and allows a new one from the reinstatement on', () => {
    const l = apply([suspend('S5W', MARCH_1)]);
    expect(code(l, suspend('S5W', '2026-04-01T00:00:00Z'))).toEqual([
      'SUSPENSION_ALREADY_SUSPENDED',
      '/filer',
    ]);
    const back = apply([reinstate('S5W', '2026-04-01T00:00:00Z')], l);
    expect(code(back, suspend('S5W', '2026-03-15T00:00:00Z'))).toEqual([
      'SUSPENSION_OVERLAP',
      '/effectiveAt',
    ]);
    expect(code(back, suspend('S5W', '2026-04-01T00:00:00Z'))).toBe('ok');
    expect(code(l, suspend('K3T', '2026-03-15T00:00:00Z'))).toBe('ok');
  });

  it('only officers suspend or reinstate', () => {
    const f: Actor = { id: 'x', role: 'filer', organization: 'S5W' };
    expect(code(new Map(), suspend('S5W', MARCH_1), f)).toEqual(['SUSPENSION_ROLE_FORBIDDEN', '']);
  });

  it('rebuilds a ledger from stored periods and reports overlapping or inverted rows', () => {
    const l = apply([
      suspend('S5W', MARCH_1),
      reinstate('S5W', '2026-04-01T00:00:00Z'),
      suspend('S5W', '2026-05-01T00:00:00Z'),
    ]);
    const rows = [...l.get('S5W')!].reverse();
    const r = ledgerFromPeriods(rows);
    expect(r.ok && r.ledger.get('S5W')).toEqual(l.get('S5W'));
    const overlap = ledgerFromPeriods([...rows, { ...rows[0]!, from: '2026-03-20T00:00:00Z' }]);
    expect(overlap.ok ? 'ok' : overlap.code).toBe('SUSPENSION_OVERLAP');
    const inverted = ledgerFromPeriods([{ ...rows[1]!, until: '2026-02-01T00:00:00Z' }]);
    expect(inverted.ok ? 'ok' : inverted.code).toBe('SUSPENSION_REINSTATED_BEFORE_SUSPENDED');
  });

  it('validates commands from outside', () => {
    expect(validateSuspensionCommand(suspend('S5W', MARCH_1)).ok).toBe(true);
    const noPlan = validateSuspensionCommand({ ...suspend('S5W', MARCH_1), remedialPlan: undefined });
    expect(noPlan.ok ? 'ok' : noPlan.path).toBe('/remedialPlan');
    const r = validateSuspensionCommand({ kind: 'pause' });
    expect(r.ok ? 'ok' : r.path).toBe('/kind');
  });
});

/**
 * The law's own parameters say Type 86 is rejected for every origin from 2025-08-29; these are the
 * rules of a policy in which de minimis still runs in 2026 (as a scenario restoring it would), so
 * that only the filer suspension decides.
 */
const origin = (value: unknown, citation: string): ParameterHistory => ({
  name: '',
  description: '',
  values: [{ fromMs: Number.NEGATIVE_INFINITY, from: 'origin', value, citation }],
});
const params: ParameterSet = new Map([
  ['threshold-usd', { ...origin(800, '19 U.S.C. 1321(a)(2)(C)'), name: 'threshold-usd' }],
  ['suspended-origins', { ...origin([], '19 U.S.C. 1321'), name: 'suspended-origins' }],
  ['type86-available', { ...origin(true, '84 FR 40079'), name: 'type86-available' }],
  [
    'suspended-filers',
    { ...origin([], '84 FR 40079 (misconduct and suspension from the test)'), name: 'suspended-filers' },
  ],
]);
const parcel = (filer: string, kind: ShipmentFacts['kind'] = 'type86'): ShipmentFacts => ({
  kind,
  mode: 'air',
  claim: 'section321',
  filer,
  filerRole: 'broker',
  carrier: 'SKYX',
  valueCents: 5_000,
  origins: ['DE'],
  shipperCountry: 'DE',
  ecommerce: false,
  goods: [],
});

describe('a recorded suspension feeds the policy', () => {
  const ledger = apply([suspend('S5W', MARCH_1), reinstate('S5W', '2026-06-01T04:00:00Z')]);
  const policy = datedPolicy({
    name: 'test',
    version: '1',
    description: '',
    params: withRecordedSuspensions(params, ledger),
  });
  const march1 = easternWallClockToUtc('2026-03-01');
  const outcome = (facts: ShipmentFacts, at: number) => {
    const e = policy.eligibility!(facts, at);
    return e.code === undefined ? e.outcome : `${e.outcome}:${e.code}`;
  };

  it('a filer suspended from 2026-03-01 is refused Type 86 from that instant and accepted before', () => {
    expect(march1).toBe(Date.parse(MARCH_1));
    expect(outcome(parcel('S5W'), march1 - 1)).toBe('eligible');
    expect(outcome(parcel('S5W'), march1)).toBe('ineligible:FILER_SUSPENDED');
    expect(outcome(parcel('S5W'), easternWallClockToUtc('2026-05-31', 23, 59))).toBe(
      'ineligible:FILER_SUSPENDED',
    );
  });

  it('the refusal cites the suspension and its reason; other filers and other kinds are unaffected', () => {
    const e = policy.eligibility!(parcel('S5W'), march1);
    const step = e.steps.find((s) => s.rule === 'suspended-filers');
    expect(step?.since).toBe(MARCH_1);
    expect(step?.citation).toContain('84 FR 40079');
    expect(step?.citation).toContain(
      'S5W suspended from 2026-03-01T05:00:00Z (narcotics: fentanyl precursors',
    );
    expect(outcome(parcel('A7K'), march1)).toBe('eligible');
    expect(outcome(parcel('S5W', 'manifest321'), march1)).toBe('eligible');
  });

  it('is accepted again from the reinstatement', () => {
    expect(outcome(parcel('S5W'), easternWallClockToUtc('2026-06-01'))).toBe('eligible');
  });

  it('keeps the filers a scenario names and the policy values before any suspension', () => {
    const scenario: ParameterHistory = {
      name: 'suspended-filers',
      description: '',
      values: [
        ...params.get('suspended-filers')!.values,
        {
          fromMs: Date.parse('2025-06-01T04:00:00Z'),
          from: '2025-06-01',
          value: ['K3T'],
          citation: 'scenario',
        },
      ],
    };
    const h = suspendedFilersHistory(ledger, scenario as ParameterHistory<readonly string[]>);
    expect(h.values.map((v) => [v.from, v.value])).toEqual([
      ['origin', []],
      ['2025-06-01', ['K3T']],
      [MARCH_1, ['K3T', 'S5W']],
      ['2026-06-01T04:00:00Z', ['K3T']],
    ]);
    expect(valueAt(h, Date.parse('2026-04-01T00:00:00Z'))?.citation).toMatch(/^scenario; S5W suspended/);
  });

  it('with nothing recorded the parameter is unchanged', () => {
    const h = suspendedFilersHistory(
      new Map(),
      params.get('suspended-filers') as ParameterHistory<readonly string[]>,
    );
    expect(h.values).toEqual(params.get('suspended-filers')!.values);
  });
});
