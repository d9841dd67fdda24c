import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Filing, InputRecord } from '../core/filing/schema.js';
import * as C from './catalog.js';
import { openDay } from './generate-day.js';
import { writeGeneratedDay } from './write.js';

describe('writeGeneratedDay', () => {
  it('writes the records as NDJSON and the truth as JSON, both streamed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minimis-generate-'));
    const out = join(dir, 'day.ndjson');
    const truthPath = join(dir, 'truth.json');
    const truth = await writeGeneratedDay({ filings: 3_000, seed: 8 }, out, truthPath);
    const text = readFileSync(out, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    expect(lines).toEqual([...openDay({ filings: 3_000, seed: 8 }).lines]);
    expect(lines.length).toBe(truth.records);
    const written = JSON.parse(readFileSync(truthPath, 'utf8'));
    // The streamed file is exactly the truth object serialized.
    expect(readFileSync(truthPath, 'utf8')).toBe(JSON.stringify(truth));
    expect(written.filings).toBe(3_000);
    expect(Object.keys(written.expected)).toHaveLength(3_000);
    expect(written.planted.length).toBeGreaterThan(10);
  });

  it('reports a path it cannot write', async () => {
    await expect(
      writeGeneratedDay({ filings: 10, seed: 1 }, '/nonexistent-dir/day.ndjson'),
    ).rejects.toThrow();
  });
});

describe('htsCodes', () => {
  it('keeps to the lines of the schedule it is given', () => {
    // A schedule without the apparel lines of the built-in list and without precursor headings.
    const kept = C.PRODUCTS.filter((p) => !p.hts.startsWith('61')).map((p) => p.hts.replace(/\D/g, ''));
    const given = [...kept, '6109100060', '6110202010', '8479899599'].map((hts10) => ({
      hts10,
      description: 'line',
    }));
    const allowed = new Set(given.map((g) => g.hts10));
    const day = openDay({ filings: 4_000, seed: 2, htsCodes: given });
    const records = [...day.records] as InputRecord[];
    const truth = day.truth();
    const defect = new Set(
      truth.planted.filter((p) => p.kind === 'bad-hts' || p.kind === 'precursor').flatMap((p) => p.filingIds),
    );
    let lines = 0;
    for (const r of records) {
      if (r.type !== 'filing' || defect.has(r.id)) continue;
      for (const l of (r as Filing).lines) {
        expect(allowed.has(l.hts.replace(/\D/g, '')), l.hts).toBe(true);
        lines++;
      }
    }
    expect(lines).toBeGreaterThan(4_000);
    // Knitted apparel moved to a line of the same heading that exists.
    expect(
      records.some(
        (r) => r.type === 'filing' && r.lines.some((l) => l.hts.replace(/\D/g, '') === '6109100060'),
      ),
    ).toBe(true);
  });
});
