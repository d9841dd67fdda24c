import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aServer, filingOf, type Harness } from './test-support/harness.js';

let h: Harness;
let flr: string;
beforeEach(async () => {
  h = await aServer({ limits: { batchBytes: 64 * 1024, bodyBytes: 8 * 1024 } });
  flr = h.key('FLR1');
});
afterEach(() => h.close());

const batch = (payload: string | PassThrough, headers: Record<string, string> = {}) =>
  h.app.inject({
    method: 'POST',
    url: '/v1/filings:batch',
    headers: { authorization: `Bearer ${flr}`, 'content-type': 'application/x-ndjson', ...headers },
    payload,
  });
const results = (body: string) =>
  body
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

describe('POST /v1/filings:batch', () => {
  it('answers one result per line, in order, with line numbers; bad lines do not stop the rest', async () => {
    const lines = [
      JSON.stringify(filingOf('FLR1', 'F1')),
      '',
      '{"type": "filing", ',
      JSON.stringify({ ...filingOf('FLR1', 'F2'), weight: 1 }),
      JSON.stringify(filingOf('FLR1', 'F3')),
      JSON.stringify({
        type: 'arrival',
        conveyanceId: 'CV-FLR1',
        arrivedAt: '2025-08-20T17:00:00Z',
        port: '4701',
      }),
      JSON.stringify({ type: 'cancellation', id: 'F9', version: 1 }),
    ];
    const r = await batch(`${lines.join('\n')}\n`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(results(r.body)).toEqual([
      { line: 1, ok: true, type: 'filing', id: 'F1', version: 1, status: 'accepted', codes: [] },
      { line: 3, ok: false, error: expect.objectContaining({ code: 'JSON_MALFORMED' }) },
      { line: 4, ok: false, error: expect.objectContaining({ code: 'UNKNOWN_FIELD', path: '/weight' }) },
      { line: 5, ok: true, type: 'filing', id: 'F3', version: 1, status: 'accepted', codes: [] },
      { line: 6, ok: true, type: 'arrival', conveyanceId: 'CV-FLR1', decisionsChanged: 2 },
      { line: 7, ok: false, error: expect.objectContaining({ code: 'CANCEL_UNKNOWN_FILING' }) },
      { summary: { lines: 7, ok: 3, failed: 3 } },
    ]);
    expect(h.store.decisionHistory('F3')[0]?.status).toBe('released');
  });

  it('reads the body as it streams in and handles a last line without a newline', async () => {
    const body = new PassThrough();
    const reply = batch(body);
    for (let i = 1; i <= 50; i++) {
      const text = `${JSON.stringify(filingOf('FLR1', `S${i}`))}${i < 50 ? '\n' : ''}`;
      // Split records across chunks, as a network would.
      body.write(text.slice(0, 7));
      body.write(text.slice(7));
    }
    body.end();
    const out = results((await reply).body);
    expect(out.at(-1)).toEqual({ summary: { lines: 50, ok: 50, failed: 0 } });
    expect(h.store.count('filing_state')).toBe(50);
  });

  it('a body over the batch limit: 413 up front when declared, else a BODY_TOO_LARGE line after what was stored', async () => {
    const line = `${JSON.stringify(filingOf('FLR1', 'L1'))}\n`;
    const declared = await batch(line, { 'content-length': String(1024 * 1024) });
    expect(declared.statusCode).toBe(413);
    expect(declared.json().error.code).toBe('BODY_TOO_LARGE');

    const body = new PassThrough();
    const reply = batch(body);
    let n = 0;
    for (let bytes = 0; bytes < 80 * 1024; bytes += line.length)
      body.write(`${JSON.stringify(filingOf('FLR1', `L${++n}`))}\n`);
    body.end();
    const out = results((await reply).body);
    const last = out.at(-1);
    expect(last.error).toMatchObject({ code: 'BODY_TOO_LARGE' });
    expect(last.summary.ok).toBeGreaterThan(0);
    expect(last.summary.ok).toBeLessThan(n);
    // Every line answered ok is stored; nothing after the limit is.
    expect(h.store.count('filing_state')).toBe(last.summary.ok);
  });

  it('a line longer than the single-body limit stops the batch with BODY_TOO_LARGE and its line number', async () => {
    const r = await batch(
      `${JSON.stringify(filingOf('FLR1', 'OK1'))}\n{"type":"filing","id":"${'x'.repeat(10_000)}"}\n`,
    );
    const out = results(r.body);
    expect(out[0]).toMatchObject({ line: 1, ok: true });
    expect(out.at(-1).error).toMatchObject({ code: 'BODY_TOO_LARGE', line: 2 });
  });

  it('refuses a JSON body: 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const r = await h.call(flr, 'POST', '/v1/filings:batch', [filingOf('FLR1', 'J1')]);
    expect(r.statusCode).toBe(415);
    expect(r.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});
