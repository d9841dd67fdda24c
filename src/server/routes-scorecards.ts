import type { FastifyInstance } from 'fastify';
import { type Period, type SubjectKind, scorecard } from '../core/scorecards/index.js';
import { type Context, requireRole } from './context.js';
import { apiError, sendError } from './errors.js';
import { errors, ScorecardQuery, ScorecardReply } from './schemas.js';

/**
 * Filer and broker scorecards, computed from the tables on each request (the latest decision of every
 * shipment, every exam and seizure): nothing to keep in step with decisions a later arrival or a case
 * changes, at a cost measured in the README.
 */
export function registerScorecardRoutes(app: FastifyInstance, ctx: Context): void {
  app.get<{ Querystring: { subject?: SubjectKind; period?: Period; code?: string } }>(
    '/v1/scorecards',
    {
      schema: {
        summary:
          'Rates of rejections, 4M withholds, holds, exam discrepancies and seizures, against all filers',
        description:
          'Officers and analysts: every filer (or broker), or one with `code`. A filer key gets only its own ' +
          'rows, each with the all-filer baseline.',
        tags: ['scorecards'],
        querystring: ScorecardQuery,
        response: { 200: ScorecardReply, ...errors(400, 403) },
      },
    },
    async (req, reply) => {
      const who = req.principal!;
      const denied = requireRole(who, 'filer', 'officer', 'analyst');
      if (denied !== undefined) return sendError(reply, denied);
      const { subject = 'filer', period = 'month', code } = req.query;
      if (who.role === 'filer' && code !== undefined && code !== who.org)
        return sendError(
          reply,
          apiError('FORBIDDEN', `a filer key reads only the scorecard of ${who.org}`, { path: '/code' }),
        );
      const only = who.role === 'filer' ? who.org : code;
      const tally = await ctx.data.scoreTally();
      return {
        rows: scorecard(tally, { subject, period, ...(only === undefined ? {} : { codes: [only] }) }),
      };
    },
  );
}
