import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeGeneratedDay } from '../generate/write.js';

// Against the built CLI (npm test builds first): worker threads run from dist.
const cli = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'minimis-workers-'));
const day = join(dir, 'day.ndjson');

beforeAll(async () => {
  await writeGeneratedDay({ filings: 6000, seed: 13 }, day);
});

function screen(workers: number): string {
  const out = join(dir, `decisions-${workers}.ndjson`);
  execFileSync(
    process.execPath,
    [cli, 'screen', day, '--workers', String(workers), '--no-progress', '--no-hts', '--json', '--out', out],
    {
      stdio: 'pipe',
    },
  );
  return readFileSync(out, 'utf8');
}

describe.skipIf(!existsSync(cli))('screening on worker threads', () => {
  it('decides exactly as screening on the main thread, rule results and lanes included', () => {
    const inline = screen(0);
    expect(inline.split('\n').filter(Boolean).length).toBeGreaterThan(5000);
    expect(inline).toMatch(/"rule":"precursor-cas","band":"(high|critical)"/);
    expect(screen(2)).toBe(inline);
  });
});
