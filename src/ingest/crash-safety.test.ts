import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeGeneratedDay } from '../generate/write.js';
import { countRows, dumpDb } from '../test-support/db-dump.js';

// End-to-end against the built CLI (npm test builds first).
const cli = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'minimis-crash-'));
const day = join(dir, 'day.ndjson');
const FILINGS = 40_000;
const screenArgs = (db: string) => [
  cli,
  'screen',
  day,
  '--db',
  db,
  '--no-progress',
  '--batch-size',
  '500',
  '--no-hts',
];

beforeAll(async () => {
  await writeGeneratedDay({ filings: FILINGS, seed: 11 }, day);
});

describe.skipIf(!existsSync(cli))('crash safety and idempotency of `minimis screen`', () => {
  it('a run killed with SIGKILL mid-file and started again ends exactly where an uninterrupted run does', async () => {
    const whole = join(dir, 'whole.db');
    execFileSync(process.execPath, screenArgs(whole), { stdio: 'pipe' });
    const total = countRows(whole, 'filing_state');
    expect(total).toBeGreaterThan(FILINGS * 0.9);

    const crashed = join(dir, 'crashed.db');
    const child = spawn(process.execPath, screenArgs(crashed), { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    let seen = 0;
    for (let i = 0; i < 2000 && child.exitCode === null; i++) {
      await new Promise((r) => setTimeout(r, 10));
      seen = existsSync(crashed) ? countRows(crashed, 'filing_state') : 0;
      if (seen > total * 0.2) break;
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const atKill = countRows(crashed, 'filing_state');
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(total);

    execFileSync(process.execPath, screenArgs(crashed), { stdio: 'pipe' });
    expect(dumpDb(crashed)).toEqual(dumpDb(whole));
  });

  it('screening the same file twice changes nothing', () => {
    const db = join(dir, 'twice.db');
    execFileSync(process.execPath, screenArgs(db), { stdio: 'pipe' });
    const once = dumpDb(db);
    execFileSync(process.execPath, screenArgs(db), { stdio: 'pipe' });
    expect(dumpDb(db)).toEqual(once);
  });
});
