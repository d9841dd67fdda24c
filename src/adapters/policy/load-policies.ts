import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import {
  checkHistory,
  type DatedValue,
  datedPolicy,
  defaultPolicy,
  isParameterName,
  overlay,
  PARAMETER_SCHEMAS,
  type ParameterHistory,
  type ParameterName,
  type ParameterSet,
  type Policy,
} from '../../core/policy/index.js';
import { easternWallClockToUtc, parseInstant } from '../../core/time/index.js';

/** A problem in a policy file, located by file, line and the value at fault. */
export class PolicyFileError extends Error {
  constructor(
    readonly code:
      | 'POLICY_YAML'
      | 'POLICY_SHAPE'
      | 'POLICY_UNKNOWN_PARAMETER'
      | 'POLICY_DUPLICATE_PARAMETER'
      | 'POLICY_DATE'
      | 'POLICY_VALUE'
      | 'POLICY_UNKNOWN'
      | 'HISTORY_UNORDERED'
      | 'HISTORY_OVERLAP'
      | 'HISTORY_GAP'
      | 'HISTORY_EMPTY',
    readonly file: string,
    readonly line: number,
    readonly detail: string,
  ) {
    super(`${file}${line > 0 ? `:${line}` : ''}: ${code}: ${detail}`);
  }
}

export interface PolicyEntry {
  readonly name: string;
  readonly kind: 'law' | 'scenario' | 'builtin';
  readonly description: string;
  readonly citation: string;
  readonly file?: string;
  readonly policy: Policy;
  /** The dated parameters (absent for the builtin aggregation-only policy). */
  readonly params?: ParameterSet;
}

/** The `policy/` folder shipped with the package. */
export function defaultPolicyDir(): string {
  // compiled: <root>/dist/src/adapters/policy/…; from source: <root>/src/adapters/policy/…
  const here = fileURLToPath(new URL('.', import.meta.url));
  const up = here.includes(`${'/dist/'}`) ? '../../../..' : '../../..';
  return resolve(here, up, 'policy');
}

const validators = new Map(
  Object.entries(PARAMETER_SCHEMAS).map(([k, s]) => [k, TypeCompiler.Compile(s)] as const),
);

/**
 * Every policy: `law` (the parameter files as enacted), each scenario of `policy/scenarios/` laid
 * over it, and the builtin aggregation-only `ace-2025-08-12`.
 */
export function loadPolicies(dir = defaultPolicyDir()): Map<string, PolicyEntry> {
  const law = loadParameterDir(join(dir, 'parameters'));
  const out = new Map<string, PolicyEntry>();
  out.set('law', {
    name: 'law',
    kind: 'law',
    description: 'The law and CBP practice in force on the shipment’s date, 2016–2027',
    citation: 'policy/parameters/*.yaml',
    policy: datedPolicy({ name: 'law', version: '1', description: 'law as enacted', params: law }),
    params: law,
  });
  for (const f of yamlFiles(join(dir, 'scenarios'))) {
    const s = loadScenario(f, law);
    out.set(s.name, s);
  }
  out.set(defaultPolicy.name, {
    name: defaultPolicy.name,
    kind: 'builtin',
    description:
      'Only the ACE aggregation check as run from 2025-08-12 ($800, warn at filing, 4M at arrival), on every date',
    citation: 'CBP ACE production 2025-08-12',
    policy: defaultPolicy,
  });
  return out;
}

/** One policy by name, with a clear error listing the names there are. */
export function policyByName(name: string, policies: Map<string, PolicyEntry>): PolicyEntry {
  const p = policies.get(name);
  if (p === undefined)
    throw new PolicyFileError(
      'POLICY_UNKNOWN',
      '--policy',
      0,
      `no policy named '${name}'; known: ${[...policies.keys()].join(', ')}`,
    );
  return p;
}

/** `law` or a scenario with extra overrides from the command line (`--set name=JSON[@DATE]`). */
export function withOverrides(entry: PolicyEntry, sets: readonly string[]): PolicyEntry {
  if (sets.length === 0 || entry.params === undefined) return entry;
  const overrides = new Map<string, ParameterHistory>();
  for (const s of sets) {
    const m = /^([a-z0-9-]+)=(.*?)(?:@([0-9T:+\-Z]+))?$/.exec(s);
    if (m === null) throw new PolicyFileError('POLICY_SHAPE', '--set', 0, `'${s}' is not name=JSON[@DATE]`);
    const [, name, json, from] = m as unknown as [string, string, string, string | undefined];
    if (!isParameterName(name))
      throw new PolicyFileError('POLICY_UNKNOWN_PARAMETER', '--set', 0, `'${name}' is not a parameter`);
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      throw new PolicyFileError('POLICY_VALUE', '--set', 0, `'${json}' is not JSON`);
    }
    checkValue(name, value, '--set', 0);
    const fromMs = from === undefined ? Number.NEGATIVE_INFINITY : parseFrom(from, '--set', 0);
    overrides.set(name, {
      name,
      description: '',
      values: [{ fromMs, from: from ?? 'origin', value, citation: `command line: --set ${s}` }],
    });
  }
  const params = overlay(entry.params, overrides);
  const label = `${entry.name}+${sets.join('+')}`;
  return {
    ...entry,
    name: label,
    params,
    policy: datedPolicy({ name: label, version: '1', description: entry.description, params }),
  };
}

export function loadParameterDir(dir: string): ParameterSet {
  const out = new Map<string, ParameterHistory>();
  const where = new Map<string, string>();
  for (const file of yamlFiles(dir))
    for (const h of loadParameterFile(file).values()) {
      if (out.has(h.name))
        throw new PolicyFileError(
          'POLICY_DUPLICATE_PARAMETER',
          file,
          h.values[0]?.source?.line ?? 1,
          `parameter '${h.name}' is already defined in ${where.get(h.name)}`,
        );
      out.set(h.name, h);
      where.set(h.name, file);
    }
  return out;
}

export function loadParameterFile(file: string): Map<string, ParameterHistory> {
  const { doc, lineOf } = readYaml(file);
  const params = doc.get('parameters', true) as YamlNode | undefined;
  if (!isMap(params)) throw new PolicyFileError('POLICY_SHAPE', file, 1, "expected a 'parameters:' map");
  return readParameters(params, file, lineOf);
}

function loadScenario(file: string, base: ParameterSet): PolicyEntry {
  const { doc, lineOf } = readYaml(file);
  const name = doc.get('name');
  if (typeof name !== 'string' || !/^[a-z0-9-]+$/.test(name))
    throw new PolicyFileError(
      'POLICY_SHAPE',
      file,
      1,
      `'name' must be lower-case words joined by -, got ${JSON.stringify(name)}`,
    );
  const params = doc.get('parameters', true) as YamlNode | undefined;
  if (!isMap(params)) throw new PolicyFileError('POLICY_SHAPE', file, 1, "expected a 'parameters:' map");
  const overrides = readParameters(params, file, lineOf);
  const merged = overlay(base, overrides);
  const description = String(doc.get('description') ?? '');
  return {
    name,
    kind: 'scenario',
    description,
    citation: String(doc.get('citation') ?? ''),
    file,
    policy: datedPolicy({ name, version: '1', description, params: merged }),
    params: merged,
  };
}

function readYaml(file: string) {
  const text = readFileSync(file, 'utf8');
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const lineOf = (n: YamlNode | null | undefined): number => (n?.range ? lc.linePos(n.range[0]).line : 1);
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new PolicyFileError('POLICY_YAML', file, lc.linePos(e.pos[0]).line, e.message.split('\n')[0]!);
  }
  return { doc, lineOf };
}

function readParameters(
  params: YamlNode,
  file: string,
  lineOf: (n: YamlNode | null | undefined) => number,
): Map<string, ParameterHistory> {
  const out = new Map<string, ParameterHistory>();
  if (!isMap(params)) return out;
  for (const pair of params.items) {
    const keyNode = pair.key as YamlNode;
    const name = String((keyNode as { value?: unknown }).value);
    if (!isParameterName(name))
      throw new PolicyFileError(
        'POLICY_UNKNOWN_PARAMETER',
        file,
        lineOf(keyNode),
        `'${name}' is not a parameter; known: ${Object.keys(PARAMETER_SCHEMAS).join(', ')}`,
      );
    const body = pair.value as YamlNode;
    if (!isMap(body))
      throw new PolicyFileError('POLICY_SHAPE', file, lineOf(keyNode), `'${name}' must be a map`);
    const valuesNode = body.get('values', true) as YamlNode | undefined;
    if (!isSeq(valuesNode))
      throw new PolicyFileError('POLICY_SHAPE', file, lineOf(body), `'${name}' needs a 'values:' list`);
    const entries = valuesNode.items.map((item) => readEntry(name, item as YamlNode, file, lineOf));
    const problems = checkHistory(entries);
    if (problems.length > 0) {
      const p = problems[0]!;
      const e = entries[Math.min(p.index, entries.length - 1)];
      throw new PolicyFileError(p.code, file, e?.source?.line ?? lineOf(valuesNode), `${name}: ${p.message}`);
    }
    out.set(name, {
      name,
      description: String(body.get('description') ?? ''),
      values: entries.map(({ untilMs: _u, until: _t, ...v }) => v),
    });
  }
  return out;
}

type Entry = DatedValue & { untilMs?: number; until?: string };

function readEntry(
  name: ParameterName,
  node: YamlNode,
  file: string,
  lineOf: (n: YamlNode | null | undefined) => number,
): Entry {
  const line = lineOf(node);
  if (!isMap(node))
    throw new PolicyFileError('POLICY_SHAPE', file, line, `${name}: each value must be a map`);
  const js = node.toJSON() as Record<string, unknown>;
  for (const k of Object.keys(js))
    if (!['from', 'until', 'value', 'citation', 'confidence', 'note'].includes(k))
      throw new PolicyFileError('POLICY_SHAPE', file, line, `${name}: unknown key '${k}'`);
  if (!('value' in js))
    throw new PolicyFileError('POLICY_SHAPE', file, line, `${name}: the entry has no 'value'`);
  if (typeof js.citation !== 'string' || js.citation.trim() === '')
    throw new PolicyFileError('POLICY_SHAPE', file, line, `${name}: every value needs its 'citation'`);
  if (js.confidence !== undefined && !['V', 'S', 'U'].includes(String(js.confidence)))
    throw new PolicyFileError('POLICY_SHAPE', file, line, `${name}: confidence must be V, S or U`);
  const valueLine = lineOf(node.get('value', true) as YamlNode);
  checkValue(name, js.value, file, valueLine);
  const from = js.from === undefined ? undefined : String(js.from);
  const until = js.until === undefined ? undefined : String(js.until);
  return {
    fromMs:
      from === undefined
        ? Number.NEGATIVE_INFINITY
        : parseFrom(from, file, lineOf(node.get('from', true) as YamlNode)),
    from: from ?? 'origin',
    ...(until === undefined
      ? {}
      : { until, untilMs: parseFrom(until, file, lineOf(node.get('until', true) as YamlNode)) }),
    value: js.value,
    citation: js.citation,
    ...(js.confidence === undefined ? {} : { confidence: js.confidence as 'V' | 'S' | 'U' }),
    ...(js.note === undefined ? {} : { note: String(js.note) }),
    source: { file: basename(file), line },
  };
}

function checkValue(name: ParameterName, value: unknown, file: string, line: number): void {
  const v = validators.get(name)!;
  if (v.Check(value)) return;
  const e = v.Errors(value).First();
  throw new PolicyFileError(
    'POLICY_VALUE',
    file,
    line,
    `${name}: ${JSON.stringify(value)} — ${e === undefined ? 'invalid' : `${e.path || '/'} ${e.message}`}`,
  );
}

/**
 * A date is 00:00 U.S. Eastern on that day; `YYYY-MM-DDTHH:MM` is an Eastern wall-clock time (the
 * way executive orders say "12:01 a.m. eastern time"); a full RFC 3339 instant is taken as written.
 */
export function parseFrom(text: string, file: string, line: number): number {
  let ms = Number.NaN;
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(text);
  if (m !== null) ms = easternWallClockToUtc(m[1]!, Number(m[2] ?? 0), Number(m[3] ?? 0));
  else if (/[Zz]|[+-]\d{2}:\d{2}$/.test(text)) ms = parseInstant(text);
  if (Number.isNaN(ms))
    throw new PolicyFileError(
      'POLICY_DATE',
      file,
      line,
      `'${text}' is not a date (YYYY-MM-DD), an Eastern time (YYYY-MM-DDTHH:MM) or an RFC 3339 instant`,
    );
  return ms;
}

function yamlFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith('.yaml') || n.endsWith('.yml'))
    .sort()
    .map((n) => join(dir, n));
}
