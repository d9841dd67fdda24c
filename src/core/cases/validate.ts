import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import {
  Actor,
  Annotate,
  AnswerDispute,
  AssessPenalty,
  Assign,
  type CaseCommand,
  Close,
  FilerAnswer,
  FilerDispute,
  OpenCase,
  RecordExam,
  RequestDocuments,
  StartExam,
} from './schema.js';
import type { CaseError } from './workflow.js';

// One compiled check per command kind: a union check would only say "matches no alternative".
const CHECKS = new Map(
  (
    [
      OpenCase,
      Assign,
      RequestDocuments,
      FilerAnswer,
      FilerDispute,
      AnswerDispute,
      StartExam,
      RecordExam,
      AssessPenalty,
      Close,
      Annotate,
    ] as TSchema[]
  ).map((s) => [(s.properties as { kind: { const: string } }).kind.const, TypeCompiler.Compile(s)] as const),
);
const ACTOR = TypeCompiler.Compile(Actor);

function firstError(check: ReturnType<typeof TypeCompiler.Compile>, value: unknown): CaseError {
  const e = check.Errors(value).First();
  return {
    ok: false,
    code: 'CASE_COMMAND_INVALID',
    message: e === undefined ? 'invalid' : `${e.path || 'value'}: ${e.message}`,
    path: e?.path ?? '',
  };
}

/** Checks a command received from outside (parsed JSON) against its kind's schema. */
export function validateCaseCommand(value: unknown): { ok: true; command: CaseCommand } | CaseError {
  const kind = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined;
  const check = CHECKS.get(kind as string);
  if (check === undefined)
    return {
      ok: false,
      code: 'CASE_COMMAND_INVALID',
      message: `kind must be one of ${[...CHECKS.keys()].join(', ')}`,
      path: '/kind',
    };
  return check.Check(value) ? { ok: true, command: value as CaseCommand } : firstError(check, value);
}

export function validateActor(value: unknown): { ok: true; actor: Actor } | CaseError {
  return ACTOR.Check(value) ? { ok: true, actor: value } : firstError(ACTOR, value);
}
