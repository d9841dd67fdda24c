import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { Type as T } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Principal } from './api-keys.js';
import type { Context } from './context.js';
import { type ApiError, apiError, sendError } from './errors.js';
import { errors } from './schemas.js';
import { type Outcome, submitPrepared, submitRecord } from './submit-record.js';

/** Results not yet written past this many, reading the body waits for commits (bounded memory). */
const HIGH_WATER = 4096;
/** Lines sent to a worker at once: large enough that messaging costs little per record. */
const CHUNK_LINES = 500;

const BatchBody = T.String({
  description:
    'NDJSON (Content-Type: application/x-ndjson): one record per line, as for POST /v1/filings. The body is ' +
    'read as it arrives. The reply is NDJSON too: one line per input line in order — ' +
    '{"line","ok":true,"type","id","version","status","codes"} or {"line","ok":false,"error":{code,message,path}} — ' +
    'each written once its record is committed, then {"summary":{"lines","ok","failed"},"error"?}.',
});

/** POST /v1/filings:batch — a streamed NDJSON body, one result line per input line. */
export function registerBatchRoute(app: FastifyInstance, ctx: Context): void {
  app.post(
    '/v1/filings::batch',
    {
      schema: {
        summary: 'Submit many records as an NDJSON stream',
        tags: ['records'],
        consumes: ['application/x-ndjson'],
        produces: ['application/x-ndjson'],
        body: BatchBody,
        response: { 200: T.String({ description: 'NDJSON results' }), ...errors(413, 415) },
      },
      // The body is a stream, checked line by line below; its schema is there for the document.
      validatorCompiler: () => (data: unknown) => ({ value: data }),
    },
    async (req, reply) => {
      if (!(req.body instanceof Readable))
        return sendError(reply, apiError('UNSUPPORTED_MEDIA_TYPE', 'send the batch as application/x-ndjson'));
      const declared = Number(req.headers['content-length']);
      if (declared > ctx.limits.batchBytes)
        return sendError(
          reply,
          apiError('BODY_TOO_LARGE', `a batch is at most ${ctx.limits.batchBytes} bytes`),
        );
      return reply
        .type('application/x-ndjson; charset=utf-8')
        .send(Readable.from(runBatch(ctx, req.principal!, req.body), { objectMode: false }));
    },
  );
}

async function* runBatch(ctx: Context, who: Principal, body: Readable): AsyncGenerator<string> {
  const slots: (string | undefined)[] = [];
  let written = 0;
  let last: Promise<unknown> = Promise.resolve();
  let ok = 0;
  let failed = 0;
  let abort: ApiError | undefined;

  const settle = (i: number, line: number, out: Outcome): void => {
    if (out.ok) ok++;
    else failed++;
    slots[i] = resultLine(line, out);
  };
  const take = (text: string, line: number): void => {
    if (text.trim() === '') return;
    const i = slots.length;
    slots.push(undefined);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      const why = e instanceof SyntaxError ? `: ${e.message}` : '';
      settle(i, line, {
        ok: false,
        error: apiError('JSON_MALFORMED', `line ${line} is not valid JSON${why}`),
      });
      return;
    }
    const out = submitRecord(ctx, who, value, text, line);
    if (out instanceof Promise) last = out.then((o) => settle(i, line, o));
    else settle(i, line, out);
  };

  // With worker threads, lines go to them in chunks and come back in order; the engine applies them here.
  const stage = ctx.stage;
  let pending: string[] = [];
  let pendingFirst = 1;
  const queue = (text: string, n: number): void => {
    if (pending.length === 0) pendingFirst = n;
    pending.push(text);
    if (pending.length >= CHUNK_LINES) send();
  };
  const send = (): void => {
    if (stage === undefined || pending.length === 0) return;
    const lines = pending;
    const first = pendingFirst;
    pending = [];
    // A blank line yields nothing on the worker; the others get their result slot now, in input order.
    const at = lines.map((t) => (t.trim() === '' ? -1 : slots.push(undefined) - 1));
    const done = stage.lines(lines, first).then((prepared) => {
      const waits: Promise<void>[] = [];
      let j = 0;
      at.forEach((i, k) => {
        if (i < 0) return;
        const p = prepared[j++]!;
        const out = submitPrepared(ctx, who, p);
        if (out instanceof Promise) waits.push(out.then((o) => settle(i, first + k, o)));
        else settle(i, first + k, out);
      });
      return Promise.all(waits);
    });
    last = Promise.all([last, done]);
  };
  /** The results that are ready, in input order. */
  const ready = (): string => {
    let s = '';
    while (written < slots.length && slots[written] !== undefined) {
      s += slots[written];
      slots[written++] = '';
    }
    return s;
  };

  let line = 0;
  let bytes = 0;
  let rest = '';
  const decoder = new StringDecoder('utf8');
  const tooLong = (n: number) =>
    apiError('BODY_TOO_LARGE', `line ${n} is longer than ${ctx.limits.bodyBytes} bytes`, { line: n });
  try {
    for await (const received of body as AsyncIterable<Buffer>) {
      // After an abort the rest is read and dropped: breaking off would reset the connection before the
      // client has read why.
      if (abort !== undefined) continue;
      // Lines that end within the limit are taken; the one that crosses it and all later are not.
      const room = ctx.limits.batchBytes - bytes;
      const chunk = received.length > room ? received.subarray(0, room) : received;
      bytes += received.length;
      const text = rest + decoder.write(chunk);
      let start = 0;
      for (
        let nl = text.indexOf('\n', start);
        nl !== -1 && abort === undefined;
        nl = text.indexOf('\n', start)
      ) {
        if (nl - start > ctx.limits.bodyBytes) abort = tooLong(line + 1);
        else if (stage !== undefined) queue(text.slice(start, nl), ++line);
        else take(text.slice(start, nl), ++line);
        start = nl + 1;
      }
      rest = text.slice(start);
      if (abort === undefined && rest.length > ctx.limits.bodyBytes) abort = tooLong(line + 1);
      if (abort === undefined && received.length > room)
        abort = apiError('BODY_TOO_LARGE', `a batch is at most ${ctx.limits.batchBytes} bytes`, {
          line: line + 1,
        });
      send();
      if (slots.length - written > HIGH_WATER) await last;
      const out = ready();
      if (out !== '') yield out;
    }
    if (abort === undefined) {
      rest += decoder.end();
      if (rest !== '') {
        if (stage !== undefined) queue(rest, ++line);
        else take(rest, ++line);
      }
      send();
    }
    await last;
  } catch (e) {
    await last.catch(() => undefined);
    abort = apiError(
      'INTERNAL',
      'the batch stopped on an internal error; lines without a result were not stored',
    );
    ctx.report(e);
  }
  const out = ready();
  if (out !== '') yield out;
  yield `${JSON.stringify({ summary: { lines: line, ok, failed }, ...(abort === undefined ? {} : { error: abort }) })}\n`;
}

function resultLine(line: number, out: Outcome): string {
  if (!out.ok) return `${JSON.stringify({ line, ok: false, error: out.error })}\n`;
  if (out.type === 'arrival')
    return `${JSON.stringify({ line, ok: true, type: out.type, conveyanceId: out.arrival?.conveyanceId, decisionsChanged: out.decisionsChanged })}\n`;
  const d = out.decision;
  return `${JSON.stringify({ line, ok: true, type: out.type, id: d?.filingId, version: d?.version, status: d?.status, codes: d?.codes })}\n`;
}
