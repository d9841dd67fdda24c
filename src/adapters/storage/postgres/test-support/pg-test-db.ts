import pg from 'pg';

/**
 * The PostgreSQL the tests use: `MINIMIS_TEST_DATABASE_URL`, else the machine's local server (CI starts
 * it). Each test works in a schema of its own, dropped afterwards, so runs never see each other's rows.
 */
export const PG_URL = process.env.MINIMIS_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let n = 0;
export function pgSchemaName(label: string): string {
  return `minimis_t_${label}_${process.pid}_${Date.now().toString(36)}_${++n}`;
}

/** Runs one statement on the test server outside any test's schema (CREATE/DROP DATABASE). */
export async function pgAdmin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}
