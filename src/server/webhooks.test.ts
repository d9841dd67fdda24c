import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { aServer, filingOf, type Harness } from './test-support/harness.js';
import { backoffMs, SIGNATURE_HEADER, TIMESTAMP_HEADER, verify } from './webhook-dispatcher.js';

interface Received {
  at: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A local receiver that answers 500 to the first `failures` requests, then 200. */
async function receiver(failures: number): Promise<{ url: string; got: Received[]; server: Server }> {
  const got: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      got.push({ at: Date.now(), body, headers: req.headers });
      res.statusCode = got.length <= failures ? 500 : 200;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, got, server };
}

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

let h: Harness | undefined;
let rx: Server | undefined;
afterEach(async () => {
  await h?.close();
  rx?.close();
});

const rejected = (id: string) => filingOf('FLR1', id, { estimatedArrival: undefined });

describe('webhooks', () => {
  it('delivers new messages signed with HMAC-SHA256 over timestamp.body, retrying with backoff until it succeeds', async () => {
    const r = await receiver(2);
    rx = r.server;
    h = await aServer({ webhooks: { baseDelayMs: 40, pollMs: 20, maxAttempts: 5 } });
    const key = h.key('FLR1');
    await h.call(key, 'POST', '/v1/filings', rejected('OLD1')); // before the webhook: not delivered
    const created = await h.call(key, 'POST', '/v1/webhooks', { url: r.url });
    expect(created.statusCode).toBe(201);
    const { webhook, secret } = created.json();
    expect(secret).toMatch(/^whsec_/);
    await h.call(key, 'POST', '/v1/filings', rejected('NEW1'));
    await until(() => r.got.length === 3);

    const bodies = r.got.map((g) => g.body);
    expect(new Set(bodies).size).toBe(1); // the same delivery, retried
    const payload = JSON.parse(bodies[0]!);
    expect(payload.messages.map((m: { filingId: string }) => m.filingId)).toEqual(['NEW1']);
    expect(payload.messages[0]).toMatchObject({ recipient: 'FLR1', code: 'REJECTED' });
    for (const g of r.got) {
      const ts = g.headers[TIMESTAMP_HEADER] as string;
      expect(verify(secret, ts, g.body, g.headers[SIGNATURE_HEADER] as string)).toBe(true);
      expect(verify(secret, ts, `${g.body} `, g.headers[SIGNATURE_HEADER] as string)).toBe(false);
      expect(verify('whsec_other', ts, g.body, g.headers[SIGNATURE_HEADER] as string)).toBe(false);
    }
    // Exponential backoff: the second retry waits about twice as long as the first.
    const gap1 = r.got[1]!.at - r.got[0]!.at;
    const gap2 = r.got[2]!.at - r.got[1]!.at;
    expect(gap1).toBeGreaterThanOrEqual(35);
    expect(gap2).toBeGreaterThanOrEqual(75);

    await until(() => h!.server.deliveries(webhook.id, 'delivered', 10).length === 1);
    const list = await h.call(key, 'GET', `/v1/webhooks/${webhook.id}/deliveries`);
    expect(list.json().deliveries).toEqual([
      expect.objectContaining({ state: 'delivered', attempts: 3, lastStatus: 200, lastError: null }),
    ]);
  });

  it('dead-letters a delivery after the last attempt and goes on with the next one', async () => {
    const r = await receiver(3);
    rx = r.server;
    h = await aServer({ webhooks: { baseDelayMs: 10, pollMs: 20, maxAttempts: 3 } });
    const key = h.key('FLR1');
    const { webhook } = (await h.call(key, 'POST', '/v1/webhooks', { url: r.url })).json();
    await h.call(key, 'POST', '/v1/filings', rejected('D1'));
    await until(() => h!.server.deliveries(webhook.id, 'dead', 10).length === 1);
    const dead = (await h.call(key, 'GET', `/v1/webhooks/${webhook.id}/deliveries?state=dead`)).json()
      .deliveries;
    expect(dead).toEqual([
      expect.objectContaining({ state: 'dead', attempts: 3, lastStatus: 500, lastError: 'HTTP 500' }),
    ]);
    await h.call(key, 'POST', '/v1/filings', rejected('D2'));
    await until(() => h!.server.deliveries(webhook.id, 'delivered', 10).length === 1);
    expect(JSON.parse(r.got.at(-1)!.body).messages[0].filingId).toBe('D2');
  });

  it('backoff doubles from the base up to the cap', () => {
    const o = { baseDelayMs: 1000, maxDelayMs: 5000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(n, o))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });
});
