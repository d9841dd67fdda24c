import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { type ValueError, ValueErrorType } from '@sinclair/typebox/errors';
import { type Finding, finding } from '../findings/index.js';
import { type InputRecord, RECORD_SCHEMAS } from './schema.js';

// Compiled once at load: on the hot path a valid record costs one Map lookup and one generated check.
const CHECKS: ReadonlyMap<unknown, ReturnType<typeof TypeCompiler.Compile>> = new Map(
  Object.entries(RECORD_SCHEMAS).map(([type, schema]) => [type, TypeCompiler.Compile(schema as TSchema)]),
);
const TYPE_LIST = [...CHECKS.keys()].join(', ');

/** Past this many problems the record is plainly not in the filing format; more would only be noise. */
export const MAX_SCHEMA_FINDINGS = 20;

export type CheckResult = { ok: true; record: InputRecord } | { ok: false; findings: Finding[] };

/**
 * Checks a parsed value against the record schema of its `type`. Failures come back as findings with
 * JSON-pointer paths (`/lines/2/hts`), one per path: UNKNOWN_RECORD_TYPE, UNKNOWN_FIELD, SCHEMA_INVALID.
 */
export function checkRecord(value: unknown): CheckResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return {
      ok: false,
      findings: [finding('SCHEMA_INVALID', '', `expected a record object, got ${describe(value)}`)],
    };
  const type = (value as { type?: unknown }).type;
  const check = CHECKS.get(type);
  if (check === undefined) {
    const detail = `got ${describe(type)}; expected one of ${TYPE_LIST}`;
    return { ok: false, findings: [finding('UNKNOWN_RECORD_TYPE', '/type', detail)] };
  }
  if (check.Check(value)) return { ok: true, record: value as InputRecord };
  return { ok: false, findings: explain(check.Errors(value), type as string) };
}

function explain(errors: Iterable<ValueError>, type: string): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const top of errors) {
    for (const e of leaves(top)) {
      // One finding per path: a missing field also fails its type check at the same path.
      if (seen.has(e.path)) continue;
      seen.add(e.path);
      if (e.type === ValueErrorType.ObjectAdditionalProperties) {
        const field = lastSegment(e.path);
        findings.push(finding('UNKNOWN_FIELD', e.path, `'${field}' is not a field of the ${type} format`));
      } else {
        findings.push(finding('SCHEMA_INVALID', e.path, detailOf(e)));
      }
      if (findings.length >= MAX_SCHEMA_FINDINGS) return findings;
    }
  }
  return findings;
}

/** Errors that say "the value is not of this kind at all", as opposed to a constraint on the right kind. */
const KIND_ERRORS: ReadonlySet<ValueErrorType> = new Set([
  ValueErrorType.String,
  ValueErrorType.Number,
  ValueErrorType.Integer,
  ValueErrorType.Boolean,
  ValueErrorType.Null,
  ValueErrorType.Array,
  ValueErrorType.Object,
  ValueErrorType.Literal,
  ValueErrorType.Union,
]);

/**
 * A union error stands for one error per alternative. When exactly the alternatives of the right kind
 * can be told apart (a string where "instant or array of instants" is expected), report that alternative's
 * own errors, which are more precise (`/estimatedArrival/1`); otherwise report the union once.
 */
function leaves(e: ValueError): ValueError[] {
  if (e.type !== ValueErrorType.Union) return [e];
  const matching: ValueError[][] = [];
  for (const alternative of e.errors) {
    const errs = [...alternative];
    if (!errs.some((x) => x.path === e.path && KIND_ERRORS.has(x.type))) matching.push(errs);
  }
  return matching.length === 1 ? matching[0]!.flatMap(leaves) : [e];
}

function detailOf(e: ValueError): string {
  const s = e.schema as SchemaLike;
  switch (e.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return `'${lastSegment(e.path)}' is missing; expected ${expectedOf(s)}`;
    case ValueErrorType.StringMaxLength:
      return `expected at most ${s.maxLength} characters, got ${describe(e.value)}`;
    case ValueErrorType.StringMinLength:
      return `expected at least ${s.minLength} characters, got ${describe(e.value)}`;
    case ValueErrorType.StringPattern:
      return `expected ${s.description ?? `text matching ${s.pattern}`}, got ${describe(e.value)}`;
    case ValueErrorType.ArrayMinItems:
      return `expected at least ${s.minItems} item(s), got ${describe(e.value)}`;
    case ValueErrorType.ArrayMaxItems:
      return `expected at most ${s.maxItems} items, got ${describe(e.value)}`;
    case ValueErrorType.NumberMinimum:
    case ValueErrorType.IntegerMinimum:
      return `expected a number of at least ${s.minimum}, got ${describe(e.value)}`;
    case ValueErrorType.NumberMaximum:
    case ValueErrorType.IntegerMaximum:
      return `expected a number of at most ${s.maximum}, got ${describe(e.value)}`;
    default:
      if (KIND_ERRORS.has(e.type)) return `expected ${expectedOf(s)}, got ${describe(e.value)}`;
      return `${e.message.replace(/^Expected/, 'expected')}, got ${describe(e.value)}`;
  }
}

interface SchemaLike {
  type?: string;
  const?: unknown;
  anyOf?: SchemaLike[];
  description?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
}

/** What a schema accepts, in words: "one of air, truck, ocean", "an integer", "an array". */
function expectedOf(s: SchemaLike): string {
  if (s.const !== undefined) return `'${String(s.const)}'`;
  if (s.anyOf !== undefined) {
    const consts = s.anyOf.map((o) => o.const);
    if (consts.every((c) => c !== undefined)) return `one of ${consts.join(', ')}`;
    return s.anyOf.map(expectedOf).join(' or ');
  }
  switch (s.type) {
    case 'string':
      return s.pattern !== undefined && s.description !== undefined
        ? `a string (${s.description})`
        : 'a string';
    case 'number':
      return 'a number';
    case 'integer':
      return 'an integer';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'an array';
    case 'object':
      return 'an object';
    default:
      return 'a valid value';
  }
}

/** The value found, short enough for a message. */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value))
    return value.length === 0
      ? 'an empty array'
      : `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'string') {
    if (value.length <= 40) return `'${value}'`;
    return `'${value.slice(0, 40)}…' (${value.length} characters)`;
  }
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/** The last JSON-pointer segment, unescaped (~1 is '/', ~0 is '~'). */
function lastSegment(path: string): string {
  return path
    .slice(path.lastIndexOf('/') + 1)
    .replaceAll('~1', '/')
    .replaceAll('~0', '~');
}
