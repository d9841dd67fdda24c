import type { FastifyInstance } from 'fastify';
import { type ConsoleRow, validCursor } from '../adapters/storage/server-data.js';
import type { Decision } from '../core/decision/index.js';
import type { Policy } from '../core/policy/index.js';
import type { Context } from './context.js';
import { maySee, requireRole } from './context.js';
import { apiError, sendError } from './errors.js';
import { decisionFor } from './redact.js';
import { registerConsoleAdminRoutes } from './routes-console-admin.js';
import { registerDashboardRoute } from './routes-console-dashboard.js';
import { registerPrecheckRoute } from './routes-console-precheck.js';
import {
  FilingsQuery,
  PartyParams,
  PartyReply,
  QueueQuery,
  RowsReply,
  ShipmentReply,
  WhoAmIReply,
} from './routes-console-schemas.js';
import { registerSimulateRoutes } from './routes-console-simulate.js';
import { errors, FilingIdParams } from './schemas.js';
import { consoleDir, registerStaticConsole } from './static-console.js';

/** Filers never see targeting: a row loses its lane and score like a decision does. */
const rowFor = (role: string, r: ConsoleRow): ConsoleRow =>
  role === 'filer' ? { ...r, lane: 'unassigned', score: null } : r;

/**
 * What the web console reads beyond the core API: the officers' work queue, a filer's own filings, the
 * shipment page, consignee groups, the analysts' dashboard, the filers' pre-check and the what-if; and the
 * console itself at `/`.
 */
export function registerConsoleRoutes(app: FastifyInstance, ctx: Context, policy: Policy): void {
  const q = ctx.reads;
  const badCursor = apiError('SCHEMA_INVALID', 'query /after: not a cursor this API gave', {
    path: '/after',
  });

  app.get(
    '/v1/whoami',
    {
      schema: {
        summary: 'The caller: organization and role of the key (the console picks its views by it)',
        tags: ['console'],
        response: { 200: WhoAmIReply, ...errors() },
      },
    },
    async (req) => ({ org: req.principal!.org, role: req.principal!.role, keyId: req.principal!.keyId }),
  );

  app.get<{
    Querystring: {
      status?: string;
      lane?: string;
      code?: string;
      port?: string;
      filer?: string;
      origin?: string;
      limit?: number;
      after?: string;
    };
  }>(
    '/v1/queue',
    {
      schema: {
        summary: 'Work queue: held and withheld shipments (or `status`), highest risk score first',
        tags: ['console'],
        querystring: QueueQuery,
        response: { 200: RowsReply, ...errors(400, 403) },
      },
    },
    async (req, reply) => {
      const denied = requireRole(req.principal!, 'officer', 'analyst');
      if (denied !== undefined) return sendError(reply, denied);
      const { status = 'held,withheld', limit = 1000, after, ...filter } = req.query;
      if (!validCursor(after)) return sendError(reply, badCursor);
      return q.queue({ statuses: status.split(','), ...filter }, limit, after);
    },
  );

  app.get<{ Querystring: { limit?: number; after?: string } }>(
    '/v1/filings',
    {
      schema: {
        summary: 'Filings, newest first (a filer key: the ones it files or brokers)',
        tags: ['console'],
        querystring: FilingsQuery,
        response: { 200: RowsReply, ...errors(400, 403) },
      },
    },
    async (req, reply) => {
      const who = req.principal!;
      const denied = requireRole(who, 'filer', 'officer', 'analyst');
      if (denied !== undefined) return sendError(reply, denied);
      const { limit = 500, after } = req.query;
      if (!validCursor(after)) return sendError(reply, badCursor);
      const page = await q.filings(who.role === 'filer' ? who.org : undefined, limit, after);
      return { rows: page.rows.map((r) => rowFor(who.role, r)), next: page.next };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/filings/:id',
    {
      schema: {
        summary: 'A shipment: the filed record, its decision, the consignee group and its day against $800',
        tags: ['console'],
        params: FilingIdParams,
        response: { 200: ShipmentReply, ...errors(403, 404) },
      },
    },
    async (req, reply) => {
      const who = req.principal!;
      const denied = requireRole(who, 'filer', 'officer', 'analyst');
      if (denied !== undefined) return sendError(reply, denied);
      const id = req.params.id;
      const access = await ctx.data.filingAccess(id);
      const text =
        access !== undefined && maySee(who, access) ? await ctx.data.currentDecisionText(id) : undefined;
      const filed = text === undefined ? undefined : await q.filedBody(id);
      // Another filer's shipment is answered exactly like one that does not exist.
      if (text === undefined || filed === undefined)
        return sendError(reply, apiError('NOT_FOUND', `no filing ${id}`));
      const decision = JSON.parse(text) as Decision;
      const party = decision.party;
      const filer = who.role === 'filer';
      const variants = party === null || filer ? [] : await q.partyVariants(party.key);
      const addressKey = variants[0]?.addressKey;
      return {
        filed: JSON.parse(filed) as unknown,
        decision: decisionFor(who, decision),
        group:
          party === null || filer || addressKey === undefined
            ? null
            : {
                key: party.key,
                addressKey,
                variants: variants.map((v) => ({
                  raw: v.raw,
                  nameKey: v.nameKey,
                  match: v.match,
                  reason: v.reason,
                })),
              },
        day:
          party === null
            ? null
            : {
                day: party.day,
                basis: party.dayBasis,
                limitUsd: party.limitUsd,
                filings: manifestOrder(await q.consigneeDay(party.key, party.day))
                  // A filer sees the running total on its own filings, never other filers' shipments.
                  .filter((r) => maySee(who, r.decision))
                  .map(({ decision: d, filedAtMs }) => ({
                    filingId: d.filingId,
                    version: d.version,
                    filer: d.filer,
                    status: d.status,
                    valueUsd: d.valueUsd,
                    totalUsd: d.party?.totalUsd ?? null,
                    filedAt: new Date(filedAtMs).toISOString(),
                    arrivedAt: d.arrivedAt,
                  })),
              },
        sharedAddress:
          filer || party === null || addressKey === undefined
            ? []
            : await q.sharedAddress(addressKey, party.key),
      };
    },
  );

  app.get<{ Params: { key: string } }>(
    '/v1/parties/:key',
    {
      schema: {
        summary: 'A consignee group: its name variants (and why each joined) and its filings',
        tags: ['console'],
        params: PartyParams,
        response: { 200: PartyReply, ...errors(403, 404) },
      },
    },
    async (req, reply) => {
      const denied = requireRole(req.principal!, 'officer', 'analyst');
      if (denied !== undefined) return sendError(reply, denied);
      const variants = await q.partyVariants(req.params.key);
      if (variants.length === 0)
        return sendError(reply, apiError('NOT_FOUND', `no consignee group ${req.params.key}`));
      return {
        key: req.params.key,
        variants: variants.map((v) => ({ raw: v.raw, nameKey: v.nameKey, match: v.match, reason: v.reason })),
        filings: await q.partyFilings(req.params.key),
      };
    },
  );

  registerDashboardRoute(app, ctx);
  registerConsoleAdminRoutes(app, ctx);
  registerPrecheckRoute(app, ctx, policy);
  registerSimulateRoutes(app, ctx);
  registerStaticConsole(app, consoleDir());
}

/**
 * A consignee group's day in manifest order: the arrival instant, then filing time (the order the $800
 * check ran in), filings not yet arrived last.
 */
function manifestOrder<T extends { decision: Decision; filedAtMs: number }>(rows: T[]): T[] {
  const arrived = (d: Decision) =>
    d.arrivedAt === null ? Number.POSITIVE_INFINITY : Date.parse(d.arrivedAt);
  return rows.sort(
    (a, b) =>
      arrived(a.decision) - arrived(b.decision) ||
      a.filedAtMs - b.filedAtMs ||
      a.decision.filingId.localeCompare(b.decision.filingId),
  );
}
