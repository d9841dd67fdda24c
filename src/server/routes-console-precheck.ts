import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Type as T } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { FINDINGS, type FindingCode, fixFor } from '../core/findings/index.js';
import type { Policy } from '../core/policy/index.js';
import { prepare } from '../core/screen/index.js';
import { parseInstant } from '../core/time/index.js';
import { readRecords } from '../ingest/read-records.js';
import type { Principal } from './api-keys.js';
import type { Context } from './context.js';
import { requireRole } from './context.js';
import { apiError, sendError } from './errors.js';
import { errors } from './schemas.js';

/** Larger manifests are split by the filer; the whole reply is built in memory. */
export const PRECHECK_BYTES = 32 * 1024 * 1024;

const Finding = T.Object({
  code: T.String(),
  severity: T.String({ description: 'reject or warn' }),
  path: T.String(),
  message: T.String(),
  aceCode: T.Optional(T.String()),
  fix: T.String({ description: 'What to change before filing' }),
});
const LineResult = T.Object({
  line: T.Integer({ description: '1-based line of the uploaded file (CSV: the first row of the filing)' }),
  type: T.String({ description: 'filing, amendment, arrival, cancellation, or invalid' }),
  id: T.Union([T.String(), T.Null()]),
  findings: T.Array(Finding),
  eligibility: T.Union([
    T.Object({
      outcome: T.String(),
      code: T.Union([T.String(), T.Null()]),
      detail: T.String(),
      fix: T.Union([T.String(), T.Null()]),
    }),
    T.Null(),
  ]),
  refusal: T.Union([T.Object({ code: T.String(), message: T.String() }), T.Null()], {
    description: 'Why the API would refuse the record from this key, before screening it',
  }),
});
export const PrecheckReply = T.Object({
  summary: T.Object({
    records: T.Integer(),
    clean: T.Integer({ description: 'Records with no finding, eligible, and not refused' }),
    rejects: T.Integer({ description: 'Records with a finding that ACE would reject' }),
    warnings: T.Integer(),
    ineligible: T.Integer(),
    refused: T.Integer(),
  }),
  lines: T.Array(LineResult),
});
type LineResult = typeof LineResult.static;

const PrecheckBody = T.String({
  description:
    'The manifest file as it would be filed: NDJSON (Content-Type application/x-ndjson) or CSV (text/csv, ' +
    'one row per line item, columns named by path). Nothing is stored.',
});

/**
 * POST /v1/precheck — the stateless screening stage (schema, data quality, eligibility at the shipment's
 * instant) on an uploaded file, with every finding's fix. It never reaches the writer: nothing is stored,
 * and the $800 check, which needs the day's other filings, is not run.
 */
export function registerPrecheckRoute(app: FastifyInstance, ctx: Context, policy: Policy): void {
  void app.register(async (scope) => {
    // Only this route takes CSV; the rest of the API keeps refusing it.
    scope.addContentTypeParser('text/csv', (_req, payload, done) => done(null, payload));
    scope.post(
      '/v1/precheck',
      {
        schema: {
          summary: 'Pre-check a manifest file: every finding per line with its fix, without filing',
          tags: ['console'],
          consumes: ['application/x-ndjson', 'text/csv'],
          body: PrecheckBody,
          response: { 200: PrecheckReply, ...errors(403, 413, 415) },
        },
        validatorCompiler: () => (data: unknown) => ({ value: data }),
      },
      async (req, reply) => {
        const who = req.principal!;
        const denied = requireRole(who, 'filer', 'officer', 'analyst');
        if (denied !== undefined) return sendError(reply, denied);
        if (!(req.body instanceof Readable))
          return sendError(
            reply,
            apiError('UNSUPPORTED_MEDIA_TYPE', 'send the file as application/x-ndjson or text/csv'),
          );
        const body = await readCapped(req.body, PRECHECK_BYTES);
        if (body === undefined)
          return sendError(
            reply,
            apiError('BODY_TOO_LARGE', `a pre-check file is at most ${PRECHECK_BYTES} bytes`),
          );
        const csv = (req.headers['content-type'] ?? '').startsWith('text/csv');
        return precheck(ctx, policy, who, body, csv);
      },
    );
  });
}

async function readCapped(stream: Readable, max: number): Promise<Buffer | undefined> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > max) {
      stream.destroy();
      return undefined;
    }
    parts.push(chunk as Buffer);
  }
  return Buffer.concat(parts);
}

async function precheck(ctx: Context, policy: Policy, who: Principal, body: Buffer, csv: boolean) {
  // The file readers are the ones `minimis screen` uses, so a pre-check reads a file exactly as filing it would.
  const dir = await mkdtemp(join(tmpdir(), 'minimis-precheck-'));
  const lines: LineResult[] = [];
  try {
    const path = join(dir, csv ? 'upload.csv' : 'upload.ndjson');
    await writeFile(path, body);
    for await (const item of readRecords(path, csv ? 'csv' : 'ndjson')) {
      const p =
        item.error === undefined
          ? prepare(item.value, item.line, ctx.ref, item.text)
          : ({ type: 'invalid', line: item.line, findings: [item.error], id: undefined } as const);
      const findings = (
        p.type === 'filing' || p.type === 'amendment' || p.type === 'invalid' ? p.findings : []
      ).map((f) => ({
        code: f.code,
        severity: f.severity,
        path: f.path,
        message: f.message,
        ...(f.aceCode === undefined ? {} : { aceCode: f.aceCode }),
        fix: fixFor(f.code),
      }));
      let eligibility: LineResult['eligibility'] = null;
      let refusal: LineResult['refusal'] = null;
      if (p.type === 'filing' || p.type === 'amendment') {
        const edaMs = parseInstant(
          (() => {
            const v = item.value as { estimatedArrival?: string | string[] };
            return (Array.isArray(v.estimatedArrival) ? v.estimatedArrival[0] : v.estimatedArrival) ?? '';
          })(),
        );
        const at = Number.isNaN(edaMs) ? p.filedAtMs : edaMs;
        const e = Number.isNaN(at) ? undefined : policy.eligibility?.(p.facts, at);
        if (e !== undefined)
          eligibility = {
            outcome: e.outcome,
            code: e.code ?? null,
            detail: e.steps.find((s) => s.result === 'fail')?.detail ?? e.steps.at(-1)?.detail ?? '',
            fix: e.code !== undefined && e.code in FINDINGS ? fixFor(e.code as FindingCode) : null,
          };
        if (who.role === 'filer' && p.filer !== who.org)
          refusal = { code: 'FORBIDDEN', message: `this key files for ${who.org}, not ${p.filer}` };
      }
      lines.push({
        line: p.line,
        type: p.type,
        id: p.type === 'arrival' ? null : (p.id ?? null),
        findings,
        eligibility,
        refusal,
      });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const ineligible = (l: LineResult) =>
    l.eligibility !== null && l.eligibility.outcome !== 'eligible' && l.eligibility.outcome !== 'not-claimed';
  return {
    summary: {
      records: lines.length,
      clean: lines.filter((l) => l.findings.length === 0 && !ineligible(l) && l.refusal === null).length,
      rejects: lines.filter((l) => l.findings.some((f) => f.severity === 'reject')).length,
      warnings: lines.filter((l) => l.findings.some((f) => f.severity === 'warn')).length,
      ineligible: lines.filter(ineligible).length,
      refused: lines.filter((l) => l.refusal !== null).length,
    },
    lines,
  };
}
