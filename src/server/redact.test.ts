import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRiskRules, loadTargeting } from '../adapters/risk/load-targeting.js';
import { aLine } from '../core/validation/test-support/filing-builder.js';
import { aReferenceData } from '../core/validation/test-support/reference-builder.js';
import { aServer, filingOf, type Harness } from './test-support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await aServer({ ref: { ...aReferenceData(), riskRules: loadRiskRules() }, targeting: loadTargeting() });
});
afterEach(() => h.close());

// A line of the test schedule, so the filing is accepted and gets a lane; the CAS number decides it.
const precursor = filingOf('FLR1', 'P1', {
  lines: [aLine({ description: 'knitted shirt, sample of intermediate CAS 21409-26-7' })],
});

describe('targeting through the API', () => {
  it('shows officers the lane and every rule result, and filers neither', async () => {
    const filer = h.key('FLR1');
    const officer = h.key('CBP', 'officer');
    const filed = await h.call(filer, 'POST', '/v1/filings', precursor);
    expect(filed.statusCode).toBe(201);
    expect(filed.json().decision).toMatchObject({ lane: 'unassigned', risk: { rules: [], reasons: [] } });

    const seen = (await h.call(officer, 'GET', '/v1/filings/P1/decision')).json().decision;
    expect(seen.lane).toBe('red');
    expect(seen.risk.rules.find((r: { rule: string }) => r.rule === 'precursor-cas')).toMatchObject({
      band: 'critical',
    });

    for (const url of ['/v1/filings/P1/decision', '/v1/filings/P1/history']) {
      const body = (await h.call(filer, 'GET', url)).body;
      expect(body).not.toMatch(/precursor|21409-26-7 |"red"/);
      expect(body).toContain('"lane":"unassigned"');
    }
  });
});
