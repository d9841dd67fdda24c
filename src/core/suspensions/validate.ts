import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { SuspensionError } from './ledger.js';
import { Reinstate, Suspend, type SuspensionCommand } from './schema.js';

const CHECKS: ReadonlyMap<unknown, ReturnType<typeof TypeCompiler.Compile>> = new Map<
  unknown,
  ReturnType<typeof TypeCompiler.Compile>
>([
  ['suspend', TypeCompiler.Compile(Suspend)],
  ['reinstate', TypeCompiler.Compile(Reinstate)],
]);

/** Checks a suspension command received from outside against its kind's schema. */
export function validateSuspensionCommand(
  value: unknown,
): { ok: true; command: SuspensionCommand } | SuspensionError {
  const kind = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined;
  const check = CHECKS.get(kind);
  if (check === undefined)
    return {
      ok: false,
      code: 'SUSPENSION_COMMAND_INVALID',
      message: 'kind must be suspend or reinstate',
      path: '/kind',
    };
  if (check.Check(value)) return { ok: true, command: value as SuspensionCommand };
  const e = check.Errors(value).First();
  return {
    ok: false,
    code: 'SUSPENSION_COMMAND_INVALID',
    message: e === undefined ? 'invalid' : `${e.path || 'value'}: ${e.message}`,
    path: e?.path ?? '',
  };
}
