import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aServer, filingOf, type Harness } from './test-support/harness.js';

let h: Harness;
let flr: string;
let admin: string;
beforeEach(async () => {
  h = await aServer({ clock: () => Date.parse('2026-01-05T12:00:00Z') });
  flr = h.key('FLR1');
  admin = h.key('ops', 'admin');
});
afterEach(() => h.close());

describe('audit log', () => {
  it('records who did what to which target, when, with before and after, in the same transaction', async () => {
    await h.call(flr, 'POST', '/v1/filings', filingOf('FLR1', 'F1'));
    await h.call(flr, 'POST', '/v1/filings', {
      ...filingOf('FLR1', 'F1', { estimatedArrival: undefined }),
      type: 'amendment',
      version: 2,
    });
    await h.call(flr, 'POST', '/v1/filings', { ...filingOf('FLR1', 'F1'), type: 'amendment', version: 1 });
    await h.call(flr, 'POST', '/v1/webhooks', { url: 'http://127.0.0.1:9/h' });
    const created = await h.call(admin, 'POST', '/v1/keys', { org: 'FLR2', role: 'filer' });
    await h.call(admin, 'DELETE', `/v1/keys/${created.json().id}`);
    const r = await h.call(admin, 'GET', '/v1/audit?limit=100');
    const entries = r.json().entries.filter((e: { actor: string }) => e.actor !== 'test');
    const flrId = h.server.keys().find((k) => k.org === 'FLR1')!.id;
    expect(
      entries.map((e: Record<string, unknown>) => [e.actor, e.role, e.action, e.target, e.before, e.after]),
    ).toEqual([
      [`key:${flrId}`, 'filer', 'filing.submit', 'F1', null, { version: 1, status: 'accepted', codes: [] }],
      [
        `key:${flrId}`,
        'filer',
        'filing.amend',
        'F1',
        { version: 1, status: 'accepted', codes: [] },
        { version: 2, status: 'rejected', codes: ['282'] },
      ],
      [
        `key:${flrId}`,
        'filer',
        'filing.amend',
        'F1',
        { version: 2, status: 'rejected', codes: ['282'] },
        { refused: 'VERSION_NOT_HIGHER' },
      ],
      [
        `key:${flrId}`,
        'filer',
        'webhook.create',
        'webhook:1',
        null,
        { id: 1, org: 'FLR1', url: 'http://127.0.0.1:9/h' },
      ],
      [
        expect.stringMatching(/^key:/),
        'admin',
        'key.create',
        `key:${created.json().id}`,
        null,
        expect.objectContaining({ org: 'FLR2' }),
      ],
      [
        expect.stringMatching(/^key:/),
        'admin',
        'key.revoke',
        `key:${created.json().id}`,
        { revokedAt: null },
        { revokedAt: '2026-01-05T12:00:00.000Z' },
      ],
    ]);
    expect(entries.every((e: { at: string }) => e.at === '2026-01-05T12:00:00.000Z')).toBe(true);
    expect(r.json().next).toBe(r.json().entries.at(-1).id);
  });

  it('is append-only: the database refuses to change or delete an entry', async () => {
    await h.call(flr, 'POST', '/v1/filings', filingOf('FLR1', 'F1'));
    expect(() => h.store.db.prepare("UPDATE audit_log SET actor = 'someone else'").run()).toThrow(
      /append-only/,
    );
    expect(() => h.store.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('keys are stored as sha256 hashes, never as given', async () => {
    const rows = h.store.db.prepare('SELECT hash FROM api_keys').all() as { hash: string }[];
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.hash))).toBe(true);
    const dump = JSON.stringify(h.store.db.prepare('SELECT * FROM api_keys').all());
    expect(dump).not.toContain(flr);
  });
});
