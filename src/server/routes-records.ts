import type { FastifyInstance } from 'fastify';
import { InputRecord } from '../core/filing/index.js';
import type { Context } from './context.js';
import { sendError } from './errors.js';
import { errors, RecordReply } from './schemas.js';
import { submitRecord } from './submit-record.js';

/** POST /v1/filings: one record — a filing, an amendment, an arrival or a cancellation. */
export function registerRecordRoute(app: FastifyInstance, ctx: Context): void {
  app.post(
    '/v1/filings',
    {
      schema: {
        summary: 'Submit one record: filing, amendment, arrival or cancellation',
        description:
          'Answered once the record is committed (group commit). Filer keys submit filings of their own filer ' +
          'code, amend and cancel their own filings, and record arrivals of conveyances carrying them; officer ' +
          'keys record arrivals. Schema errors answer 400 with the field path; a lower amendment version ' +
          '409 VERSION_NOT_HIGHER; a cancellation of an unknown filing 404 CANCEL_UNKNOWN_FILING.',
        tags: ['records'],
        body: InputRecord,
        response: { 200: RecordReply, 201: RecordReply, ...errors(400, 403, 404, 409, 413, 415, 503) },
      },
    },
    async (req, reply) => {
      const who = req.principal!;
      const out = await submitRecord(ctx, who, req.body, req.rawBody, 1);
      if (!out.ok) return sendError(reply, out.error);
      const { ok: _ok, status, type: _type, ...body } = out;
      return reply.code(status).send(body);
    },
  );
}
