import { Type as T } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { easternWallClockToUtc } from '../core/time/index.js';
import { type Context, requireRole } from './context.js';
import { apiError, sendError } from './errors.js';
import { AuditRecord, errors } from './schemas.js';

const Day = T.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'U.S. Eastern day, YYYY-MM-DD' });

export const AuditSearchQuery = T.Object(
  {
    action: T.Optional(
      T.String({
        maxLength: 80,
        pattern: '^[a-z0-9.-]+$',
        description: 'An action (`key.revoke`), or a family ending in `.` (`key.`, `case.`, `suspension.`)',
      }),
    ),
    actor: T.Optional(T.String({ maxLength: 80, description: '`key:<id>`, `cli` or `system`' })),
    org: T.Optional(T.String({ maxLength: 40, description: 'Organization of the actor' })),
    target: T.Optional(
      T.String({ maxLength: 200, description: 'What was acted on: `key:<id>`, a filing, case or filer' }),
    ),
    from: T.Optional(Day),
    to: T.Optional(Day),
    before: T.Optional(T.Integer({ minimum: 1, description: 'Cursor: `next` of the previous page' })),
    limit: T.Optional(T.Integer({ minimum: 1, maximum: 500, default: 50 })),
  },
  { additionalProperties: false },
);

export const AuditSearchReply = T.Object({
  entries: T.Array(AuditRecord, { description: 'Newest first' }),
  next: T.Union([T.Integer(), T.Null()], {
    description: 'Pass as `before` for the next (older) page; null at the end',
  }),
});

const DAY_MS = 86_400_000;

/**
 * The admin console's audit log: newest first, filtered by action (or family), actor, organization,
 * target and U.S. Eastern days, paged by id. `GET /v1/audit` stays the oldest-first feed for export.
 */
export function registerConsoleAdminRoutes(app: FastifyInstance, ctx: Context): void {
  app.get<{
    Querystring: {
      action?: string;
      actor?: string;
      org?: string;
      target?: string;
      from?: string;
      to?: string;
      before?: number;
      limit?: number;
    };
  }>(
    '/v1/audit/search',
    {
      schema: {
        summary: 'Search the audit log, newest first (admins)',
        tags: ['admin'],
        querystring: AuditSearchQuery,
        response: { 200: AuditSearchReply, ...errors(400, 403) },
      },
    },
    async (req, reply) => {
      const denied = requireRole(req.principal!, 'admin');
      if (denied !== undefined) return sendError(reply, denied);
      const { action, actor, org, target, from, to, before, limit = 50 } = req.query;
      if (from !== undefined && to !== undefined && from > to)
        return sendError(reply, apiError('SCHEMA_INVALID', 'query /from: after /to', { path: '/from' }));
      for (const [path, day] of [
        ['/from', from],
        ['/to', to],
      ] as const)
        if (day !== undefined && Number.isNaN(easternWallClockToUtc(day)))
          return sendError(reply, apiError('SCHEMA_INVALID', `query ${path}: not a date`, { path }));
      // Audit times are ISO instants in UTC (toISOString), so they compare as text. A day runs from its
      // Eastern midnight to the next date's (23 or 25 hours on a DST change).
      const midnight = (day: string) => new Date(easternWallClockToUtc(day)).toISOString();
      const rows = await ctx.data.auditSearch({
        action,
        actor,
        org,
        target,
        fromAt: from === undefined ? undefined : midnight(from),
        toAt:
          to === undefined
            ? undefined
            : midnight(new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10)),
        before,
        limit,
      });
      return {
        entries: rows,
        next: rows.length === limit ? (rows.at(-1)?.id ?? null) : null,
      };
    },
  );
}
