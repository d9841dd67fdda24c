import { type Static, Type as T } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { StoreFailed } from './group-writer.js';

/**
 * Every error the API answers with, and its HTTP status. Clients branch on the code; the message is
 * for people and may change. Internals (stack traces, SQL, exception text) never reach a response.
 */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  JSON_MALFORMED: 400,
  SCHEMA_INVALID: 400,
  UNKNOWN_FIELD: 400,
  UNKNOWN_RECORD_TYPE: 400,
  INSTANT_INVALID: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CASE_ROLE_FORBIDDEN: 403,
  CASE_NOT_YOURS: 403,
  SUSPENSION_ROLE_FORBIDDEN: 403,
  NOT_FOUND: 404,
  CANCEL_UNKNOWN_FILING: 404,
  CONVEYANCE_NOT_FOUND: 404,
  CASE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  VERSION_NOT_HIGHER: 409,
  VERSION_CONFLICT: 409,
  CANCEL_VERSION_MISMATCH: 409,
  ARRIVAL_CONFLICT: 409,
  FILING_ID_TAKEN: 409,
  CASE_ALREADY_OPEN: 409,
  CASE_CLOSED: 409,
  CASE_TRANSITION_NOT_ALLOWED: 409,
  CASE_EXAM_REQUIRED: 409,
  CASE_EXAM_CONFLICT: 409,
  CASE_TIME_REVERSED: 409,
  CASE_CONFLICT: 409,
  PENALTY_ALREADY_ASSESSED: 409,
  SUSPENSION_ALREADY_SUSPENDED: 409,
  SUSPENSION_OVERLAP: 409,
  SUSPENSION_NOT_SUSPENDED: 409,
  SUSPENSION_REINSTATED_BEFORE_SUSPENDED: 409,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  CASE_COMMAND_INVALID: 422,
  CASE_DECISION_NOT_HOLDABLE: 422,
  PENALTY_NOT_IN_FORCE: 422,
  PENALTY_OVER_MAXIMUM: 422,
  PENALTY_NO_VALUE: 422,
  PENALTY_VIOLATION_DATE_INVALID: 422,
  SUSPENSION_COMMAND_INVALID: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  STORE_FAILED: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

export interface Problem {
  readonly code: string;
  readonly path: string;
  readonly message: string;
}

export interface ApiError {
  readonly code: ErrorCode;
  readonly message: string;
  /** JSON pointer into the request body (or query) that the error is about. */
  readonly path?: string;
  /** 1-based line of an NDJSON batch body. */
  readonly line?: number;
  /** Every problem found, when validation found more than one. */
  readonly problems?: readonly Problem[];
}

export const ProblemSchema = T.Object({ code: T.String(), path: T.String(), message: T.String() });
export const ErrorBody = T.Object(
  {
    error: T.Object({
      code: T.Union(ERROR_CODES.map((c) => T.Literal(c))),
      message: T.String(),
      path: T.Optional(T.String({ description: 'JSON pointer to the offending field' })),
      line: T.Optional(T.Integer({ description: '1-based line of an NDJSON body' })),
      problems: T.Optional(T.Array(ProblemSchema)),
    }),
  },
  { description: 'The one error shape of the API' },
);
export type ErrorBody = Static<typeof ErrorBody>;

export function apiError(
  code: ErrorCode,
  message: string,
  extra: { path?: string; line?: number; problems?: readonly Problem[] } = {},
): ApiError {
  return { code, message, ...extra };
}

export function sendError(reply: FastifyReply, e: ApiError): FastifyReply {
  return reply.code(ERROR_STATUS[e.code]).send({ error: e });
}

/**
 * Carries an ApiError through Fastify's own error path (content-type parsers and validators can only
 * fail by handing Fastify an Error); the error handler unwraps it.
 */
export class ApiProblem extends Error {
  readonly statusCode: number;
  constructor(readonly problem: ApiError) {
    super(problem.message);
    this.statusCode = ERROR_STATUS[problem.code];
  }
}

/** Codes the engine reports instead of applying a record, with their API error code. */
export function refusalCode(code: string): ErrorCode {
  return code in ERROR_STATUS ? (code as ErrorCode) : 'BAD_REQUEST';
}

/**
 * What an operation whose commit failed answers: 503 STORE_FAILED (nothing of it was stored; sending it
 * again is safe). Anything else is rethrown (500 INTERNAL).
 */
export function storeFailed(e: unknown): { ok: false; error: ApiError } {
  if (e instanceof StoreFailed)
    return { ok: false, error: apiError('STORE_FAILED', 'not stored; send it again') };
  throw e;
}
