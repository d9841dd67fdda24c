import type { FastifyInstance } from 'fastify';
import { ledgerFromPeriods } from '../core/suspensions/index.js';
import { type Context, isoNow, requireRole } from './context.js';
import { sendError, storeFailed } from './errors.js';
import { errors, SuspensionBody, SuspensionList, SuspensionQuery, SuspensionReply } from './schemas.js';

/** Suspension of filers from Type 86 and reinstatement (admins), effective-dated and fed into the policy. */
export function registerSuspensionRoutes(app: FastifyInstance, ctx: Context): void {
  app.post<{ Body: unknown }>(
    '/v1/suspensions',
    {
      schema: {
        summary: 'Suspend a filer from Type 86 from an instant, or reinstate it (admins)',
        description:
          'From `effectiveAt` the filer’s Type 86 claims are refused with FILER_SUSPENDED (the policy’s ' +
          '`suspended-filers` parameter, read at the shipment’s instant); filings already accepted are ' +
          'judged again at arrival. 409 SUSPENSION_ALREADY_SUSPENDED / SUSPENSION_OVERLAP / ' +
          'SUSPENSION_NOT_SUSPENDED / SUSPENSION_REINSTATED_BEFORE_SUSPENDED, 422 SUSPENSION_COMMAND_INVALID.',
        tags: ['suspensions'],
        body: SuspensionBody,
        response: { 201: SuspensionReply, ...errors(400, 403, 409, 422) },
      },
    },
    async (req, reply) => {
      const checked = ctx.suspensions.check(req.principal!, req.body);
      if (!checked.ok) return sendError(reply, checked.error);
      const op = ctx.suspensions.op(req.principal!, checked.command, isoNow(ctx));
      ctx.writer.submit(op);
      const r = await op.answer.catch(storeFailed);
      if (!r.ok) return sendError(reply, r.error);
      return reply.code(201).send({ period: r.period, appliedToPolicy: r.appliedToPolicy });
    },
  );

  app.get<{ Querystring: { filer?: string } }>(
    '/v1/suspensions',
    {
      schema: {
        summary: 'Suspension periods, by filer then start (admins, officers, analysts)',
        tags: ['suspensions'],
        querystring: SuspensionQuery,
        response: { 200: SuspensionList, ...errors(400, 403) },
      },
    },
    async (req, reply) => {
      const denied = requireRole(req.principal!, 'admin', 'officer', 'analyst');
      if (denied !== undefined) return sendError(reply, denied);
      const loaded = ledgerFromPeriods(await ctx.data.suspensionPeriods());
      if (!loaded.ok) throw new Error(`suspensions table: ${loaded.code}: ${loaded.message}`);
      const all = [...loaded.ledger.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .flatMap(([, list]) => list);
      const filer = req.query.filer;
      return { periods: filer === undefined ? all : all.filter((p) => p.filer === filer) };
    },
  );
}
