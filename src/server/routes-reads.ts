import type { FastifyInstance } from 'fastify';
import type { Decision } from '../core/decision/index.js';
import type { Principal } from './api-keys.js';
import type { Context } from './context.js';
import { maySee, requireRole } from './context.js';
import { apiError, sendError } from './errors.js';
import { decisionFor } from './redact.js';
import {
  DecisionReply,
  errors,
  FilingIdParams,
  HistoryReply,
  MessagesQuery,
  MessagesReply,
} from './schemas.js';

/** Decisions, their history, and the messages feed. Reads see what is committed. */
export function registerReadRoutes(app: FastifyInstance, ctx: Context): void {
  /** The filing, when the caller may see it; another filer's filing is "not found", like a missing one. */
  const visible = async (who: Principal, id: string): Promise<boolean> => {
    const access = await ctx.data.filingAccess(id);
    return access !== undefined && maySee(who, access);
  };

  app.get<{ Params: { id: string } }>(
    '/v1/filings/:id/decision',
    {
      schema: {
        summary: 'The current decision of a filing',
        tags: ['decisions'],
        params: FilingIdParams,
        response: { 200: DecisionReply, ...errors(403, 404) },
      },
    },
    async (req, reply) => {
      const who = req.principal!;
      const denied = requireRole(who, 'filer', 'officer', 'analyst');
      if (denied !== undefined) return sendError(reply, denied);
      const text = (await visible(who, req.params.id))
        ? await ctx.data.currentDecisionText(req.params.id)
        : undefined;
      if (text === undefined) return sendError(reply, apiError('NOT_FOUND', `no filing ${req.params.id}`));
      // The stored body is already JSON: no parse and stringify on the way out, except to redact for a filer.
      if (who.role === 'filer') return { decision: decisionFor(who, JSON.parse(text) as Decision) };
      return reply.type('application/json; charset=utf-8').send(`{"decision":${text}}`);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/filings/:id/history',
    {
      schema: {
        summary: 'Every decision of a filing, version by version',
        tags: ['decisions'],
        params: FilingIdParams,
        response: { 200: HistoryReply, ...errors(403, 404) },
      },
    },
    async (req, reply) => {
      const who = req.principal!;
      const denied = requireRole(who, 'filer', 'officer', 'analyst');
      if (denied !== undefined) return sendError(reply, denied);
      if (!(await visible(who, req.params.id)))
        return sendError(reply, apiError('NOT_FOUND', `no filing ${req.params.id}`));
      return {
        filingId: req.params.id,
        decisions: (await ctx.data.decisionHistory(req.params.id)).map((d) => decisionFor(who, d)),
      };
    },
  );

  app.get<{ Querystring: { after?: number; limit?: number; recipient?: string } }>(
    '/v1/messages',
    {
      schema: {
        summary: 'Messages to the caller (officers and analysts: to anyone, or to `recipient`), oldest first',
        tags: ['messages'],
        querystring: MessagesQuery,
        response: { 200: MessagesReply, ...errors(400, 403) },
      },
    },
    async (req, reply) => {
      const who = req.principal!;
      const denied = requireRole(who, 'filer', 'officer', 'analyst');
      if (denied !== undefined) return sendError(reply, denied);
      const { after = 0, limit = 100, recipient } = req.query;
      if (who.role === 'filer' && recipient !== undefined && recipient !== who.org)
        return sendError(
          reply,
          apiError('FORBIDDEN', `a filer key reads only the messages to ${who.org}`, { path: '/recipient' }),
        );
      const messages = await ctx.data.messages(who.role === 'filer' ? who.org : recipient, after, limit);
      return { messages, next: messages.at(-1)?.id ?? after };
    },
  );
}
