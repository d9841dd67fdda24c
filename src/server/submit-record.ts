import type { AuditEntry, DecisionSummary } from '../adapters/storage/sqlite/server-store.js';
import type { Decision } from '../core/decision/index.js';
import { type Prepared, prepare } from '../core/screen/index.js';
import { actorOf, type Principal } from './api-keys.js';
import { type Context, isoNow, maySee } from './context.js';
import { type ApiError, apiError, refusalCode } from './errors.js';
import { type Applied, StoreFailed } from './group-writer.js';
import { decisionFor } from './redact.js';
import { validationError } from './validation.js';

export type Outcome =
  | {
      readonly ok: true;
      readonly status: 200 | 201;
      readonly type: Exclude<Prepared['type'], 'invalid'>;
      readonly decision?: Decision;
      readonly arrival?: { conveyanceId: string; arrivedAt: string; port: string };
      readonly decisionsChanged?: number;
    }
  | { readonly ok: false; readonly error: ApiError };

const ACTIONS = {
  filing: 'filing.submit',
  amendment: 'filing.amend',
  cancellation: 'filing.cancel',
  arrival: 'arrival.record',
} as const;

/**
 * Screens one record for a caller: checks it, checks the caller may act on it, applies it in arrival
 * order and answers once it is committed. Used by POST /v1/filings and by every line of a batch.
 * `text` is the record as sent, which is what is stored.
 */
export function submitRecord(
  ctx: Context,
  who: Principal,
  value: unknown,
  text: string | undefined,
  line: number,
): Outcome | Promise<Outcome> {
  // On the workers when there are some; a body sent across lines is prepared here (a worker reads lines).
  if (ctx.stage !== undefined && text !== undefined && !text.includes('\n'))
    return ctx.stage
      .lines([text], line)
      .then(([p]) =>
        p === undefined
          ? { ok: false as const, error: apiError('JSON_MALFORMED', 'the body is empty') }
          : submitPrepared(ctx, who, p),
      );
  return submitPrepared(ctx, who, prepare(value, line, ctx.ref, text));
}

/** Codes of the NDJSON reader for a line that is not a JSON value. */
const UNREADABLE = new Set(['PARSE_ERROR', 'ENCODING_ERROR']);
/** The catalog's title before the parser's own words, which is what the API has always answered with. */
const PARSE_TITLE = /^The line is not valid JSON: /;

/** The in-order half of `submitRecord`, for a record prepared already (on a worker). */
export function submitPrepared(ctx: Context, who: Principal, p: Prepared): Outcome | Promise<Outcome> {
  if (p.type === 'invalid') {
    const first = p.findings[0];
    if (first !== undefined && UNREADABLE.has(first.code))
      return {
        ok: false,
        error: apiError(
          'JSON_MALFORMED',
          `line ${p.line} is not valid JSON: ${first.message.replace(PARSE_TITLE, '')}`,
        ),
      };
    return { ok: false, error: validationError(p.findings).problem };
  }
  const denied = authorize(ctx, who, p);
  if (denied !== undefined) return { ok: false, error: denied };
  const target = p.type === 'arrival' ? p.conveyanceId : p.id;
  const existing = p.type === 'arrival' ? undefined : ctx.writer.access(p.id);
  const before =
    existing === undefined || p.type === 'arrival' ? null : ctx.writer.summary(p.id, existing.version);
  const audit = (a: Applied): AuditEntry => ({
    at: isoNow(ctx),
    ...actorOf(who),
    action: ACTIONS[p.type],
    target,
    before,
    after: after(p, a, before),
  });
  return ctx.writer.apply(p, audit).then(
    (a) => answer(ctx, who, p, a),
    (e: unknown) => {
      if (e instanceof StoreFailed)
        return { ok: false, error: apiError('STORE_FAILED', 'not stored; send it again') };
      throw e;
    },
  );
}

function authorize(
  ctx: Context,
  who: Principal,
  p: Exclude<Prepared, { type: 'invalid' }>,
): ApiError | undefined {
  if (p.type === 'arrival') {
    if (who.role === 'officer') return undefined;
    if (who.role !== 'filer') return apiError('FORBIDDEN', `a ${who.role} key may not record arrivals`);
    // A filer reports arrivals of conveyances that carry its own filings only.
    return ctx.writer.hasFilingOnConveyance(p.conveyanceId, who.org)
      ? undefined
      : apiError('CONVEYANCE_NOT_FOUND', `no filing of ${who.org} on conveyance ${p.conveyanceId}`, {
          path: '/conveyanceId',
        });
  }
  if (who.role !== 'filer') return apiError('FORBIDDEN', `a ${who.role} key may not submit filings`);
  const existing = ctx.writer.access(p.id);
  if (p.type === 'cancellation') {
    // Another filer's filing is answered as an unknown one, so that its existence does not leak.
    return existing === undefined || existing.filer !== who.org
      ? apiError('CANCEL_UNKNOWN_FILING', `no filing ${p.id} of ${who.org}`, { path: '/id' })
      : undefined;
  }
  if (p.filer !== who.org)
    return apiError('FORBIDDEN', `this key files for ${who.org}, not ${p.filer}`, { path: '/filer/code' });
  if (existing !== undefined && existing.filer !== who.org)
    return apiError('FILING_ID_TAKEN', `filing id ${p.id} is taken`, { path: '/id' });
  return undefined;
}

function after(p: Prepared, a: Applied, before: DecisionSummary | null | undefined): unknown {
  const refused = a.refusals[0];
  if (refused !== undefined) return { refused: refused.code };
  if (p.type === 'arrival') return { decisionsChanged: a.decisions.length };
  const d = a.decisions.findLast((x) => x.filingId === (p as { id: string }).id);
  return d === undefined ? (before ?? null) : { version: d.version, status: d.status, codes: d.codes };
}

function answer(
  ctx: Context,
  who: Principal,
  p: Exclude<Prepared, { type: 'invalid' }>,
  a: Applied,
): Outcome {
  const refused = a.refusals[0];
  if (refused !== undefined)
    return {
      ok: false,
      error: apiError(refusalCode(refused.code), refused.message, { path: refused.path }),
    };
  if (p.type === 'arrival')
    return {
      ok: true,
      status: 200,
      type: 'arrival',
      arrival: { conveyanceId: p.conveyanceId, arrivedAt: p.arrivedAt, port: p.port },
      decisionsChanged: a.decisions.filter((d) => maySee(who, d)).length,
    };
  const emitted = a.decisions.findLast((d) => d.filingId === p.id);
  // Nothing emitted: the same version again (idempotent) or an already cancelled filing; answer what is stored.
  const decision = emitted ?? (JSON.parse(ctx.server.currentDecisionText(p.id) ?? 'null') as Decision);
  const created = emitted !== undefined && p.type !== 'cancellation';
  return { ok: true, status: created ? 201 : 200, type: p.type, decision: decisionFor(who, decision) };
}
