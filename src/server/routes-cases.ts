import type { FastifyInstance } from 'fastify';
import type { StoredCase } from '../adapters/storage/server-data.js';
import type { CaseState } from '../core/cases/index.js';
import type { Principal } from './api-keys.js';
import { CaseCommandOp, CaseOpenOp, caseFor, checkCaseCommand, eventsFor, visibleCase } from './cases.js';
import { type Context, isoNow, requireRole } from './context.js';
import { apiError, sendError, storeFailed } from './errors.js';
import {
  CaseCommandBody,
  CaseCommandReply,
  CaseIdParams,
  CaseList,
  CaseListQuery,
  CaseOpen,
  CaseReply,
  errors,
} from './schemas.js';

/** Filers never see the lane a case came from: it tells what targeting saw. */
const item = (who: Principal, s: StoredCase) =>
  who.role === 'filer' ? { case: caseFor(who, s.case) } : { case: s.case, lane: s.lane };

/** Cases of held and withheld shipments: open, list, read, and every command of the workflow. */
export function registerCaseRoutes(app: FastifyInstance, ctx: Context): void {
  app.post<{ Body: { filingId: string; version?: number } }>(
    '/v1/cases',
    {
      schema: {
        summary: 'Open a case of a held or withheld filing (officers)',
        description:
          'The engine opens one automatically when it holds or withholds a filing, in the same transaction; ' +
          'this opens one for a decision that has none. The case id is `<filingId>.v<version>`: 409 ' +
          'CASE_ALREADY_OPEN when it exists, 422 CASE_DECISION_NOT_HOLDABLE when the decision is neither ' +
          'held nor withheld.',
        tags: ['cases'],
        body: CaseOpen,
        response: { 201: CaseReply, ...errors(400, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const who = req.principal!;
      if (who.role !== 'officer')
        return sendError(reply, apiError('FORBIDDEN', `a ${who.role} key may not open cases`));
      const op = new CaseOpenOp(ctx.policy, who, req.body.filingId, req.body.version, isoNow(ctx));
      ctx.writer.submit(op);
      const r = await op.answer.catch(storeFailed);
      if (!r.ok) return sendError(reply, r.error);
      return reply.code(201).send({ ...item(who, r.stored), events: [r.event] });
    },
  );

  app.get<{
    Querystring: { state?: CaseState; filer?: string; lane?: string; after?: string; limit?: number };
  }>(
    '/v1/cases',
    {
      schema: {
        summary: 'Cases, by id (officers and analysts: all; filers: of the filings they file or broker)',
        tags: ['cases'],
        querystring: CaseListQuery,
        response: { 200: CaseList, ...errors(400, 403) },
      },
    },
    async (req, reply) => {
      const who = req.principal!;
      const denied = requireRole(who, 'filer', 'officer', 'analyst');
      if (denied !== undefined) return sendError(reply, denied);
      const { state, filer, lane, after, limit = 100 } = req.query;
      if (who.role === 'filer' && lane !== undefined)
        return sendError(
          reply,
          apiError('FORBIDDEN', 'a filer key may not filter by lane', { path: '/lane' }),
        );
      const found = await ctx.data.cases({
        ...(state === undefined ? {} : { state }),
        ...(filer === undefined ? {} : { filer }),
        ...(lane === undefined ? {} : { lane }),
        ...(who.role === 'filer' ? { visibleTo: who.org } : {}),
        ...(after === undefined ? {} : { after }),
        limit,
      });
      return {
        cases: found.map((s) => item(who, s)),
        next: found.length < limit ? null : (found.at(-1)?.case.id ?? null),
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/cases/:id',
    {
      schema: {
        summary: 'A case with every event',
        tags: ['cases'],
        params: CaseIdParams,
        response: { 200: CaseReply, ...errors(403, 404) },
      },
    },
    async (req, reply) => {
      const who = req.principal!;
      const denied = requireRole(who, 'filer', 'officer', 'analyst');
      if (denied !== undefined) return sendError(reply, denied);
      const s = await visibleCase(ctx.data, who, req.params.id);
      if (s === undefined) return sendError(reply, apiError('CASE_NOT_FOUND', `no case ${req.params.id}`));
      return { ...item(who, s), events: eventsFor(who, await ctx.data.caseEvents(s.case.id)) };
    },
  );

  app.post<{ Params: { id: string }; Body: unknown }>(
    '/v1/cases/:id/commands',
    {
      schema: {
        summary: 'Apply one command to a case (officers; the case’s filer answers and disputes)',
        description:
          'Every transition is checked against the workflow: 403 CASE_ROLE_FORBIDDEN / CASE_NOT_YOURS, ' +
          '404 CASE_NOT_FOUND (also for another filer’s case), 409 CASE_CLOSED / CASE_TRANSITION_NOT_ALLOWED / ' +
          'CASE_EXAM_REQUIRED / CASE_EXAM_CONFLICT / PENALTY_ALREADY_ASSESSED / CASE_CONFLICT (changed ' +
          'meanwhile), 422 CASE_COMMAND_INVALID and PENALTY_*. Closing as released sets the filing’s decision ' +
          'to released (1C); any other ending to disposed with its code; the filer and broker are told.',
        tags: ['cases'],
        params: CaseIdParams,
        body: CaseCommandBody,
        response: { 200: CaseCommandReply, ...errors(400, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const who = req.principal!;
      const checked = checkCaseCommand(who, req.params.id, req.body);
      if (!checked.ok) return sendError(reply, checked.error);
      // In the writer's order: a case outcome and the engine's decisions of the same filing never race.
      const op = new CaseCommandOp(ctx.policy, who, req.params.id, checked.command, isoNow(ctx));
      ctx.writer.submit(op);
      const r = await op.answer.catch(storeFailed);
      if (!r.ok) return sendError(reply, r.error);
      if (r.messages > 0) ctx.dispatcher.wake();
      const [event] = eventsFor(who, [r.event]);
      return { case: caseFor(who, r.stored.case), event: event ?? r.event };
    },
  );
}
