import type { FastifyInstance } from 'fastify';
import type { DeliveryState, WebhookRow } from '../adapters/storage/server-data.js';
import { actorOf } from './api-keys.js';
import { type Context, isoNow, requireRole } from './context.js';
import { apiError, sendError } from './errors.js';
import {
  DeliveriesQuery,
  DeliveryList,
  errors,
  IdParams,
  WebhookCreate,
  WebhookCreated,
  WebhookList,
} from './schemas.js';
import { newSecret } from './webhook-dispatcher.js';

const publicView = (w: WebhookRow) => ({ id: w.id, org: w.org, url: w.url, createdAt: w.createdAt });

/** Webhooks: an organization's new messages POSTed to its URL, signed, retried with backoff. */
export function registerWebhookRoutes(app: FastifyInstance, ctx: Context): void {
  app.post<{ Body: { url: string; org?: string } }>(
    '/v1/webhooks',
    {
      schema: {
        summary: 'Register a URL that receives the organization’s new messages',
        tags: ['webhooks'],
        body: WebhookCreate,
        response: { 201: WebhookCreated, ...errors(400, 403) },
      },
    },
    async (req, reply) => {
      const who = req.principal!;
      const denied = requireRole(who, 'filer', 'admin');
      if (denied !== undefined) return sendError(reply, denied);
      const { url } = req.body;
      if (!URL.canParse(url))
        return sendError(reply, apiError('SCHEMA_INVALID', 'not a URL', { path: '/url' }));
      let org = req.body.org;
      if (who.role === 'filer') {
        if (org !== undefined && org !== who.org)
          return sendError(
            reply,
            apiError('FORBIDDEN', `a filer key registers webhooks for ${who.org} only`, { path: '/org' }),
          );
        org = who.org;
      } else if (org === undefined) {
        return sendError(
          reply,
          apiError('SCHEMA_INVALID', 'an admin names the organization', { path: '/org' }),
        );
      }
      const secret = newSecret();
      const at = isoNow(ctx);
      const org_ = org;
      // Only messages from now on: a new webhook is not a replay of the organization's history.
      const id = await ctx.data.createWebhook({ org: org_, url, secret, at }, (id) => ({
        at,
        ...actorOf(who),
        action: 'webhook.create',
        target: `webhook:${id}`,
        before: null,
        after: { id, org: org_, url },
      }));
      return reply.code(201).send({ webhook: publicView((await ctx.data.webhook(id))!), secret });
    },
  );

  app.get(
    '/v1/webhooks',
    {
      schema: {
        summary: 'Webhooks of the caller’s organization (admins: all)',
        tags: ['webhooks'],
        response: { 200: WebhookList, ...errors(403) },
      },
    },
    async (req, reply) => {
      const who = req.principal!;
      const denied = requireRole(who, 'filer', 'admin');
      if (denied !== undefined) return sendError(reply, denied);
      return {
        webhooks: (await ctx.data.webhooks(who.role === 'filer' ? who.org : undefined)).map(publicView),
      };
    },
  );

  app.get<{ Params: { id: number }; Querystring: { state?: DeliveryState; limit?: number } }>(
    '/v1/webhooks/:id/deliveries',
    {
      schema: {
        summary: 'Deliveries of a webhook, newest first: pending, delivered, or dead (dead letters)',
        tags: ['webhooks'],
        params: IdParams,
        querystring: DeliveriesQuery,
        response: { 200: DeliveryList, ...errors(400, 403, 404) },
      },
    },
    async (req, reply) => {
      const who = req.principal!;
      const denied = requireRole(who, 'filer', 'admin');
      if (denied !== undefined) return sendError(reply, denied);
      const hook = await ctx.data.webhook(req.params.id);
      if (hook === undefined || (who.role === 'filer' && hook.org !== who.org))
        return sendError(reply, apiError('NOT_FOUND', `no webhook ${req.params.id}`));
      const deliveries = (await ctx.data.deliveries(hook.id, req.query.state, req.query.limit ?? 100)).map(
        ({ body: _body, webhookId: _w, nextAttemptMs: _n, ...d }) => d,
      );
      return { deliveries };
    },
  );
}
