import { Type as T } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Context } from './context.js';
import { requireRole } from './context.js';
import { apiError, sendError } from './errors.js';
import { errors } from './schemas.js';

const Day = T.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'U.S. Eastern day, YYYY-MM-DD' });
export const DashboardQuery = T.Object(
  { from: T.Optional(Day), to: T.Optional(Day) },
  { additionalProperties: false },
);
const Counted = T.Array(T.Object({ key: T.String(), n: T.Integer() }));
const Party = T.Object({
  code: T.String(),
  filings: T.Integer(),
  rejected: T.Integer(),
  withheld: T.Integer(),
  held: T.Integer(),
  seized: T.Integer(),
  nonCompliant: T.Integer({ description: 'Rejected, 4M-withheld, or disposed by a case other than release' }),
  rate: T.Number({ description: 'nonCompliant / filings' }),
});
export const DashboardReply = T.Object({
  from: T.Union([T.String(), T.Null()]),
  to: T.Union([T.String(), T.Null()]),
  filings: T.Integer(),
  byDay: T.Array(
    T.Object({ day: T.String(), type86: T.Integer(), manifest321: T.Integer(), postal: T.Integer() }),
    { description: 'Shipments by day (arrival, else estimated arrival, else filing; U.S. Eastern) and kind' },
  ),
  byMode: Counted,
  byOrigin: Counted,
  byStatus: Counted,
  byLane: Counted,
  rates: T.Object({
    rejected: T.Number(),
    withheld4M: T.Number(),
    held: T.Number(),
    released: T.Number(),
  }),
  topFilers: T.Array(Party),
  topBrokers: T.Array(Party),
  seizuresByCategory: T.Array(T.Object({ key: T.String({ description: 'HTS chapter' }), n: T.Integer() })),
});

type PartyCounts = { -readonly [K in keyof typeof Party.static]: (typeof Party.static)[K] };

const bump = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
const sorted = (m: Map<string, number>, top = Number.POSITIVE_INFINITY) =>
  [...m]
    .map(([key, n]) => ({ key, n }))
    .sort((a, b) => b.n - a.n || a.key.localeCompare(b.key))
    .slice(0, top);

/** GET /v1/dashboard — the analysts' aggregates over the stored shipments. */
export function registerDashboardRoute(app: FastifyInstance, ctx: Context): void {
  // The store groups the current filing versions by everything counted here, with each group's U.S. Eastern
  // day (a few thousand groups for a million filings); the days asked for are picked here.

  app.get<{ Querystring: { from?: string; to?: string } }>(
    '/v1/dashboard',
    {
      schema: {
        summary:
          'Volumes by day, kind, mode and origin; reject, 4M and hold rates; top non-compliant parties',
        tags: ['console'],
        querystring: DashboardQuery,
        response: { 200: DashboardReply, ...errors(400, 403) },
      },
    },
    async (req, reply) => {
      const denied = requireRole(req.principal!, 'officer', 'analyst');
      if (denied !== undefined) return sendError(reply, denied);
      const { from, to } = req.query;
      if (from !== undefined && to !== undefined && from > to)
        return sendError(reply, apiError('SCHEMA_INVALID', 'query /from: after /to', { path: '/from' }));
      const days = new Map<string, { type86: number; manifest321: number; postal: number }>();
      const byMode = new Map<string, number>();
      const byOrigin = new Map<string, number>();
      const byStatus = new Map<string, number>();
      const byLane = new Map<string, number>();
      const seizures = new Map<string, number>();
      const filers = new Map<string, PartyCounts>();
      const brokers = new Map<string, PartyCounts>();
      let n = 0;
      for (const r of await ctx.reads.dashboardRows()) {
        const day = r.day;
        if ((from !== undefined && day < from) || (to !== undefined && day > to)) continue;
        const k = r.n;
        n += k;
        const d = days.get(day) ?? { type86: 0, manifest321: 0, postal: 0 };
        if (r.kind === 'type86' || r.kind === 'manifest321' || r.kind === 'postal') d[r.kind] += k;
        days.set(day, d);
        bump(byMode, r.mode, k);
        bump(byOrigin, r.origin ?? '??', k);
        bump(byStatus, r.status, k);
        bump(byLane, r.lane, k);
        const seized = r.disposition === 'seized';
        if (seized) bump(seizures, `HTS ${(r.hts ?? '').replace(/\D/g, '').slice(0, 2) || '??'}`, k);
        const bad =
          r.status === 'rejected' ||
          r.status === 'withheld' ||
          (r.disposition !== null && r.disposition !== 'released');
        for (const [m, code] of [
          [filers, r.filer],
          [brokers, r.broker],
        ] as const) {
          if (code === null) continue;
          const p = m.get(code) ?? {
            code,
            filings: 0,
            rejected: 0,
            withheld: 0,
            held: 0,
            seized: 0,
            nonCompliant: 0,
            rate: 0,
          };
          p.filings += k;
          if (r.status === 'rejected') p.rejected += k;
          if (r.status === 'withheld') p.withheld += k;
          if (r.status === 'held') p.held += k;
          if (seized) p.seized += k;
          if (bad) p.nonCompliant += k;
          m.set(code, p);
        }
      }
      const rate = (status: string) => (n === 0 ? 0 : (byStatus.get(status) ?? 0) / n);
      const top = (m: Map<string, PartyCounts>) =>
        [...m.values()]
          .map((p) => ({ ...p, rate: p.nonCompliant / p.filings }))
          .filter((p) => p.nonCompliant > 0)
          .sort((a, b) => b.nonCompliant - a.nonCompliant || b.rate - a.rate || a.code.localeCompare(b.code))
          .slice(0, 10);
      return {
        from: from ?? null,
        to: to ?? null,
        filings: n,
        byDay: [...days].sort(([a], [b]) => a.localeCompare(b)).map(([day, c]) => ({ day, ...c })),
        byMode: sorted(byMode),
        byOrigin: sorted(byOrigin, 15),
        byStatus: sorted(byStatus),
        byLane: sorted(byLane),
        rates: {
          rejected: rate('rejected'),
          withheld4M: rate('withheld'),
          held: rate('held'),
          released: rate('released'),
        },
        topFilers: top(filers),
        topBrokers: top(brokers),
        seizuresByCategory: sorted(seizures),
      };
    },
  );
}
