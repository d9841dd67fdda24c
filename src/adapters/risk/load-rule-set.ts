import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isCollection, LineCounter, parseDocument } from 'yaml';
import { checkLaneConfig, type LaneConfig } from '../../core/lanes/index.js';
import { type CompiledRuleSet, compileRuleSet, type RuleSet } from '../../core/risk/index.js';

/** A problem in a risk file, located by file and line; `code` is stable (RISK_* from the core, or these). */
export interface RiskFileError {
  readonly code: string;
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

export type Loaded<T> = { ok: true; value: T } | { ok: false; errors: RiskFileError[] };

/** `policy/risk/` shipped with the package (from source or from dist). */
export function defaultRiskDir(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const up = here.includes('/dist/') ? '../../../..' : '../../..';
  return resolve(here, up, 'policy', 'risk');
}

export const formatRiskFileError = (e: RiskFileError): string =>
  `${e.file}${e.line > 0 ? `:${e.line}` : ''}: ${e.code}: ${e.message}`;

/** Reads and compiles a rule set file (default policy/risk/rules.yaml). */
export function loadRuleSet(
  file = join(defaultRiskDir(), 'rules.yaml'),
): Loaded<{ ruleSet: RuleSet; rules: CompiledRuleSet }> {
  const read = readText(file);
  return read.ok ? parseRuleSet(read.value, file) : read;
}

export function parseRuleSet(
  text: string,
  file: string,
): Loaded<{ ruleSet: RuleSet; rules: CompiledRuleSet }> {
  const y = parseYaml(text, file);
  if (!y.ok) return y;
  const c = compileRuleSet(y.value.data);
  if (!c.ok)
    return {
      ok: false,
      errors: c.problems.map((p) => ({
        code: p.code,
        file,
        line: y.value.lineOf(p.path),
        message: p.message,
      })),
    };
  return { ok: true, value: { ruleSet: c.rules.source, rules: c.rules } };
}

/** Reads and checks a lane configuration file (default policy/risk/lanes.yaml). */
export function loadLaneConfig(file = join(defaultRiskDir(), 'lanes.yaml')): Loaded<LaneConfig> {
  const read = readText(file);
  return read.ok ? parseLaneConfig(read.value, file) : read;
}

export function parseLaneConfig(text: string, file: string): Loaded<LaneConfig> {
  const y = parseYaml(text, file);
  if (!y.ok) return y;
  const c = checkLaneConfig(y.value.data);
  if (!c.ok)
    return {
      ok: false,
      errors: c.problems.map((p) => ({
        code: p.code,
        file,
        line: y.value.lineOf(p.path),
        message: p.message,
      })),
    };
  return { ok: true, value: c.config };
}

function readText(file: string): Loaded<string> {
  try {
    return { ok: true, value: readFileSync(file, 'utf8') };
  } catch (e) {
    return { ok: false, errors: [{ code: 'RISK_FILE_READ', file, line: 0, message: (e as Error).message }] };
  }
}

function parseYaml(
  text: string,
  file: string,
): Loaded<{ data: unknown; lineOf: (pointer: string) => number }> {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length > 0)
    return {
      ok: false,
      errors: doc.errors.map((e) => ({
        code: 'RISK_YAML',
        file,
        line: lc.linePos(e.pos[0]).line,
        message: e.message.split('\n')[0]!,
      })),
    };
  // The deepest node of the pointer that exists: a missing key is reported where its parent is.
  const lineOf = (pointer: string): number => {
    const segments = pointer
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    let node: unknown = doc.contents;
    let line = 1;
    for (const s of segments) {
      if (!isCollection(node)) break;
      const next = node.get(/^\d+$/.test(s) ? Number(s) : s, true) as
        | { range?: [number, number, number] }
        | undefined;
      if (next === undefined) break;
      if (next.range !== undefined) line = lc.linePos(next.range[0]).line;
      node = next;
    }
    return line;
  };
  return { ok: true, value: { data: doc.toJS(), lineOf } };
}
