import type { Command } from 'commander';
import {
  loadPolicies,
  type PolicyEntry,
  parseFrom,
  policyByName,
  withOverrides,
} from '../adapters/policy/load-policies.js';
import { type DatedValue, valueAt } from '../core/policy/index.js';
import { formatEastern } from '../core/time/index.js';

/** The policy a command runs under: a name from `policy list`, plus any `--set` overrides. */
export function choosePolicy(name: string | undefined, sets: readonly string[] = []): PolicyEntry {
  return withOverrides(policyByName(name ?? 'law', loadPolicies()), sets);
}

const collect = (v: string, acc: string[]) => [...acc, v];

/** Adds `--policy` and `--set` to a command that screens. */
export function policyOptions(cmd: Command): Command {
  return cmd
    .option('--policy <name>', 'policy to apply (see `minimis policy list`)', 'law')
    .option(
      '--set <name=json[@date]>',
      'override a parameter from a date, e.g. threshold-usd=200@2026-01-01',
      collect,
      [],
    );
}

export function registerPolicyCommands(program: Command): void {
  const policy = program.command('policy').description('dated de minimis policies: list, show, compare');

  policy
    .command('list')
    .description('every policy: the law as enacted, the scenarios, the builtin ACE policy')
    .option('--json', 'as JSON')
    .action((opts: { json?: boolean }) => {
      const list = [...loadPolicies().values()].map((p) => ({
        name: p.name,
        kind: p.kind,
        description: p.description,
        citation: p.citation,
      }));
      if (opts.json === true) process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
      else
        for (const p of list)
          process.stdout.write(`${p.name.padEnd(18)} ${p.kind.padEnd(9)} ${p.description}\n`);
    });

  policy
    .command('show')
    .description('every parameter of a policy in force at a date, with when it took effect and its source')
    .argument('<name>', 'policy name')
    .option(
      '--at <date>',
      'date (YYYY-MM-DD, 00:00 Eastern) or Eastern time YYYY-MM-DDTHH:MM; default: every value',
    )
    .option('--set <name=json[@date]>', 'override a parameter', collect, [])
    .option('--json', 'as JSON')
    .action((name: string, opts: { at?: string; set: string[]; json?: boolean }) => {
      const p = choosePolicy(name, opts.set);
      const atMs = opts.at === undefined ? undefined : parseFrom(opts.at, '--at', 0);
      const rows = describe(p, atMs);
      if (opts.json === true) {
        process.stdout.write(
          `${JSON.stringify({ policy: p.name, at: opts.at ?? null, parameters: rows }, null, 2)}\n`,
        );
        return;
      }
      process.stdout.write(`${p.name} — ${p.description}\n`);
      if (atMs !== undefined) process.stdout.write(`in force at ${formatEastern(atMs)}\n`);
      process.stdout.write('\n');
      for (const r of rows) {
        process.stdout.write(`${r.parameter}\n`);
        for (const v of r.values)
          process.stdout.write(
            `  ${v.from.padEnd(17)} ${JSON.stringify(v.value)}\n  ${' '.repeat(17)} ${v.citation}${v.confidence === undefined ? '' : ` [${v.confidence}]`}\n`,
          );
      }
    });

  policy
    .command('diff')
    .description('the parameters where two policies differ (at a date, or anywhere in their histories)')
    .argument('<a>')
    .argument('<b>')
    .option('--at <date>', 'compare the values in force at this date')
    .option('--json', 'as JSON')
    .action((a: string, b: string, opts: { at?: string; json?: boolean }) => {
      const pa = choosePolicy(a);
      const pb = choosePolicy(b);
      const atMs = opts.at === undefined ? undefined : parseFrom(opts.at, '--at', 0);
      const da = new Map(describe(pa, atMs).map((r) => [r.parameter, r.values]));
      const db = new Map(describe(pb, atMs).map((r) => [r.parameter, r.values]));
      const names = [...new Set([...da.keys(), ...db.keys()])].sort();
      const diffs = names
        .filter((n) => JSON.stringify(strip(da.get(n))) !== JSON.stringify(strip(db.get(n))))
        .map((n) => ({ parameter: n, [a]: da.get(n) ?? null, [b]: db.get(n) ?? null }));
      if (opts.json === true) {
        process.stdout.write(`${JSON.stringify(diffs, null, 2)}\n`);
        return;
      }
      if (diffs.length === 0)
        process.stdout.write(`${a} and ${b} do not differ${opts.at ? ` at ${opts.at}` : ''}\n`);
      for (const d of diffs) {
        process.stdout.write(`${d.parameter}\n`);
        for (const side of [a, b]) {
          const vs = (d[side] ?? []) as ShownValue[];
          process.stdout.write(`  ${side}:\n`);
          if (vs.length === 0) process.stdout.write('    (not set)\n');
          for (const v of vs)
            process.stdout.write(`    ${v.from.padEnd(17)} ${JSON.stringify(v.value)}  — ${v.citation}\n`);
        }
      }
    });
}

interface ShownValue {
  from: string;
  value: unknown;
  citation: string;
  confidence?: string;
  source?: string;
}

function describe(p: PolicyEntry, atMs: number | undefined): { parameter: string; values: ShownValue[] }[] {
  if (p.params === undefined) {
    const r = p.policy.aggregation(atMs ?? Date.UTC(2025, 7, 12, 12));
    return [
      {
        parameter: 'aggregation (builtin)',
        values: [
          { from: 'origin', value: { ...r, excludedModes: [...r.excludedModes] }, citation: r.citation },
        ],
      },
    ];
  }
  return [...p.params.values()]
    .sort((x, y) => x.name.localeCompare(y.name))
    .map((h) => {
      const vs =
        atMs === undefined ? h.values : [valueAt(h, atMs)].filter((v): v is DatedValue => v !== undefined);
      return {
        parameter: h.name,
        values: vs.map((v) => ({
          from: v.from,
          value: v.value,
          citation: v.citation,
          ...(v.confidence === undefined ? {} : { confidence: v.confidence }),
          ...(v.source === undefined ? {} : { source: `${v.source.file}:${v.source.line}` }),
        })),
      };
    });
}

function strip(vs: ShownValue[] | undefined): unknown {
  return vs?.map((v) => [v.from, v.value]);
}
