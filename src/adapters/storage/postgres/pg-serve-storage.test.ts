import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../core/policy/index.js';
import { aConsignee } from '../../../core/validation/test-support/filing-builder.js';
import { aReferenceData } from '../../../core/validation/test-support/reference-builder.js';
import { noNeeds } from '../ordered-store.js';
import { EffectBuffer } from '../screening-store.js';
import { commitRecords, filing, serveStorageSuite } from '../test-support/serve-storage-suite.js';
import { openPgServeStorage } from './pg-serve-storage.js';
import { PG_URL, pgSchemaName } from './test-support/pg-test-db.js';

const schemas: string[] = [];
afterAll(async () => {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  await client.end();
});

let current = '';
serveStorageSuite('PostgreSQL', {
  fresh: async () => {
    current = pgSchemaName('serve');
    schemas.push(current);
    return openPgServeStorage(PG_URL, { schema: current, maxConnections: 3 });
  },
  reopen: async () => openPgServeStorage(PG_URL, { schema: current, maxConnections: 3 }),
});

describe('two processes on one PostgreSQL', () => {
  it('replay each other’s records and suspensions in the one order; one of them holds the delivery lease', async () => {
    const schema = pgSchemaName('serve2');
    schemas.push(schema);
    const ref = aReferenceData();
    const open = async () => {
      const s = await openPgServeStorage(PG_URL, { schema, maxConnections: 3 });
      const replays: string[] = [];
      const o = await s.ordered(defaultPolicy, ref, {
        loaded: () => undefined,
        replayed: (p) => replays.push(p.filer),
      });
      return { s, o, replays };
    };
    const a = await open();
    const b = await open();
    try {
      await commitRecords(a.o, [filing('M1', 500)]);
      const period = { filer: 'FLR9', from: '2025-08-01T00:00:00Z', until: null } as never;
      await a.o.commit({
        needs: noNeeds,
        apply: (_view, engine) => {
          engine.suspension(period);
          return noNeeds();
        },
        writes: () => ({
          effects: new EffectBuffer(),
          audits: [],
          caseInserts: [],
          caseUpdates: [],
          decisionUpdates: [],
          suspensions: [period],
        }),
      });
      // B has not seen A's filing in its engine until its next commit replays it: the total is exact.
      const [m2] = await commitRecords(b.o, [
        filing('M2', 400, { consignee: aConsignee({ name: 'J. Smith' }) }),
        { type: 'arrival', conveyanceId: 'SX1234', arrivedAt: '2025-08-20T17:30:00Z', port: '4701' },
      ]);
      expect(b.replays).toEqual(['FLR9']);
      expect(m2).toMatchObject({ filingId: 'M2', status: 'withheld', party: { totalUsd: 900 } });
      expect(JSON.parse((await b.s.data.currentDecisionText('M1'))!)).toMatchObject({ status: 'released' });
      const leases = [await a.s.data.deliveryLease(), await b.s.data.deliveryLease()];
      expect(leases.filter(Boolean)).toHaveLength(1);
    } finally {
      await a.s.close();
      await b.s.close();
    }
  });
});
