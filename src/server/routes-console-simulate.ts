import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Type as T } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { loadPolicies, type PolicyEntry } from '../adapters/policy/load-policies.js';
import { simulate } from '../simulate/run-simulation.js';
import type { Context } from './context.js';
import { requireRole } from './context.js';
import { apiError, sendError } from './errors.js';
import { errors } from './schemas.js';

/** A what-if replays the day twice on the server's thread; past this it belongs to `minimis simulate`. */
export const SIMULATE_MAX_FILINGS = 50_000;

const Day = T.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
export const SimulateBody = T.Object(
  {
    dataset: T.String({
      pattern: '^store:\\d{4}-\\d{2}-\\d{2}$',
      description: 'store:<day>: the stored filings of that U.S. Eastern (estimated) arrival day',
    }),
    policy: T.String({ minLength: 1, maxLength: 100 }),
    vs: T.String({ minLength: 1, maxLength: 100 }),
    at: T.Optional(T.Array(Day, { maxItems: 6, description: 'Dates to replay the day at; default its own' })),
  },
  { additionalProperties: false },
);
export const PoliciesReply = T.Object({
  policies: T.Array(T.Object({ name: T.String(), kind: T.String(), description: T.String() })),
});
export const DatasetsReply = T.Object({
  datasets: T.Array(T.Object({ id: T.String(), day: T.String(), filings: T.Integer() })),
});

/** What-if over stored data: the policies, the stored days, and a comparison of two policies on one day. */
export function registerSimulateRoutes(app: FastifyInstance, ctx: Context): void {
  const q = ctx.reads;
  let running = false;
  const policies = (): Map<string, PolicyEntry> => loadPolicies();

  app.get(
    '/v1/policies',
    {
      schema: {
        summary: 'The policies a what-if can compare (the law, scenarios, builtins)',
        tags: ['console'],
        response: { 200: PoliciesReply, ...errors(403) },
      },
    },
    async (req, reply) => {
      const denied = requireRole(req.principal!, 'officer', 'analyst');
      if (denied !== undefined) return sendError(reply, denied);
      return {
        policies: [...policies().values()].map((p) => ({
          name: p.name,
          kind: p.kind,
          description: p.description,
        })),
      };
    },
  );

  app.get(
    '/v1/simulate/datasets',
    {
      schema: {
        summary: 'Datasets a what-if can replay: the stored filings by estimated arrival day',
        tags: ['console'],
        response: { 200: DatasetsReply, ...errors(403) },
      },
    },
    async (req, reply) => {
      const denied = requireRole(req.principal!, 'officer', 'analyst');
      if (denied !== undefined) return sendError(reply, denied);
      const rows = await q.datasets();
      return { datasets: rows.map((r) => ({ id: `store:${r.day}`, ...r })) };
    },
  );

  app.post<{ Body: { dataset: string; policy: string; vs: string; at?: string[] } }>(
    '/v1/simulate',
    {
      schema: {
        summary: 'What-if: replay a stored day under two policies and compare the outcomes filing by filing',
        description:
          'The stored filing versions are replayed in the order they were applied, cancellations after them, ' +
          'then the conveyance arrivals in time order. Nothing is stored. One what-if runs at a time.',
        tags: ['console'],
        body: SimulateBody,
        response: {
          200: T.Unknown({ description: 'The comparison, as `minimis simulate --json`' }),
          ...errors(400, 403, 429),
        },
      },
    },
    async (req, reply) => {
      const denied = requireRole(req.principal!, 'officer', 'analyst');
      if (denied !== undefined) return sendError(reply, denied);
      const { dataset, policy, vs, at = [] } = req.body;
      const all = policies();
      const a = all.get(policy);
      const b = all.get(vs);
      const law = all.get('law');
      if (a === undefined || b === undefined || law === undefined) {
        const which = a === undefined ? 'policy' : 'vs';
        return sendError(
          reply,
          apiError('SCHEMA_INVALID', `body /${which}: no policy ${a === undefined ? policy : vs}`, {
            path: `/${which}`,
          }),
        );
      }
      const day = dataset.slice('store:'.length);
      const n = await q.dayCount(day);
      if (n === 0) return sendError(reply, apiError('NOT_FOUND', `no stored filings for ${day}`));
      if (n > SIMULATE_MAX_FILINGS)
        return sendError(
          reply,
          apiError('BODY_TOO_LARGE', `${n} filings; the console replays at most ${SIMULATE_MAX_FILINGS}`),
        );
      if (running)
        return sendError(reply, apiError('RATE_LIMITED', 'a what-if is already running; try again shortly'));
      running = true;
      const dir = await mkdtemp(join(tmpdir(), 'minimis-whatif-'));
      try {
        const file = join(dir, `${day}.ndjson`);
        await writeDataset(file, day);
        const sim = await simulate({ files: [file], a, b, law, at, ref: ctx.ref, refFiles: {}, workers: 0 });
        return { ...sim, files: [dataset] };
      } finally {
        running = false;
        await rm(dir, { recursive: true, force: true });
      }
    },
  );

  async function writeDataset(file: string, day: string): Promise<void> {
    const out = createWriteStream(file);
    const write = async (line: string) => {
      if (!out.write(`${line}\n`)) await once(out, 'drain');
    };
    // Read whole before writing: an open iterator would keep the connection busy across the awaits.
    const rows = await q.dayVersions(day);
    const cancelled = new Map<string, number>();
    for (const r of rows) {
      await write(r.body);
      if (r.cancelled) cancelled.set(r.id, r.current);
    }
    for (const [id, version] of cancelled) await write(JSON.stringify({ type: 'cancellation', id, version }));
    for (const r of await q.dayArrivals(day))
      await write(
        JSON.stringify({
          type: 'arrival',
          conveyanceId: r.conveyanceId,
          arrivedAt: r.arrivedAt,
          port: r.port,
        }),
      );
    out.end();
    await once(out, 'finish');
  }
}
