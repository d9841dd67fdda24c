import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { loadPolicies, policyByName } from '../adapters/policy/load-policies.js';
import { htmlReport } from '../simulate/html-report.js';
import { simulate } from '../simulate/run-simulation.js';
import { choosePolicy } from './policy-command.js';
import { loadReference } from './reference.js';

export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description('replay the same traffic under two policies (at one or more dates) and compare the outcomes')
    .argument('<files...>', 'NDJSON files of filings and arrivals')
    .requiredOption('--policy <name>', 'policy A (see `minimis policy list`)')
    .requiredOption('--vs <name>', 'policy B')
    .option(
      '--at <dates>',
      'replay at these dates, comma-separated YYYY-MM-DD (default: the traffic’s own day)',
    )
    .option('--html <file>', 'write a self-contained HTML report')
    .option('--json <file>', 'write the full comparison as JSON (default: print it)')
    .action(
      async (
        files: string[],
        opts: { policy: string; vs: string; at?: string; html?: string; json?: string },
      ) => {
        const a = choosePolicy(opts.policy);
        const b = choosePolicy(opts.vs);
        const law = policyByName('law', loadPolicies());
        const { ref, files: refFiles } = loadReference({ targeting: false }, true);
        const at =
          opts.at === undefined
            ? []
            : opts.at
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean);
        const sim = await simulate({
          files,
          a,
          b,
          law,
          at,
          ref,
          refFiles,
          workers: Math.max(1, availableParallelism() - 1),
        });
        const json = `${JSON.stringify(sim, null, 2)}\n`;
        if (opts.json !== undefined) writeFileSync(opts.json, json);
        if (opts.html !== undefined) writeFileSync(opts.html, htmlReport(sim));
        if (opts.json === undefined && opts.html === undefined) process.stdout.write(json);
        for (const r of sim.runs)
          process.stderr.write(
            `${r.at}: eligible ${r.a.eligible.toLocaleString('en-US')} (${a.name}) vs ${r.b.eligible.toLocaleString('en-US')} (${b.name}); ${r.changed.toLocaleString('en-US')} filings change; entries needed ${r.a.entriesNeeded.informal + r.a.entriesNeeded.formal} vs ${r.b.entriesNeeded.informal + r.b.entriesNeeded.formal}; 4M ${r.a.withheld4M} vs ${r.b.withheld4M}\n`,
          );
        if (opts.html !== undefined) process.stderr.write(`Report: ${opts.html}\n`);
      },
    );
}
