import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { openPgServeStorage } from '../adapters/storage/postgres/pg-serve-storage.js';
import { PG_URL } from '../adapters/storage/postgres/test-support/pg-test-db.js';
import type { ServeStorage } from '../adapters/storage/serve-storage.js';
import { defaultPolicy } from '../core/policy/index.js';
import { aReferenceData } from '../core/validation/test-support/reference-builder.js';
import { buildServer } from './build-server.js';
import { aPgServer, filingOf, pgReachable } from './test-support/harness.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verify } from './webhook-dispatcher.js';

// Two servers on one PostgreSQL schema (two processes, as far as the store can tell): messages committed
// through either are delivered to the webhook once each, in order, by whichever holds the delivery lease.
const reachable = await pgReachable();
const closing: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of closing.reverse()) await c();
});

describe.skipIf(!reachable)('webhooks on PostgreSQL with two servers', () => {
  it('deliver every message once, signed, whichever server committed it', async () => {
    const got: { body: string; headers: Record<string, string | string[] | undefined> }[] = [];
    const rx: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        got.push({ body, headers: req.headers });
        res.end();
      });
    });
    await new Promise<void>((r) => rx.listen(0, '127.0.0.1', r));
    closing.push(() => new Promise((r) => rx.close(r)));
    const url = `http://127.0.0.1:${(rx.address() as AddressInfo).port}/hook`;

    const webhooks = { pollMs: 30, baseDelayMs: 30 };
    const a = await aPgServer({ webhooks });
    closing.push(() => a.close());
    const storage: ServeStorage = await openPgServeStorage(PG_URL, { schema: a.schema, maxConnections: 3 });
    const b: FastifyInstance = await buildServer({
      policy: defaultPolicy,
      ref: aReferenceData(),
      storage,
      limits: { groupMs: 1 },
      webhooks,
    });
    closing.push(async () => {
      await b.close();
      await storage.close();
    });
    await b.ready();

    const key = a.key('FLR1');
    const created = await a.call(key, 'POST', '/v1/webhooks', { url });
    expect(created.statusCode).toBe(201);
    const { webhook, secret } = created.json();
    // Filings without an estimated arrival are rejected: one message each, half through each server.
    for (let i = 0; i < 20; i++) {
      const body = filingOf('FLR1', `R${i}`, { estimatedArrival: undefined, broker: undefined });
      const r =
        i % 2 === 0
          ? await a.call(key, 'POST', '/v1/filings', body)
          : await b.inject({
              method: 'POST',
              url: '/v1/filings',
              headers: { authorization: `Bearer ${key}` },
              payload: body,
            });
      expect(r.statusCode).toBe(201);
    }
    const messages = (await a.call(key, 'GET', '/v1/messages?limit=1000')).json().messages as {
      id: number;
    }[];
    expect(messages).toHaveLength(20);
    const end = Date.now() + 10_000;
    const delivered = () =>
      got.flatMap((g) => (JSON.parse(g.body) as { messages: { id: number }[] }).messages.map((m) => m.id));
    while (delivered().length < 20 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 200));
    expect(delivered()).toEqual(messages.map((m) => m.id));
    for (const g of got)
      expect(
        verify(secret, String(g.headers[TIMESTAMP_HEADER]), g.body, String(g.headers[SIGNATURE_HEADER])),
      ).toBe(true);
    const list = (await a.call(key, 'GET', `/v1/webhooks/${webhook.id}/deliveries`)).json().deliveries;
    expect(list.every((d: { state: string }) => d.state === 'delivered')).toBe(true);
  });
});
