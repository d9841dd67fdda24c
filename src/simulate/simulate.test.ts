import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Simulation } from './run-simulation.js';

const cli = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));

describe('minimis simulate', () => {
  it('replaying one generated day at four dates shows the regimes changing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'minimis-sim-'));
    const day = join(dir, 'day.ndjson');
    const run = (...args: string[]) =>
      execFileSync(process.execPath, [cli, ...args], { encoding: 'utf8', stdio: 'pipe' });
    run('generate', '--filings', '3000', '--seed', '3', '--out', day, '--truth', join(dir, 'truth.json'));
    run(
      'simulate',
      day,
      '--policy',
      'law',
      '--vs',
      'end-de-minimis',
      '--at',
      '2025-04-30,2025-05-03,2025-08-30,2027-07-02',
      '--json',
      join(dir, 'sim.json'),
      '--html',
      join(dir, 'sim.html'),
    );
    const sim = JSON.parse(readFileSync(join(dir, 'sim.json'), 'utf8')) as Simulation;
    const eligible = sim.runs.map((r) => r.a.eligible);
    // Before the China suspension most of the day is eligible; after 2025-05-02 Chinese goods are not;
    // from 2025-08-29 nothing is; after the 2027 repeal nothing is, for a different reason.
    expect(eligible[0]!).toBeGreaterThan(eligible[1]!);
    expect(eligible[1]!).toBeGreaterThan(0);
    expect(eligible[2]).toBe(0);
    expect(eligible[3]).toBe(0);
    expect(sim.runs[1]!.a.dutyUsd).toBeGreaterThan(0);
    expect(sim.runs[0]!.b.entriesNeeded.informal + sim.runs[0]!.b.entriesNeeded.formal).toBeGreaterThan(2500);
    // Under the law nothing changes between 2025-08-30 and 2027-07-02 for the outcome of a claim.
    expect(sim.runs[3]!.changed).toBe(0);
    const html = readFileSync(join(dir, 'sim.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|https?:\/\//);
  }, 120_000);
});
