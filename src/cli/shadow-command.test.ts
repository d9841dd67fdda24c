import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_RULES } from '../adapters/risk/load-targeting.js';
import { writeGeneratedDay } from '../generate/index.js';
import { runShadow } from './shadow-command.js';

const dir = mkdtempSync(join(tmpdir(), 'minimis-shadow-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('minimis shadow', () => {
  it('reports no difference for the live rules against themselves, and where a draft moves lanes', async () => {
    const day = join(dir, 'day.ndjson');
    await writeGeneratedDay({ filings: 800, seed: 3, day: '2025-08-20' }, day);
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const same = await runShadow([day], { rules: DEFAULT_RULES(), json: true });
      expect(same.total).toBeGreaterThanOrEqual(800);
      expect(same.differentLane).toBe(0);

      // A draft that learns first-seen shippers after 10 filings and weighs them enough to reach yellow.
      const draft = join(dir, 'draft.yaml');
      writeFileSync(
        draft,
        readFileSync(DEFAULT_RULES(), 'utf8')
          .replace(/warmUpFilings: \d+/, 'warmUpFilings: 10')
          .replace(/(first-seen-party:\n\s+enabled: true\n\s+weight: )[\d.]+/, '$16'),
      );
      const moved = await runShadow([day], { rules: draft, json: true, max: 5 });
      expect(moved.differentLane).toBeGreaterThan(0);
      expect(moved.stricter).toBe(moved.differentLane);
      expect(moved.differences).toHaveLength(Math.min(5, moved.differentLane));
      expect(moved.differences[0]!.shadow.reasons.join(' ')).toMatch(/first-seen-party/);
    } finally {
      out.mockRestore();
    }
  });
});
