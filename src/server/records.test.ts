import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aServer, filingOf, type Harness } from './test-support/harness.js';

let h: Harness;
let flr: string;
beforeEach(async () => {
  h = await aServer();
  flr = h.key('FLR1');
});
afterEach(() => h.close());

const post = (body: unknown, key = flr) => h.call(key, 'POST', '/v1/filings', body);
const postText = (text: string, contentType = 'application/json') =>
  h.app.inject({
    method: 'POST',
    url: '/v1/filings',
    headers: { authorization: `Bearer ${flr}`, 'content-type': contentType },
    payload: text,
  });

describe('POST /v1/filings', () => {
  it('screens a filing, answers 201 with its decision once stored, and 200 for the same version again', async () => {
    const r = await post(filingOf('FLR1', 'F1'));
    expect(r.statusCode).toBe(201);
    expect(r.json().decision).toMatchObject({
      filingId: 'F1',
      version: 1,
      status: 'accepted',
      filer: 'FLR1',
    });
    expect(h.store.decisionHistory('F1')).toHaveLength(1);
    const again = await post(filingOf('FLR1', 'F1'));
    expect(again.statusCode).toBe(200);
    expect(again.json().decision).toEqual(r.json().decision);
    expect(h.store.count('filing_versions')).toBe(1);
  });

  it('stores a filing with data errors as a rejected decision, not an HTTP error', async () => {
    const r = await post(filingOf('FLR1', 'F1', { estimatedArrival: undefined }));
    expect(r.statusCode).toBe(201);
    expect(r.json().decision).toMatchObject({ status: 'rejected', codes: expect.arrayContaining(['282']) });
  });

  it('amends to a higher version, and refuses a lower one with 409 VERSION_NOT_HIGHER at /version', async () => {
    await post(filingOf('FLR1', 'F1'));
    const amended = await post({
      ...filingOf('FLR1', 'F1', { declaredValue: 30 }),
      type: 'amendment',
      version: 3,
    });
    expect(amended.statusCode).toBe(201);
    expect(amended.json().decision).toMatchObject({ version: 3, valueUsd: 30 });
    const lower = await post({ ...filingOf('FLR1', 'F1'), type: 'amendment', version: 2 });
    expect(lower.statusCode).toBe(409);
    expect(lower.json()).toEqual({
      error: { code: 'VERSION_NOT_HIGHER', message: expect.any(String), path: '/version' },
    });
    const same = await post({
      ...filingOf('FLR1', 'F1', { declaredValue: 31 }),
      type: 'amendment',
      version: 3,
    });
    expect(same.json().error.code).toBe('VERSION_CONFLICT');
  });

  it('cancels a filing, and answers 404 CANCEL_UNKNOWN_FILING for an unknown one', async () => {
    await post(filingOf('FLR1', 'F1'));
    const c = await post({ type: 'cancellation', id: 'F1', version: 1 });
    expect(c.statusCode).toBe(200);
    expect(c.json().decision).toMatchObject({ status: 'cancelled' });
    const unknown = await post({ type: 'cancellation', id: 'NOPE', version: 1 });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatchObject({ code: 'CANCEL_UNKNOWN_FILING', path: '/id' });
  });

  it('records an arrival: decisions move to released and the filer is told how many changed', async () => {
    await post(filingOf('FLR1', 'F1'));
    await post(filingOf('FLR1', 'F2'));
    const a = await post({
      type: 'arrival',
      conveyanceId: 'CV-FLR1',
      arrivedAt: '2025-08-20T17:00:00Z',
      port: '4701',
    });
    expect(a.statusCode).toBe(200);
    expect(a.json()).toEqual({
      arrival: { conveyanceId: 'CV-FLR1', arrivedAt: '2025-08-20T17:00:00Z', port: '4701' },
      decisionsChanged: 2,
    });
    const d = await h.call(flr, 'GET', '/v1/filings/F1/decision');
    expect(d.json().decision).toMatchObject({ status: 'released', codes: ['1C'] });
    const conflict = await post({
      type: 'arrival',
      conveyanceId: 'CV-FLR1',
      arrivedAt: '2025-08-20T19:00:00Z',
      port: '4701',
    });
    expect(conflict.json().error.code).toBe('ARRIVAL_CONFLICT');
    const bad = await post({
      type: 'arrival',
      conveyanceId: 'CV-FLR1',
      arrivedAt: '2025-02-30T17:00:00Z',
      port: '4701',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'INSTANT_INVALID', path: '/arrivedAt' });
  });

  it('withholds with 4M at arrival once the consignee passes $800 and says so in the messages feed', async () => {
    await post(
      filingOf('FLR1', 'F1', {
        declaredValue: 500,
        lines: [{ ...filingOf('FLR1', 'x').lines[0]!, value: 500 }],
      }),
    );
    await post(
      filingOf('FLR1', 'F2', {
        declaredValue: 400,
        lines: [{ ...filingOf('FLR1', 'x').lines[0]!, value: 400 }],
      }),
    );
    await post({ type: 'arrival', conveyanceId: 'CV-FLR1', arrivedAt: '2025-08-20T17:00:00Z', port: '4701' });
    const d = await h.call(flr, 'GET', '/v1/filings/F2/decision');
    expect(d.json().decision).toMatchObject({ status: 'withheld', codes: expect.arrayContaining(['4M']) });
    const m = await h.call(flr, 'GET', '/v1/messages');
    const codes = m.json().messages.map((x: { code: string }) => x.code);
    expect(codes).toContain('4M');
    const page = await h.call(flr, 'GET', `/v1/messages?limit=1&after=${m.json().messages[0].id}`);
    expect(page.json().messages).toHaveLength(1);
    expect(page.json().messages[0].id).toBe(m.json().messages[1].id);
  });
});

describe('bad input: a 4xx with a stable code and the field path, never a stack trace', () => {
  it('wrong types and unknown fields: SCHEMA_INVALID / UNKNOWN_FIELD with the path from the validator', async () => {
    const r = await post({ ...filingOf('FLR1', 'F1'), grossWeightKg: 'heavy' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'SCHEMA_INVALID', path: '/grossWeightKg' });
    const nested = await post(
      filingOf('FLR1', 'F1', { lines: [{ ...filingOf('FLR1', 'x').lines[0]!, hts: 12 as never }] }),
    );
    expect(nested.json().error).toMatchObject({ code: 'SCHEMA_INVALID', path: '/lines/0/hts' });
    const extra = await post({ ...filingOf('FLR1', 'F1'), colour: 'red' });
    expect(extra.json().error).toMatchObject({ code: 'UNKNOWN_FIELD', path: '/colour' });
    const type = await post({ type: 'parcel' });
    expect(type.json().error).toMatchObject({ code: 'UNKNOWN_RECORD_TYPE', path: '/type' });
    expect(h.store.count('filing_state')).toBe(0);
  });

  it('malformed JSON: 400 JSON_MALFORMED; empty body too', async () => {
    const r = await postText('{"type": "filing",');
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('JSON_MALFORMED');
    expect((await postText('')).json().error.code).toBe('JSON_MALFORMED');
  });

  it('a body over the limit: 413 BODY_TOO_LARGE', async () => {
    const r = await postText(`{"type":"filing","id":"${'x'.repeat(1024 * 1024)}"}`);
    expect(r.statusCode).toBe(413);
    expect(r.json().error.code).toBe('BODY_TOO_LARGE');
  });

  it('another media type: 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const r = await postText('type=filing', 'application/x-www-form-urlencoded');
    expect(r.statusCode).toBe(415);
    expect(r.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('query parameters of the wrong type: 400 SCHEMA_INVALID naming the parameter', async () => {
    const r = await h.call(flr, 'GET', '/v1/messages?limit=lots');
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'SCHEMA_INVALID', path: '/limit' });
    expect((await h.call(flr, 'GET', '/v1/messages?limit=5000')).json().error.path).toBe('/limit');
  });

  it('no key, a wrong key, a revoked key: 401 UNAUTHENTICATED; unknown routes: 404 NOT_FOUND', async () => {
    expect((await h.call(undefined, 'GET', '/v1/messages')).json().error.code).toBe('UNAUTHENTICATED');
    const wrong = await h.call('mm_nope', 'GET', '/v1/messages');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['www-authenticate']).toBe('Bearer');
    h.server.revokeKey(h.server.keyByHash((await import('./api-keys.js')).hashKey(flr))!.id, 'now');
    expect((await h.call(flr, 'GET', '/v1/messages')).statusCode).toBe(401);
    const admin = h.key('ops', 'admin');
    const nf = await h.call(admin, 'GET', '/v1/nothing');
    expect(nf.statusCode).toBe(404);
    expect(nf.json().error.code).toBe('NOT_FOUND');
  });

  it('an error thrown inside a handler: 500 INTERNAL with no message, stack or internals', async () => {
    const reported: unknown[] = [];
    const t = await aServer({ onError: (e) => reported.push(e) });
    t.app.get('/v1/boom', () => {
      throw new Error('SELECT secret FROM vault at /srv/minimis/src/x.ts:12');
    });
    const r = await t.call(t.key('FLR1'), 'GET', '/v1/boom');
    expect(r.statusCode).toBe(500);
    expect(r.json()).toEqual({ error: { code: 'INTERNAL', message: 'internal error; it has been logged' } });
    expect(r.body).not.toMatch(/secret|vault|\.ts|at /);
    expect(reported).toHaveLength(1);
    await t.close();
  });

  it('rate limits per key: 429 RATE_LIMITED with Retry-After, other keys unaffected', async () => {
    const t = await aServer({ limits: { ratePerSecond: 1, rateBurst: 3 }, clock: () => 1_000_000 });
    const a = t.key('FLR1');
    const b = t.key('FLR2');
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await t.call(a, 'GET', '/v1/messages')).statusCode);
    expect(codes).toEqual([200, 200, 200, 429, 429]);
    const limited = await t.call(a, 'GET', '/v1/messages');
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect(limited.headers['retry-after']).toBe('1');
    expect((await t.call(b, 'GET', '/v1/messages')).statusCode).toBe(200);
    await t.close();
  });
});

describe('reads', () => {
  it('GET decision and history: every version, oldest first; 404 for a filing never filed', async () => {
    await post(filingOf('FLR1', 'F1'));
    await post({ ...filingOf('FLR1', 'F1', { declaredValue: 30 }), type: 'amendment', version: 2 });
    const hist = await h.call(flr, 'GET', '/v1/filings/F1/history');
    expect(hist.json().decisions.map((d: { version: number }) => d.version)).toEqual([1, 2]);
    const d = await h.call(flr, 'GET', '/v1/filings/F1/decision');
    expect(d.json().decision.version).toBe(2);
    const nf = await h.call(flr, 'GET', '/v1/filings/NOPE/decision');
    expect(nf.statusCode).toBe(404);
    expect(nf.json().error.code).toBe('NOT_FOUND');
  });

  it('officers and analysts read any filing and any recipient’s messages; admins do not read filings', async () => {
    await post(
      filingOf('FLR1', 'F1', {
        declaredValue: 900,
        lines: [{ ...filingOf('FLR1', 'x').lines[0]!, value: 900 }],
      }),
    );
    for (const role of ['officer', 'analyst'] as const) {
      const k = h.key('CBP', role);
      expect((await h.call(k, 'GET', '/v1/filings/F1/decision')).statusCode).toBe(200);
      const m = await h.call(k, 'GET', '/v1/messages?recipient=FLR1');
      expect(m.json().messages.length).toBeGreaterThan(0);
    }
    const admin = h.key('ops', 'admin');
    expect((await h.call(admin, 'GET', '/v1/filings/F1/decision')).json().error.code).toBe('FORBIDDEN');
  });

  it('analysts and admins may not submit; officers record arrivals only', async () => {
    for (const role of ['analyst', 'admin', 'officer'] as const) {
      const r = await post(filingOf('FLR1', 'X1'), h.key('CBP', role));
      expect(r.statusCode).toBe(403);
      expect(r.json().error.code).toBe('FORBIDDEN');
    }
    await post(filingOf('FLR1', 'F1'));
    const officer = h.key('CBP', 'officer');
    const a = await post(
      { type: 'arrival', conveyanceId: 'CV-FLR1', arrivedAt: '2025-08-20T17:00:00Z', port: '4701' },
      officer,
    );
    expect(a.json().decisionsChanged).toBe(1);
  });
});

describe('OpenAPI and docs', () => {
  it('serves an OpenAPI 3 document whose request schemas are the validating ones', async () => {
    const r = await h.call(undefined, 'GET', '/openapi.json');
    expect(r.statusCode).toBe(200);
    const doc = r.json();
    expect(doc.openapi).toMatch(/^3\./);
    const body = doc.paths['/v1/filings'].post.requestBody.content['application/json'].schema;
    // OpenAPI 3.0 has no `const`: @fastify/swagger writes it as a one-value enum.
    type Literal = { properties: { type: { const?: string; enum?: string[] } } };
    expect(body.anyOf.map((s: Literal) => s.properties.type.const ?? s.properties.type.enum?.[0])).toEqual([
      'filing',
      'amendment',
      'arrival',
      'cancellation',
    ]);
    expect(body.anyOf[0].additionalProperties).toBe(false);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/filings:batch',
        '/v1/filings/{id}/decision',
        '/v1/messages',
        '/v1/webhooks',
      ]),
    );
    expect(doc.paths['/v1/filings'].post.responses['409']).toBeDefined();
  });

  it('serves the interactive docs and their assets itself', async () => {
    const page = await h.call(undefined, 'GET', '/docs/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger-ui');
    expect(page.body).not.toMatch(/https?:\/\/(cdn|unpkg)/);
    const js = await h.call(undefined, 'GET', '/docs/static/swagger-ui-bundle.js');
    expect(js.statusCode).toBe(200);
    expect(js.body.length).toBeGreaterThan(100_000);
  });
});
