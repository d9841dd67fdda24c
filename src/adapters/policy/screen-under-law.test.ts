import { describe, expect, it } from 'vitest';
import { Screener } from '../../core/screen/index.js';
import { MemorySink } from '../../core/screen/test-support/memory-sink.js';
import { anArrival, aPrepared } from '../../core/screen/test-support/prepared-builder.js';
import { loadPolicies, policyByName } from './load-policies.js';

/** The engine reads the policy at the shipment's instant: the filing's, then the arrival's. */
const law = policyByName('law', loadPolicies()).policy;

describe('screening under the dated law', () => {
  it('a claim filed before the 2025-08-29 suspension and arriving after it is rejected at arrival', () => {
    const s = new Screener(law);
    const sink = new MemorySink();
    s.apply(
      aPrepared({ id: 'F1', usd: 50, filedAt: '2025-08-28T20:00:00Z', eda: '2025-08-29T12:00:00Z' }),
      sink,
    );
    expect(sink.decisions.get('F1#1')?.status).toBe('accepted');
    s.apply(anArrival('CV1', '2025-08-29T12:00:00Z'), sink);
    const d = sink.decisions.get('F1#1')!;
    expect(d.status).toBe('rejected');
    expect(d.codes).toContain('DE_MINIMIS_SUSPENDED');
    expect(d.eligibility.rules.at(-1)?.citation).toMatch(/EO 14324/);
    expect(
      sink.messages.filter((m) => m.filingId === 'F1' && m.code === 'REJECTED').map((m) => m.role),
    ).toEqual(['filer', 'broker']);
  });

  it('a filing of a suspended origin does not count toward the consignee’s $800', () => {
    const s = new Screener(law);
    const sink = new MemorySink();
    const at = { filedAt: '2025-08-20T10:00:00Z', eda: '2025-08-20T18:00:00Z' };
    s.apply(aPrepared({ id: 'CN1', usd: 700, origins: ['CN'], ...at }), sink);
    s.apply(aPrepared({ id: 'DE1', usd: 500, origins: ['DE'], ...at }), sink);
    s.apply(anArrival('CV1', '2025-08-20T18:00:00Z'), sink);
    expect(sink.decisions.get('CN1#1')?.codes).toContain('318');
    expect(sink.decisions.get('DE1#1')?.status).toBe('released');
    expect(sink.decisions.get('DE1#1')?.party?.totalUsd).toBe(500);
  });

  it('before the 4M release the same day over $800 is released, from 2025-08-12 it is withheld', () => {
    for (const [day, status] of [
      ['2025-08-11', 'released'],
      ['2025-08-12', 'withheld'],
    ] as const) {
      const s = new Screener(law);
      const sink = new MemorySink();
      const at = { filedAt: `${day}T10:00:00Z`, eda: `${day}T18:00:00Z` };
      s.apply(aPrepared({ id: 'A', usd: 500, ...at }), sink);
      s.apply(aPrepared({ id: 'B', usd: 400, ...at }), sink);
      s.apply(anArrival('CV1', `${day}T18:00:00Z`), sink);
      expect(sink.decisions.get('B#1')?.status).toBe(status);
    }
  });
});
