import type { CommitNeeds } from '../adapters/storage/ordered-store.js';
import type { DecisionSummary } from '../adapters/storage/server-data.js';
import type { Decision } from '../core/decision/index.js';
import { type Prepared, prepare } from '../core/screen/index.js';
import { actorOf, type Principal } from './api-keys.js';
import { type Context, isoNow, maySee } from './context.js';
import { type ApiError, apiError, refusalCode, storeFailed } from './errors.js';
import { AnsweredOp, type Applied, type CommitContext } from './group-writer.js';
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
  const denied = allowed(who, p);
  if (denied !== undefined) return { ok: false, error: denied };
  const op = new RecordOp(who, p, isoNow(ctx));
  ctx.writer.submit(op);
  return op.answer.then(
    (r) => (r.ok ? answer(ctx, who, p, r.applied) : { ok: false, error: r.error }),
    storeFailed,
  );
}

/** What the caller's role and organization allow, before anything is read. */
function allowed(who: Principal, p: Exclude<Prepared, { type: 'invalid' }>): ApiError | undefined {
  if (p.type === 'arrival')
    return who.role === 'officer' || who.role === 'filer'
      ? undefined
      : apiError('FORBIDDEN', `a ${who.role} key may not record arrivals`);
  if (who.role !== 'filer') return apiError('FORBIDDEN', `a ${who.role} key may not submit filings`);
  if (p.type !== 'cancellation' && p.filer !== who.org)
    return apiError('FORBIDDEN', `this key files for ${who.org}, not ${p.filer}`, { path: '/filer/code' });
  return undefined;
}

type RecordResult = { ok: true; applied: Applied } | { ok: false; error: ApiError };

/**
 * One record in the writer's order. Who owns a filing is decided here, against the store as of the commit
 * and the records before it in the commit, so two filers cannot both take one id even when they send it
 * to different processes at the same instant.
 */
class RecordOp extends AnsweredOp<RecordResult> {
  constructor(
    private readonly who: Principal,
    private readonly p: Exclude<Prepared, { type: 'invalid' }>,
    private readonly nowIso: string,
  ) {
    super();
  }

  needs(n: CommitNeeds): void {
    const { who, p } = this;
    if (p.type !== 'arrival') n.filings.push(p.id);
    else if (who.role === 'filer') n.conveyances.push({ conveyanceId: p.conveyanceId, org: who.org });
  }

  run(c: CommitContext): void {
    const { who, p } = this;
    const denied = authorize(c, who, p);
    if (denied !== undefined) {
      this.result = { ok: false, error: denied };
      return;
    }
    const before = p.type === 'arrival' ? null : (c.summary(p.id) ?? null);
    const applied = c.apply(p);
    c.audits.push({
      at: this.nowIso,
      ...actorOf(who),
      action: ACTIONS[p.type],
      target: p.type === 'arrival' ? p.conveyanceId : p.id,
      before,
      after: after(p, applied, before),
    });
    this.result = { ok: true, applied };
  }
}

function authorize(
  c: CommitContext,
  who: Principal,
  p: Exclude<Prepared, { type: 'invalid' }>,
): ApiError | undefined {
  if (p.type === 'arrival') {
    // A filer reports arrivals of conveyances that carry its own filings only.
    if (who.role !== 'filer' || c.onConveyance(p.conveyanceId, who.org)) return undefined;
    return apiError('CONVEYANCE_NOT_FOUND', `no filing of ${who.org} on conveyance ${p.conveyanceId}`, {
      path: '/conveyanceId',
    });
  }
  const existing = c.filing(p.id);
  if (p.type === 'cancellation')
    // Another filer's filing is answered as an unknown one, so that its existence does not leak.
    return existing === undefined || existing.filer !== who.org
      ? apiError('CANCEL_UNKNOWN_FILING', `no filing ${p.id} of ${who.org}`, { path: '/id' })
      : undefined;
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
): Outcome | Promise<Outcome> {
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
  const created = emitted !== undefined && p.type !== 'cancellation';
  const reply = (decision: Decision): Outcome => ({
    ok: true,
    status: created ? 201 : 200,
    type: p.type,
    decision: decisionFor(who, decision),
  });
  if (emitted !== undefined) return reply(emitted);
  return ctx.data.currentDecisionText(p.id).then((text) => reply(JSON.parse(text ?? 'null') as Decision));
}
