import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Decision } from '../core/decision/index.js';
import { checkRecord } from '../core/filing/check-record.js';
import { outcomeRows, type StoredOutcome, trainFromOutcomes } from '../core/model/filing-outcomes.js';
import { serializeModel } from '../core/model/model-format.js';
import { writeGeneratedDay } from '../generate/index.js';

// Against the built CLI (npm test builds first): the model rule runs on the prepare worker threads.
const cli = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'minimis-model-screen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!existsSync(cli))('minimis screen --model', () => {
  it('adds the model rule to every decision, computed on the worker threads, and refuses a model of another kind', async () => {
    const day = join(dir, 'day.ndjson');
    const truth = await writeGeneratedDay({ filings: 3000, seed: 12, day: '2025-08-20' }, day);
    // Outcomes as if the planted precursors, presses, mail drops and weight/value outliers and one in ten of
    // the other filings had been examined: the planted ones at fault.
    const atFault = new Set(
      truth.planted
        .filter((p) =>
          ['precursor', 'pill-press', 'private-mailbox', 'weight-value-outlier'].includes(p.kind),
        )
        .flatMap((p) => p.filingIds),
    );
    const outcomes: StoredOutcome[] = [];
    let n = 0;
    for (const line of readFileSync(day, 'utf8').split('\n')) {
      const r = line === '' ? undefined : checkRecord(JSON.parse(line));
      if (r?.ok !== true || r.record.type !== 'filing') continue;
      const bad = atFault.has(r.record.id);
      if (!bad && n++ % 10 !== 0) continue;
      outcomes.push({
        caseId: r.record.id,
        filing: r.record,
        exam: bad ? 'discrepancy' : 'no-discrepancy',
        disposition: bad ? 'denied-entry' : 'released',
        penaltiesUsd: 0,
        valueUsd: r.record.declaredValue,
        selection: 'targeted',
      });
    }
    const { rows } = outcomeRows(outcomes, { notTargeted: 0 });
    const t = trainFromOutcomes(rows);
    const model = join(dir, 'model.json');
    writeFileSync(model, serializeModel(t.model, { pipeline: t.pipeline }));

    const out = join(dir, 'decisions.ndjson');
    execFileSync(
      process.execPath,
      [
        cli,
        'screen',
        day,
        '--model',
        model,
        '--workers',
        '2',
        '--out',
        out,
        '--json',
        '--policy',
        'ace-2025-08-12',
      ],
      { encoding: 'utf8', cwd: dir },
    );
    const decisions = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Decision)
      .filter((d) => d.lane !== 'unassigned');
    expect(decisions.length).toBeGreaterThan(2500);
    for (const d of decisions) {
      expect(d.risk.ruleSet).toMatch(/^default@2025-09-1\+model:[0-9a-f]{10}$/);
      expect(d.risk.rules.find((r) => r.rule === 'model')?.reason).toMatch(/^learned model [0-9a-f]{10}: /);
    }
    const hits = decisions.filter((d) => d.risk.rules.some((r) => r.rule === 'model' && r.band !== 'none'));
    expect(hits.filter((d) => atFault.has(d.filingId)).length).toBeGreaterThan(0.7 * atFault.size);

    // A model that is not a filing model is refused before anything is screened.
    const kcs = join(dir, 'kcs.json');
    writeFileSync(kcs, serializeModel(t.model, { pipeline: { kind: 'kcs', version: 1 } }));
    const refused = spawnSync(
      process.execPath,
      [cli, 'screen', day, '--model', kcs, '--db', join(dir, 'x.db')],
      {
        encoding: 'utf8',
        cwd: dir,
      },
    );
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/kcs\.json: MODEL_PIPELINE: the model was trained on 'kcs' data/);
    expect(existsSync(join(dir, 'x.db'))).toBe(false);
  });
});
