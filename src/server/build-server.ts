import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { ServeStorage } from '../adapters/storage/serve-storage.js';
import type { ServerStore } from '../adapters/storage/sqlite/server-store.js';
import { sqliteServeStorage } from '../adapters/storage/sqlite/sqlite-serve-storage.js';
import type { SqliteStore } from '../adapters/storage/sqlite/sqlite-store.js';
import type { Policy } from '../core/policy/index.js';
import type { ReferenceData } from '../core/refdata/reference-data.js';
import type { Targeting } from '../core/screen/targeting.js';
import type { RefFiles } from '../ingest/prepare-pool.js';
import { Authenticator, keyOf, type Principal } from './api-keys.js';
import { caseFinish } from './cases.js';
import { type Context, DEFAULT_LIMITS, type Limits } from './context.js';
import { ApiProblem, apiError, ERROR_CODES, sendError } from './errors.js';
import { GroupWriter } from './group-writer.js';
import { LivePolicy } from './live-policy.js';
import { PrepareStage } from './prepare-stage.js';
import { RateLimiter } from './rate-limit.js';
import { registerAdminRoutes } from './routes-admin.js';
import { registerBatchRoute } from './routes-batch.js';
import { registerCaseRoutes } from './routes-cases.js';
import { registerConsoleRoutes } from './routes-console.js';
import { registerReadRoutes } from './routes-reads.js';
import { registerRecordRoute } from './routes-records.js';
import { registerScorecardRoutes } from './routes-scorecards.js';
import { registerSuspensionRoutes } from './routes-suspensions.js';
import { registerWebhookRoutes } from './routes-webhooks.js';
import { SuspensionService } from './suspensions.js';
import { validatorCompiler } from './validation.js';
import { DEFAULT_WEBHOOKS, WebhookDispatcher, type WebhookOptions } from './webhook-dispatcher.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller; set for every route that is not public. */
    principal: Principal | null;
    /** A JSON body as it was sent: what the store keeps as filed. */
    rawBody: string | undefined;
  }
  interface FastifyContextConfig {
    /** No key needed (OpenAPI document, docs, health). */
    public?: boolean;
  }
}

export interface ServerOptions {
  /** The embedded store; or `storage` (PostgreSQL, or any). One of them is needed. */
  readonly store?: SqliteStore;
  readonly storage?: ServeStorage;
  readonly policy: Policy;
  readonly ref: ReferenceData;
  /** Risk rules and lanes; `ref.riskRules` must be the same rule set. Without it decisions carry no lane. */
  readonly targeting?: Targeting;
  /** With `store`: the SQL of keys, audit log and webhooks to use (by default one on `store`). */
  readonly keys?: ServerStore;
  /** Wall clock for audit rows, key and webhook times and retry schedules (ms since the epoch). */
  readonly clock?: () => number;
  readonly limits?: Partial<Limits>;
  readonly webhooks?: Partial<WebhookOptions>;
  /**
   * Worker threads for the stateless stage (default 0: on the server's thread), loading their reference
   * data from `refFiles`, which must be the files `ref` was loaded from.
   */
  readonly workers?: number;
  readonly refFiles?: RefFiles;
  /** Where unexpected errors are reported (never to the client); default stderr. */
  readonly onError?: (e: unknown) => void;
}

/**
 * The HTTP API over one store. The store must stay open until the app is closed; closing the app commits
 * what is pending and stops webhook deliveries.
 */
export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const limits: Limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const now = opts.clock ?? Date.now;
  const storage =
    opts.storage ??
    (opts.store === undefined
      ? undefined
      : sqliteServeStorage(opts.store, ...(opts.keys === undefined ? [] : [opts.keys])));
  if (storage === undefined) throw new Error('buildServer: a store or a storage is needed');
  const data = storage.data;
  const report = opts.onError ?? ((e: unknown) => process.stderr.write(`minimis serve: ${String(e)}\n`));
  const dispatcher = new WebhookDispatcher(data, now, { ...DEFAULT_WEBHOOKS, ...opts.webhooks });
  const policy = new LivePolicy(opts.policy);
  const suspensions = new SuspensionService(policy);
  // Restores the engine, and the recorded suspensions into the policy before the engine reads it.
  const ordered = await storage.ordered(policy.engine, opts.ref, suspensions, opts.targeting);
  const writer = new GroupWriter(ordered, {
    groupMs: limits.groupMs,
    maxGroup: limits.maxGroup,
    now,
    onMessages: () => dispatcher.wake(),
    onFailure: report,
    finish: caseFinish(policy),
  });
  const stage =
    (opts.workers ?? 0) > 0 && opts.refFiles !== undefined
      ? new PrepareStage(opts.workers!, opts.refFiles)
      : undefined;
  // Several processes share a PostgreSQL store: a key is looked up at most once a second per process.
  const auth = new Authenticator(data, storage.kind === 'postgres' ? 1000 : 0, now);
  const ctx: Context = {
    ...(stage === undefined ? {} : { stage }),
    data,
    reads: storage.reads,
    auth,
    writer,
    ref: opts.ref,
    dispatcher,
    policy,
    suspensions,
    limits,
    now,
    report,
  };

  const app = Fastify({ logger: false, bodyLimit: limits.bodyBytes, return503OnClosing: true });
  app.setValidatorCompiler(validatorCompiler);
  // Response schemas document the API; replies are plain JSON.stringify, so nothing is silently dropped.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.decorateRequest('principal', null);
  app.decorateRequest('rawBody', undefined);

  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = body as string;
    req.rawBody = text;
    try {
      done(null, JSON.parse(text));
    } catch (e) {
      const why = e instanceof SyntaxError ? `: ${e.message}` : '';
      done(new ApiProblem(apiError('JSON_MALFORMED', `the body is not valid JSON${why}`)), undefined);
    }
  });
  // A batch is read line by line as it arrives, never held whole.
  app.addContentTypeParser('application/x-ndjson', (_req, payload, done) => done(null, payload));

  app.setErrorHandler((err: FastifyError | ApiProblem, _req, reply) => {
    if (err instanceof ApiProblem) return sendError(reply, err.problem);
    switch (err.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendError(
          reply,
          apiError('BODY_TOO_LARGE', `the body is larger than ${limits.bodyBytes} bytes`),
        );
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendError(
          reply,
          apiError('UNSUPPORTED_MEDIA_TYPE', 'send application/json (batches: application/x-ndjson)'),
        );
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendError(reply, apiError('JSON_MALFORMED', 'the body is empty'));
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500)
      return sendError(reply, apiError('BAD_REQUEST', 'the request is not valid'));
    report(err);
    return sendError(reply, apiError('INTERNAL', 'internal error; it has been logged'));
  });
  app.setNotFoundHandler((req, reply) =>
    sendError(reply, apiError('NOT_FOUND', `no route ${req.method} ${req.url.split('?')[0]}`)),
  );

  const limiter = new RateLimiter(limits.ratePerSecond, limits.rateBurst);
  app.addHook('onRequest', async (req, reply) => {
    // The docs UI (its page and assets) is public like the document it shows.
    if (req.routeOptions.config?.public === true || req.routeOptions.url?.startsWith('/docs') === true)
      return;
    const key = keyOf(req.headers);
    const who = key === undefined ? undefined : await auth.principal(key);
    if (who === undefined) {
      reply.header('www-authenticate', 'Bearer');
      return sendError(
        reply,
        apiError(
          'UNAUTHENTICATED',
          key === undefined ? 'an API key is required' : 'unknown or revoked API key',
        ),
      );
    }
    const taken = limiter.take(who.keyId, now());
    if (!taken.ok) {
      reply.header('retry-after', String(Math.ceil(taken.retryAfterMs / 1000)));
      return sendError(
        reply,
        apiError('RATE_LIMITED', `too many requests; retry in ${taken.retryAfterMs} ms`),
      );
    }
    req.principal = who;
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'minimis',
        version: '1',
        description:
          'Screens U.S. Section 321 de minimis filings the way ACE does. Every error is ' +
          `{ "error": { "code", "message", "path"?, "line"? } } with a stable code: ${ERROR_CODES.join(', ')}.`,
      },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
      security: [{ apiKey: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { url: '/openapi.json' } });
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, () => app.swagger());
  app.get('/v1/health', { config: { public: true }, schema: { hide: true } }, () => ({ ok: true }));

  registerRecordRoute(app, ctx);
  registerBatchRoute(app, ctx);
  registerReadRoutes(app, ctx);
  registerWebhookRoutes(app, ctx);
  registerAdminRoutes(app, ctx);
  registerConsoleRoutes(app, ctx, opts.policy);
  registerCaseRoutes(app, ctx);
  registerScorecardRoutes(app, ctx);
  registerSuspensionRoutes(app, ctx);

  app.addHook('onReady', async () => dispatcher.start());
  app.addHook('onClose', async () => {
    await writer.flush();
    await dispatcher.stop();
    await stage?.close();
    await ordered.close();
  });
  return app;
}
