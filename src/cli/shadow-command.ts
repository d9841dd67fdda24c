import type { Command } from 'commander';
import { DEFAULT_LANES, DEFAULT_RULES, loadTargeting } from '../adapters/risk/load-targeting.js';
import { checkRecord } from '../core/filing/check-record.js';
import {
  ShadowComparison,
  type ShadowReport,
  ShadowRun,
  sideOf,
  staticRiskFacts,
} from '../core/risk/index.js';
import { easternDay, parseInstant } from '../core/time/index.js';
import { readRecords } from '../ingest/read-records.js';
import { loadReference } from './reference.js';

export interface ShadowOptions {
  /** The draft rule set (default: the live one, when only a draft model is tried). */
  rules?: string;
  lanes?: string;
  /** A draft learned model, taking part in the draft's scoring as the `model` rule. */
  model?: string;
  liveRules?: string;
  liveLanes?: string;
  /** The learned model the live configuration runs with, if any. */
  liveModel?: string;
  max?: number;
  json?: boolean;
}

/**
 * `minimis shadow FILES --rules DRAFT`: runs a draft rule set (and lanes) beside the live one over the same
 * traffic, each with memories of its own, and reports where their lanes differ and why. Nothing is stored
 * and no decision changes.
 */
export async function runShadow(files: readonly string[], opts: ShadowOptions): Promise<ShadowReport> {
  if (opts.rules === undefined && opts.model === undefined && opts.lanes === undefined)
    throw new Error('nothing to try: give a draft --rules FILE, --lanes FILE or --model FILE');
  const liveRules = opts.liveRules ?? DEFAULT_RULES();
  const live = loadTargeting(liveRules, opts.liveLanes ?? DEFAULT_LANES(), [], opts.liveModel);
  const draft = loadTargeting(
    opts.rules ?? liveRules,
    opts.lanes ?? opts.liveLanes ?? DEFAULT_LANES(),
    [],
    opts.model ?? opts.liveModel,
  );
  const { ref } = loadReference({ targeting: false, tariffs: false }, true);
  const liveRun = new ShadowRun(live.rules, live.lanes);
  const draftRun = new ShadowRun(draft.rules, draft.lanes);
  const draftLabel =
    draft.rules.label === live.rules.label ? `${draft.rules.label} (lanes ${opts.lanes})` : draft.rules.label;
  const cmp = new ShadowComparison(live.rules.label, draftLabel, opts.max ?? 100);
  for (const path of files)
    for await (const item of readRecords(path)) {
      if (item.error !== undefined) continue;
      const checked = checkRecord(item.value);
      if (!checked.ok) continue;
      const f = checked.record;
      if (f.type !== 'filing' && f.type !== 'amendment') continue;
      const eda = Array.isArray(f.estimatedArrival) ? f.estimatedArrival[0] : f.estimatedArrival;
      const edaMs = eda === undefined ? Number.NaN : parseInstant(eda);
      const day = easternDay(Number.isNaN(edaMs) ? parseInstant(f.filedAt) : edaMs);
      const a = liveRun.decide(staticRiskFacts(f, live.rules, ref), day);
      const b = draftRun.decide(staticRiskFacts(f, draft.rules, ref), day);
      if (!a.ok || !b.ok)
        throw new Error(`${path}:${item.line}: ${a.ok ? '' : a.error.message}${b.ok ? '' : b.error.message}`);
      cmp.add(f.id, f.version, sideOf(a.assessment, a.decision), sideOf(b.assessment, b.decision));
    }
  const report = cmp.report();
  process.stdout.write(opts.json === true ? `${JSON.stringify(report, null, 2)}\n` : formatShadow(report));
  return report;
}

function formatShadow(r: ShadowReport): string {
  const lanes = Object.keys(r.matrix) as (keyof ShadowReport['matrix'])[];
  const pad = (x: string | number, n = 12) => String(x).padStart(n);
  const lines = [
    `Live ${r.live} vs draft ${r.shadow}: ${r.total.toLocaleString('en-US')} filings, ${r.sameLane.toLocaleString('en-US')} in the same lane, ${r.differentLane.toLocaleString('en-US')} in another (${r.stricter} stricter, ${r.laxer} laxer); mean |score change| ${r.meanAbsScoreDelta}`,
    '',
    `live \\ draft${lanes.map((l) => pad(l)).join('')}`,
    ...lanes.map((l) => `${l.padEnd(13)}${lanes.map((m) => pad(r.matrix[l][m])).join('')}`),
    '',
    ...r.differences.map(
      (d) =>
        `${d.filingId} v${d.version}: ${d.live.lane} → ${d.shadow.lane}\n  live:  ${d.live.reason}${d.live.reasons.length > 0 ? `; ${d.live.reasons.join('; ')}` : ''}\n  draft: ${d.shadow.reason}${d.shadow.reasons.length > 0 ? `; ${d.shadow.reasons.join('; ')}` : ''}`,
    ),
    ...(r.omitted > 0 ? [`… ${r.omitted} more (--max N)`] : []),
  ];
  return `${lines.join('\n')}\n`;
}

export function registerShadowCommand(program: Command): void {
  program
    .command('shadow')
    .description(
      'run a draft rule set, lanes or learned model beside the live configuration on the same traffic and report where lanes differ',
    )
    .argument('<files...>', 'NDJSON, JSON-array or CSV files of filings')
    .option('--rules <file>', 'the draft rule set (default: the live one)')
    .option('--lanes <file>', 'the draft lane configuration (default: the live one)')
    .option(
      '--model <file>',
      "a draft learned model (`minimis model train --db`), as the draft's `model` rule",
    )
    .option('--live-rules <file>', 'the live rule set (default: policy/risk/rules.yaml)')
    .option('--live-lanes <file>', 'the live lanes (default: policy/risk/lanes.yaml)')
    .option('--live-model <file>', 'the learned model the live configuration runs with (default: none)')
    .option('--max <n>', 'differing filings listed', (v) => Number.parseInt(v, 10), 100)
    .option('--json', 'print the report as JSON')
    .action(async (files: string[], opts: ShadowOptions) => {
      await runShadow(files, opts);
    });
}
