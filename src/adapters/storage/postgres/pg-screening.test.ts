import pg from 'pg';
import { afterAll } from 'vitest';
import { policy, ref, screeningStoreSuite } from '../test-support/screening-store-suite.js';
import { PgScreening } from './pg-screening.js';
import { PG_URL, pgSchemaName } from './test-support/pg-test-db.js';

const schemas: string[] = [];
afterAll(async () => {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  await client.end();
});

let current = '';
screeningStoreSuite('PostgreSQL', {
  fresh: async () => {
    current = pgSchemaName('suite');
    schemas.push(current);
    return PgScreening.open(PG_URL, policy, ref, { schema: current });
  },
  reopen: async () => PgScreening.open(PG_URL, policy, ref, { schema: current }),
});
