import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPolicies, policyByName } from '../adapters/policy/load-policies.js';
import { aServer, filingOf, type Harness } from './test-support/harness.js';

const law = policyByName('law', loadPolicies()).policy;

let dir: string;
let h: Harness;
let flr: string;
let officer: string;
let admin: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'minimis-susp-'));
  h = await aServer({
    policy: law,
    path: join(dir, 'm.db'),
    clock: () => Date.parse('2026-01-05T12:00:00Z'),
  });
  flr = h.key('FLR1');
  officer = h.key('CBP', 'officer');
  admin = h.key('ops', 'admin');
});
afterEach(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A $40 Type 86 filing of Vietnamese goods filed at `filedAt`: eligible unless its filer is suspended. */
const filed = (id: string, filedAt: string, estimatedArrival: string) =>
  filingOf('FLR1', id, {
    conveyanceId: `CV-${id}`,
    filedAt,
    estimatedArrival,
    declaredValue: 40,
    lines: [{ ...filingOf('FLR1', 'x').lines[0]!, origin: 'VN', value: 40 }],
  });
const submit = async (key: string, body: unknown) => (await h.call(key, 'POST', '/v1/filings', body)).json();

const suspend = {
  kind: 'suspend',
  filer: 'FLR1',
  effectiveAt: '2025-03-10T12:00:00Z',
  reason: { category: 'narcotics', text: 'pills declared as vitamins, 14 seizures in 30 days' },
  remedialPlan: { summary: 'know your customer', actions: ['screen sellers', 'train staff'], dueAt: null },
};
const reinstate = {
  kind: 'reinstate',
  filer: 'FLR1',
  effectiveAt: '2025-03-11T00:00:00Z',
  reason: 'plan carried out',
};

describe('suspensions from Type 86 through the API', () => {
  it('refuses the filer’s Type 86 claims from the effective instant until reinstatement, also after a restart', async () => {
    expect(
      (await submit(flr, filed('BEFORE', '2025-03-10T10:00:00Z', '2025-03-10T14:00:00Z'))).decision.status,
    ).toBe('accepted');
    const r = await h.call(admin, 'POST', '/v1/suspensions', suspend);
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({
      appliedToPolicy: true,
      period: { filer: 'FLR1', from: suspend.effectiveAt, until: null, reason: suspend.reason },
    });

    const during = (await submit(flr, filed('DURING', '2025-03-10T13:00:00Z', '2025-03-10T20:00:00Z')))
      .decision;
    expect(during.status).toBe('rejected');
    expect(during.eligibility).toMatchObject({ outcome: 'ineligible', code: 'FILER_SUSPENDED' });
    const cite = during.eligibility.rules.find((x: { rule: string }) => x.rule === 'suspended-filers');
    expect(cite.citation).toContain('FLR1 suspended from 2025-03-10T12:00:00Z (narcotics');

    // Accepted before the suspension, arriving during it: judged again at arrival.
    await submit(officer, {
      type: 'arrival',
      conveyanceId: 'CV-BEFORE',
      arrivedAt: '2025-03-10T14:00:00Z',
      port: '4701',
    });
    const atArrival = (await h.call(flr, 'GET', '/v1/filings/BEFORE/decision')).json().decision;
    expect(atArrival.eligibility.code).toBe('FILER_SUSPENDED');

    expect((await h.call(admin, 'POST', '/v1/suspensions', reinstate)).statusCode).toBe(201);
    const after = (await submit(flr, filed('AFTER', '2025-03-11T10:00:00Z', '2025-03-11T14:00:00Z')))
      .decision;
    expect(after.status).toBe('accepted');

    const list = (await h.call(officer, 'GET', '/v1/suspensions?filer=FLR1')).json().periods;
    expect(list).toMatchObject([
      {
        filer: 'FLR1',
        from: suspend.effectiveAt,
        until: reinstate.effectiveAt,
        reinstatement: { reason: 'plan carried out' },
      },
    ]);
    const audit = (await h.call(admin, 'GET', '/v1/audit?limit=1000'))
      .json()
      .entries.filter((e: { action: string }) => e.action.startsWith('suspension.'));
    expect(audit).toMatchObject([
      { action: 'suspension.suspend', target: 'FLR1', role: 'admin', before: null, after: { until: null } },
      {
        action: 'suspension.reinstate',
        target: 'FLR1',
        before: { from: suspend.effectiveAt, until: null },
        after: { until: reinstate.effectiveAt },
      },
    ]);

    // A new suspension, then a restart on the same store: the recorded ledger feeds the policy again.
    await h.call(admin, 'POST', '/v1/suspensions', { ...suspend, effectiveAt: '2025-03-12T00:00:00Z' });
    await h.close();
    h = await aServer({
      policy: law,
      path: join(dir, 'm.db'),
      clock: () => Date.parse('2026-01-05T12:00:00Z'),
    });
    flr = h.key('FLR1');
    const later = (await submit(flr, filed('LATER', '2025-03-12T10:00:00Z', '2025-03-12T14:00:00Z')))
      .decision;
    expect(later.eligibility.code).toBe('FILER_SUSPENDED');
    expect((await h.call(h.key('CBP', 'analyst'), 'GET', '/v1/suspensions')).json().periods).toHaveLength(2);
  });

  it('refuses commands the ledger does not allow, and keys that may not suspend', async () => {
    const err = async (key: string, body: unknown) => {
      const r = await h.call(key, 'POST', '/v1/suspensions', body);
      return [r.statusCode, r.json().error.code];
    };
    expect(await err(admin, reinstate)).toEqual([409, 'SUSPENSION_NOT_SUSPENDED']);
    expect(await err(officer, suspend)).toEqual([403, 'FORBIDDEN']);
    expect(await err(flr, suspend)).toEqual([403, 'FORBIDDEN']);
    expect(
      await err(admin, { ...suspend, remedialPlan: { summary: 'x', actions: [], dueAt: null } }),
    ).toEqual([422, 'SUSPENSION_COMMAND_INVALID']);
    expect(await err(admin, { kind: 'pause', filer: 'FLR1' })).toEqual([422, 'SUSPENSION_COMMAND_INVALID']);
    expect((await h.call(admin, 'POST', '/v1/suspensions', suspend)).statusCode).toBe(201);
    expect(await err(admin, suspend)).toEqual([409, 'SUSPENSION_ALREADY_SUSPENDED']);
    expect(await err(admin, { ...reinstate, effectiveAt: '2025-03-09T00:00:00Z' })).toEqual([
      409,
      'SUSPENSION_REINSTATED_BEFORE_SUSPENDED',
    ]);
    expect((await h.call(admin, 'POST', '/v1/suspensions', reinstate)).statusCode).toBe(201);
    expect(await err(admin, { ...suspend, effectiveAt: '2025-03-10T18:00:00Z' })).toEqual([
      409,
      'SUSPENSION_OVERLAP',
    ]);
    const filerRead = await h.call(flr, 'GET', '/v1/suspensions');
    expect([filerRead.statusCode, filerRead.json().error.code]).toEqual([403, 'FORBIDDEN']);
  });
});
