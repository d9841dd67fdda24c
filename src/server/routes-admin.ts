import type { FastifyInstance } from 'fastify';
import type { Role } from '../adapters/storage/server-data.js';
import { actorOf, createApiKey, revokeApiKey } from './api-keys.js';
import { type Context, isoNow, requireRole } from './context.js';
import { apiError, sendError } from './errors.js';
import {
  AuditQuery,
  AuditReply,
  errors,
  IdParams,
  KeyCreate,
  KeyCreated,
  KeyInfo,
  KeyList,
} from './schemas.js';

/** Admin only: API keys and the audit log. */
export function registerAdminRoutes(app: FastifyInstance, ctx: Context): void {
  app.post<{ Body: { org: string; role: Role; label?: string } }>(
    '/v1/keys',
    {
      schema: {
        summary: 'Create an API key for an organization and role (the key is shown once)',
        tags: ['admin'],
        body: KeyCreate,
        response: { 201: KeyCreated, ...errors(400, 403) },
      },
    },
    async (req, reply) => {
      const who = req.principal!;
      const denied = requireRole(who, 'admin');
      if (denied !== undefined) return sendError(reply, denied);
      const { id, key } = await createApiKey(ctx.data, req.body, actorOf(who), isoNow(ctx));
      return reply.code(201).send({ id, org: req.body.org, role: req.body.role, key });
    },
  );

  app.get(
    '/v1/keys',
    {
      schema: {
        summary: 'Every API key (never the key itself)',
        tags: ['admin'],
        response: { 200: KeyList, ...errors(403) },
      },
    },
    async (req, reply) => {
      const denied = requireRole(req.principal!, 'admin');
      if (denied !== undefined) return sendError(reply, denied);
      return { keys: await ctx.data.keys() };
    },
  );

  app.delete<{ Params: { id: number } }>(
    '/v1/keys/:id',
    {
      schema: {
        summary: 'Revoke an API key',
        tags: ['admin'],
        params: IdParams,
        response: { 200: KeyInfo, ...errors(403, 404) },
      },
    },
    async (req, reply) => {
      const who = req.principal!;
      const denied = requireRole(who, 'admin');
      if (denied !== undefined) return sendError(reply, denied);
      if (!(await revokeApiKey(ctx.data, req.params.id, actorOf(who), isoNow(ctx))))
        return sendError(reply, apiError('NOT_FOUND', `no live key ${req.params.id}`));
      ctx.auth.forget(req.params.id);
      return ctx.data.key(req.params.id);
    },
  );

  app.get<{ Querystring: { after?: number; limit?: number } }>(
    '/v1/audit',
    {
      schema: {
        summary: 'The audit log: who did what, when, before and after (append-only)',
        tags: ['admin'],
        querystring: AuditQuery,
        response: { 200: AuditReply, ...errors(400, 403) },
      },
    },
    async (req, reply) => {
      const denied = requireRole(req.principal!, 'admin');
      if (denied !== undefined) return sendError(reply, denied);
      const after = req.query.after ?? 0;
      const entries = await ctx.data.auditLog(after, req.query.limit ?? 100);
      return { entries, next: entries.at(-1)?.id ?? after };
    },
  );
}
