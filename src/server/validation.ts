import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { ValueErrorType } from '@sinclair/typebox/errors';
import { Value } from '@sinclair/typebox/value';
import type { FastifySchemaCompiler } from 'fastify';
import { checkRecord, InputRecord, MAX_SCHEMA_FINDINGS } from '../core/filing/index.js';
import { ApiProblem, apiError, type ErrorCode, type Problem } from './errors.js';

/**
 * Fastify validates with the same TypeBox schemas it publishes in the OpenAPI document. A record body is
 * checked by the filing format's own checker (`checkRecord`), which picks the schema by `type` and names
 * the offending field, so the API reports exactly what `minimis screen` reports for a bad line.
 */
export const validatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  // Documented here, checked by the handler with the core's own validator and error codes.
  if (CHECKED_BY_HANDLER.has(schema)) return (data: unknown) => ({ value: data });
  if (schema === InputRecord) {
    return (data: unknown) => {
      const r = checkRecord(data);
      return r.ok ? { value: data } : { error: validationError(r.findings, httpPart) };
    };
  }
  const check = TypeCompiler.Compile(schema);
  // Query strings and path parameters arrive as text; numbers in them are converted before checking.
  const convert = httpPart === 'querystring' || httpPart === 'params';
  return (data: unknown) => {
    const value = convert ? Value.Convert(schema, data) : data;
    if (check.Check(value)) return { value };
    const problems: Problem[] = [];
    const seen = new Set<string>();
    for (const e of check.Errors(value)) {
      if (seen.has(e.path)) continue;
      seen.add(e.path);
      problems.push({
        code: e.type === ValueErrorType.ObjectAdditionalProperties ? 'UNKNOWN_FIELD' : 'SCHEMA_INVALID',
        path: e.path,
        message: e.message,
      });
      if (problems.length >= MAX_SCHEMA_FINDINGS) break;
    }
    return { error: validationError(problems, httpPart) };
  };
};

/** Body schemas published in the OpenAPI document whose requests the route's handler validates. */
export const CHECKED_BY_HANDLER = new WeakSet<object>();

/** A body or query that failed its schema, as the API's error: the first problem leads, all are listed. */
export function validationError(problems: readonly Problem[], httpPart?: string): ApiProblem {
  const first = problems[0] ?? { code: 'SCHEMA_INVALID', path: '', message: 'invalid' };
  const code: ErrorCode =
    first.code === 'UNKNOWN_FIELD' || first.code === 'UNKNOWN_RECORD_TYPE' || first.code === 'INSTANT_INVALID'
      ? first.code
      : 'SCHEMA_INVALID';
  const where = httpPart === 'querystring' ? 'query' : httpPart === 'params' ? 'path' : 'body';
  return new ApiProblem(
    apiError(code, `${where} ${first.path === '' ? '' : `${first.path}: `}${first.message}`, {
      path: first.path,
      problems: problems.map((p) => ({ code: p.code, path: p.path, message: p.message })),
    }),
  );
}
