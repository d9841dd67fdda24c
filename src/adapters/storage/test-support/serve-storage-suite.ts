import { afterEach, describe, expect, it } from 'vitest';
import type { Case, CaseEvent } from '../../../core/cases/index.js';
import type { Decision } from '../../../core/decision/index.js';
import type { Filing } from '../../../core/filing/schema.js';
import { defaultPolicy } from '../../../core/policy/index.js';
import { scorecard } from '../../../core/scorecards/index.js';
import { prepare } from '../../../core/screen/index.js';
import type { SuspensionPeriod } from '../../../core/suspensions/index.js';
import { aConsignee, aFiling, aLine } from '../../../core/validation/test-support/filing-builder.js';
import { aReferenceData } from '../../../core/validation/test-support/reference-builder.js';
import { type CommitWrites, noNeeds, type OrderedHooks, type OrderedStore } from '../ordered-store.js';
import { EffectBuffer } from '../screening-store.js';
import type { ServeStorage } from '../serve-storage.js';
import type { AuditEntry } from '../server-data.js';

const ref = aReferenceData();

/** Opens a storage on fresh, empty storage; `reopen` opens the same storage again (a restart). */
export interface ServeStorageFactory {
  fresh(): Promise<ServeStorage>;
  reopen(): Promise<ServeStorage>;
}

export function filing(id: string, value: number, overrides: Partial<Filing> = {}): Filing {
  return aFiling({ id, declaredValue: value, lines: [aLine({ value })], ...overrides });
}
const arrival = (conveyanceId = 'SX1234', arrivedAt = '2025-08-20T17:30:00Z') => ({
  type: 'arrival',
  conveyanceId,
  arrivedAt,
  port: '4701',
});

const audit = (action: string, target: string, at = '2026-01-02T10:00:00.000Z'): AuditEntry => ({
  at,
  actor: 'test',
  org: 'OPS',
  role: 'admin',
  action,
  target,
  before: null,
  after: { target },
});

/** Records the suspensions the store hands the engine. */
class Hooks implements OrderedHooks {
  loads: SuspensionPeriod[][] = [];
  replays: SuspensionPeriod[] = [];
  loaded(periods: readonly SuspensionPeriod[]): void {
    this.loads.push([...periods]);
  }
  replayed(period: SuspensionPeriod): void {
    this.replays.push(period);
  }
}

/** Applies records in one ordered commit, with extra writes; resolves with the engine's decisions. */
export async function commitRecords(
  o: OrderedStore,
  records: readonly object[],
  extra: (buf: EffectBuffer) => Partial<Omit<CommitWrites, 'effects'>> = () => ({}),
): Promise<Decision[]> {
  const buf = new EffectBuffer();
  await o.commit({
    needs: noNeeds,
    apply: (_view, engine) => {
      for (const [i, r] of records.entries()) {
        const p = prepare(r, i + 1, ref, JSON.stringify(r));
        if (p.type === 'invalid') throw new Error(JSON.stringify(p.findings));
        engine.apply(p, buf);
      }
      return noNeeds();
    },
    writes: () => ({
      effects: buf,
      audits: [],
      caseInserts: [],
      caseUpdates: [],
      decisionUpdates: [],
      suspensions: [],
      ...extra(buf),
    }),
  });
  return [...buf.decisions.values()];
}

const actor = { id: 'key:1', role: 'officer' as const, organization: 'CBP' };

function aCase(d: Decision, state: Case['state'] = 'open', seq = 1): Case {
  return {
    id: `${d.filingId}.v${d.version}`,
    filingId: d.filingId,
    filingVersion: d.version,
    filer: d.filer,
    broker: d.broker,
    origin: {
      filingId: d.filingId,
      version: d.version,
      status: d.status,
      codes: d.codes,
      filer: d.filer,
      broker: d.broker,
      valueUsd: d.valueUsd,
      decidedAt: d.decidedAt,
    },
    state,
    disposition: state === 'closed-seized' ? 'seized' : null,
    assignee: null,
    openedAt: '2025-08-20T18:00:00Z',
    updatedAt: '2025-08-20T18:00:00Z',
    closedAt: state === 'closed-seized' ? '2025-08-21T10:00:00Z' : null,
    documentRequests: [],
    exam: null,
    disputes: [],
    penalties: [],
    notes: [],
    seq,
  } as Case;
}

function anEvent(c: Case, seq: number, command: CaseEvent['command'], payload: object): CaseEvent {
  return {
    caseId: c.id,
    seq,
    at: '2025-08-21T10:00:00Z',
    actor,
    command,
    from: seq === 1 ? null : 'open',
    to: c.state,
    payload,
  } as CaseEvent;
}

const period = (filer: string, from: string, until: string | null = null): SuspensionPeriod =>
  ({
    filer,
    from,
    until,
    reason: { category: 'other', text: 'test' },
    remedialPlan: { summary: 'fix', actions: ['fix'], dueAt: null },
    suspendedBy: actor,
    suspendedAt: from,
    reinstatement: null,
  }) as unknown as SuspensionPeriod;

/**
 * What every `minimis serve` store must do, run against SQLite and PostgreSQL alike: keys and the audit
 * log, the ordered commit (records, cases, suspensions, a failed commit stores nothing), the reads of
 * decisions and messages, webhooks and deliveries, cases and scorecards, and the console's queries.
 */
export function serveStorageSuite(name: string, factory: ServeStorageFactory): void {
  describe(`${name} serve storage`, () => {
    const open: { s: ServeStorage; o?: OrderedStore }[] = [];
    const start = async (reopen = false) => {
      const s = await (reopen ? factory.reopen() : factory.fresh());
      const hooks = new Hooks();
      const o = await s.ordered(defaultPolicy, ref, hooks);
      open.push({ s, o });
      return { s, o, hooks, d: s.data, r: s.reads };
    };
    afterEach(async () => {
      for (const x of open.splice(0)) {
        await x.o?.close();
        await x.s.close();
      }
    });

    it('keys: stored by hash with their audit row, found until revoked, revoked once', async () => {
      const { d } = await start();
      const id = await d.createKey({ hash: 'h1', org: 'BRK001', role: 'filer', label: null, at: 'T1' }, (i) =>
        audit('key.create', `key:${i}`),
      );
      const id2 = await d.createKey({ hash: 'h2', org: 'CBP', role: 'officer', label: 'x', at: 'T2' }, (i) =>
        audit('key.create', `key:${i}`),
      );
      expect(id2).toBeGreaterThan(id);
      expect(await d.keyByHash('h1')).toEqual({
        id,
        org: 'BRK001',
        role: 'filer',
        label: null,
        createdAt: 'T1',
        revokedAt: null,
      });
      expect(await d.keyByHash('nope')).toBeUndefined();
      expect((await d.keys()).map((k) => k.id)).toEqual([id, id2]);
      expect(await d.revokeKey(id, 'T3', audit('key.revoke', `key:${id}`))).toBe(true);
      expect(await d.revokeKey(id, 'T4', audit('key.revoke', `key:${id}`))).toBe(false);
      expect(await d.keyByHash('h1')).toBeUndefined();
      expect((await d.key(id))?.revokedAt).toBe('T3');
      const log = await d.auditLog(0, 10);
      expect(log.map((a) => [a.action, a.target])).toEqual([
        ['key.create', `key:${id}`],
        ['key.create', `key:${id2}`],
        ['key.revoke', `key:${id}`],
      ]);
      expect(log[0]).toMatchObject({
        actor: 'test',
        org: 'OPS',
        before: null,
        after: { target: `key:${id}` },
      });
      expect(await d.auditLog(log[1]!.id, 10)).toEqual([log[2]]);
    });

    it('audit search: newest first, by family, actor and target, by time, paged by id', async () => {
      const { d } = await start();
      const at = (h: number) => `2026-01-02T${String(h).padStart(2, '0')}:00:00.000Z`;
      for (const [i, action] of ['key.create', 'key.revoke', 'case.open', 'keyring.x'].entries())
        await d.createKey({ hash: `h${i}`, org: 'O', role: 'admin', label: null, at: at(i) }, () =>
          audit(action, `t${i}`, at(10 + i)),
        );
      const all = await d.auditSearch({ limit: 10 });
      expect(all.map((a) => a.action)).toEqual(['keyring.x', 'case.open', 'key.revoke', 'key.create']);
      expect((await d.auditSearch({ action: 'key.', limit: 10 })).map((a) => a.action)).toEqual([
        'key.revoke',
        'key.create',
      ]);
      expect((await d.auditSearch({ action: 'case.open', limit: 10 })).map((a) => a.target)).toEqual(['t2']);
      expect((await d.auditSearch({ target: 't1', actor: 'test', org: 'OPS', limit: 10 })).length).toBe(1);
      expect((await d.auditSearch({ fromAt: at(11), toAt: at(13), limit: 10 })).map((a) => a.target)).toEqual(
        ['t2', 't1'],
      );
      const page = await d.auditSearch({ limit: 2 });
      expect((await d.auditSearch({ before: page[1]!.id, limit: 2 })).map((a) => a.target)).toEqual([
        't1',
        't0',
      ]);
    });

    it('ordered commit: records screened in order, decisions, history and messages read back', async () => {
      const { o, d } = await start();
      const broker = { code: 'BRK777', name: 'Other Brokerage', role: 'broker' as const };
      const first = await commitRecords(o, [
        filing('A1', 500, { broker }),
        filing('A2', 400, { broker, consignee: aConsignee({ name: 'J. Smith' }) }),
      ]);
      expect(first.map((x) => [x.filingId, x.status])).toEqual([
        ['A1', 'accepted'],
        ['A2', 'accepted'],
      ]);
      await commitRecords(o, [arrival()]);
      expect(JSON.parse((await d.currentDecisionText('A2'))!)).toMatchObject({
        status: 'withheld',
        codes: ['4M', 'AGG_MAY_EXCEED'],
        party: { totalUsd: 900 },
      });
      expect(await d.currentDecisionText('NOPE')).toBeUndefined();
      expect(await d.filingAccess('A1')).toEqual({
        version: 1,
        filer: 'BRK001',
        broker: 'BRK777',
        cancelled: false,
      });
      await commitRecords(o, [{ ...filing('A1', 450, { broker }), type: 'amendment', version: 2 }]);
      expect((await d.decisionHistory('A1')).map((x) => [x.version, x.status])).toEqual([
        [1, 'released'],
        [2, 'released'],
      ]);
      const toBroker = await d.messages('BRK777', 0, 100);
      expect(toBroker.map((m) => [m.filingId, m.code])).toContainEqual(['A2', '4M']);
      expect(toBroker.every((m) => m.recipient === 'BRK777')).toBe(true);
      const all = await d.messages(undefined, 0, 1000);
      expect(await d.messages(undefined, all.at(-1)!.id, 10)).toEqual([]);
      const one = await d.messages(undefined, 0, 1);
      expect(await d.messages(undefined, one[0]!.id, 1)).toEqual([all[1]]);
    });

    it('ordered commit: reads what it declared, as the store held it when the commit began', async () => {
      const { o } = await start();
      await commitRecords(o, [filing('V1', 100)]);
      let seen: unknown;
      await o.commit({
        needs: () => ({
          filings: ['V1', 'GHOST'],
          conveyances: [
            { conveyanceId: 'SX1234', org: 'BRK001' },
            { conveyanceId: 'SX1234', org: 'OTHER' },
          ],
          cases: ['V1.v1'],
          decisions: [
            { filingId: 'V1', version: null },
            { filingId: 'V1', version: 7 },
          ],
        }),
        apply: (view) => {
          seen = {
            v1: view.filing('V1'),
            ghost: view.filing('GHOST'),
            mine: view.onConveyance('SX1234', 'BRK001'),
            other: view.onConveyance('SX1234', 'OTHER'),
            case: view.caseById('V1.v1'),
            current: view.decision('V1', null)?.status,
            v7: view.decision('V1', 7),
          };
          expect(() => view.filing('UNDECLARED')).toThrow(/did not declare/);
          return noNeeds();
        },
        writes: () => ({
          effects: new EffectBuffer(),
          audits: [],
          caseInserts: [],
          caseUpdates: [],
          decisionUpdates: [],
          suspensions: [],
        }),
      });
      expect(seen).toEqual({
        v1: {
          version: 1,
          filer: 'BRK001',
          broker: null,
          cancelled: false,
          conveyanceId: 'SX1234',
          summary: { version: 1, status: 'accepted', codes: [] },
        },
        ghost: undefined,
        mine: true,
        other: false,
        case: undefined,
        current: 'accepted',
        v7: undefined,
      });
    });

    it('a failed commit stores nothing and the engine starts again from the store', async () => {
      const { o, d, hooks } = await start();
      await commitRecords(o, [filing('K1', 100)]);
      const loads = hooks.loads.length;
      await expect(
        commitRecords(o, [filing('K2', 100)], () => ({
          audits: [audit('x', 'y')],
          caseUpdates: [
            { case: aCase({ filingId: 'NONE', version: 1 } as Decision), expectedSeq: 1, events: [] },
          ],
        })),
      ).rejects.toThrow(/seq/);
      expect(await d.currentDecisionText('K2')).toBeUndefined();
      expect(await d.auditLog(0, 10)).toEqual([]);
      expect(hooks.loads.length).toBe(loads + 1);
      // The engine forgot K2: submitting it again screens it as new.
      expect((await commitRecords(o, [filing('K2', 100)])).map((x) => x.filingId)).toEqual(['K2']);
    });

    it('cases: inserted with the commit, updated only at the seq read, listed, with their events', async () => {
      const { o, d } = await start();
      const [a, b] = await commitRecords(o, [
        filing('C1', 100),
        filing('C2', 100, { filer: { code: 'FLR2', name: 'F2', role: 'broker' }, broker: undefined }),
      ]);
      const ca = aCase(a!);
      const cb = aCase(b!);
      await commitRecords(o, [], () => ({
        caseInserts: [
          { case: ca, lane: 'red', event: anEvent(ca, 1, 'open', { kind: 'open' }) },
          { case: cb, lane: null, event: anEvent(cb, 1, 'open', { kind: 'open' }) },
        ],
        audits: [audit('case.open', ca.id)],
      }));
      expect(await d.caseById(ca.id)).toEqual({ case: ca, lane: 'red' });
      expect(await d.caseById('NOPE')).toBeUndefined();
      const seized = aCase(a!, 'closed-seized', 3);
      await commitRecords(o, [], () => ({
        caseUpdates: [
          {
            case: seized,
            expectedSeq: 1,
            events: [
              anEvent(seized, 2, 'record-exam', { kind: 'record-exam', result: 'discrepancy' }),
              anEvent(seized, 3, 'close', { kind: 'close', disposition: 'seized' }),
            ],
          },
        ],
        decisionUpdates: [{ ...a!, status: 'disposed', codes: ['SEIZED'] }],
      }));
      await expect(
        commitRecords(o, [], () => ({
          caseUpdates: [{ case: seized, expectedSeq: 1, events: [] }],
        })),
      ).rejects.toThrow();
      expect((await d.caseEvents(ca.id)).map((e) => e.seq)).toEqual([1, 2, 3]);
      expect(JSON.parse((await d.currentDecisionText('C1'))!)).toMatchObject({
        status: 'disposed',
        codes: ['SEIZED'],
      });
      const ids = async (f: Parameters<typeof d.cases>[0]) => (await d.cases(f)).map((c) => c.case.id);
      expect(await ids({ limit: 10 })).toEqual(['C1.v1', 'C2.v1']);
      expect(await ids({ state: 'closed-seized', limit: 10 })).toEqual(['C1.v1']);
      expect(await ids({ filer: 'FLR2', limit: 10 })).toEqual(['C2.v1']);
      expect(await ids({ lane: 'red', limit: 10 })).toEqual(['C1.v1']);
      expect(await ids({ visibleTo: 'FLR2', limit: 10 })).toEqual(['C2.v1']);
      expect(await ids({ after: 'C1.v1', limit: 10 })).toEqual(['C2.v1']);
      expect(await ids({ limit: 1 })).toEqual(['C1.v1']);
      // Scorecards count screening outcomes (accepted and disposed ones are not scored), exams, seizures.
      const rows = scorecard(await d.scoreTally(), { subject: 'filer', period: 'month' });
      expect(rows.map((r) => [r.code, r.key])).toEqual([['BRK001', '2025-08']]);
      expect(rows[0]?.counts).toMatchObject({ decisions: 0, exams: 1, examDiscrepancies: 1, seizures: 1 });
    });

    it('suspensions: stored with the commit and handed to the engine at the next open', async () => {
      const { o, d } = await start();
      await commitRecords(o, [], () => ({
        suspensions: [period('FLR9', '2025-08-01T00:00:00Z'), period('FLR1', '2025-07-01T00:00:00Z')],
      }));
      // Reinstatement replaces the period of the same filer and start.
      await commitRecords(o, [], () => ({
        suspensions: [period('FLR9', '2025-08-01T00:00:00Z', '2025-09-01T00:00:00Z')],
      }));
      expect((await d.suspensionPeriods()).map((p) => [p.filer, p.until])).toEqual([
        ['FLR1', null],
        ['FLR9', '2025-09-01T00:00:00Z'],
      ]);
      await o.close();
      const again = await start(true);
      expect(again.hooks.loads.at(-1)?.map((p) => p.filer)).toEqual(['FLR1', 'FLR9']);
    });

    it('webhooks: cursor at the newest message, deliveries enqueued once per cursor, attempts recorded', async () => {
      const { o, d } = await start();
      await commitRecords(o, [
        filing('W1', 500),
        filing('W2', 400, { consignee: aConsignee({ name: 'J. Smith' }) }),
      ]);
      const newest = (await d.messages(undefined, 0, 1000)).at(-1)!.id;
      const id = await d.createWebhook({ org: 'BRK001', url: 'http://x/h', secret: 's', at: 'T' }, (i) =>
        audit('webhook.create', `webhook:${i}`),
      );
      expect(await d.webhook(id)).toEqual({
        id,
        org: 'BRK001',
        url: 'http://x/h',
        secret: 's',
        cursor: newest,
        createdAt: 'T',
      });
      expect((await d.webhooks('BRK001')).map((w) => w.id)).toEqual([id]);
      expect(await d.webhooks('OTHER')).toEqual([]);
      const delivery = { webhookId: id, fromCursor: newest, first: newest + 1, last: newest + 2, body: '{}' };
      expect(await d.enqueueDelivery(delivery, 1000, 'T1')).toBe(true);
      // Another process enqueued from the same cursor first: nothing written.
      expect(await d.enqueueDelivery(delivery, 1000, 'T1')).toBe(false);
      expect((await d.webhook(id))?.cursor).toBe(newest + 2);
      expect(
        await d.enqueueDelivery(
          { ...delivery, fromCursor: newest + 2, first: newest + 3, last: newest + 3 },
          2000,
          'T2',
        ),
      ).toBe(true);
      const heads = await d.headDeliveries();
      expect(heads.map((h) => [h.firstMessage, h.state, h.attempts, h.nextAttemptMs])).toEqual([
        [newest + 1, 'pending', 0, 1000],
      ]);
      await d.recordAttempt(
        heads[0]!.id,
        { state: 'delivered', attempts: 1, nextAttemptMs: 0, status: 200, error: null },
        'T3',
      );
      expect((await d.headDeliveries()).map((h) => h.firstMessage)).toEqual([newest + 3]);
      expect((await d.deliveries(id, undefined, 10)).map((x) => x.state)).toEqual(['pending', 'delivered']);
      expect((await d.deliveries(id, 'delivered', 10))[0]).toMatchObject({
        lastStatus: 200,
        updatedAt: 'T3',
      });
      expect(await d.deliveryLease()).toBe(true);
    });

    it('console reads: queue, filings, parties, shipment and dashboard rows, stored days', async () => {
      const { o, r } = await start();
      const other = { filer: { code: 'FLR2', name: 'F2', role: 'broker' as const }, broker: undefined };
      await commitRecords(o, [
        filing('Q1', 500),
        filing('Q2', 400, { consignee: aConsignee({ name: 'J. Smith' }), filedAt: '2025-08-20T10:05:00Z' }),
        filing('Q3', 50, { ...other, consignee: aConsignee({ name: 'Mary Jones' }), conveyanceId: 'OTHER1' }),
      ]);
      await commitRecords(o, [arrival()]);
      const page = await r.queue({ statuses: ['withheld'] }, 10, undefined);
      expect(page.rows.map((x) => [x.filingId, x.codes, x.lane, x.score])).toEqual([
        ['Q2', ['4M', 'AGG_MAY_EXCEED'], 'unassigned', null],
      ]);
      expect(page.rows[0]).toMatchObject({
        kind: 'type86',
        mode: 'air',
        filer: 'BRK001',
        port: '4701',
        origin: 'CN',
        consignee: 'J. Smith',
        valueUsd: 400,
        filedAt: '2025-08-20T10:05:00Z',
        arrivedAt: '2025-08-20T17:30:00Z',
      });
      expect((await r.queue({ statuses: ['withheld'], code: '4' }, 10, undefined)).rows).toEqual([]);
      expect((await r.queue({ statuses: ['withheld'], code: '4M' }, 10, undefined)).rows).toHaveLength(1);
      const both = await r.queue({ statuses: ['released', 'accepted'] }, 1, undefined);
      expect(both.next).not.toBeNull();
      const rest = await r.queue({ statuses: ['released', 'accepted'] }, 10, both.next!);
      expect([...both.rows, ...rest.rows].map((x) => x.filingId)).toEqual(['Q1', 'Q3']);
      expect(
        (await r.queue({ statuses: ['released', 'accepted'], filer: 'FLR2' }, 10, undefined)).rows,
      ).toHaveLength(1);

      const newest = await r.filings(undefined, 2, undefined);
      expect(newest.rows.map((x) => x.filingId)).toEqual(['Q2', 'Q1']);
      expect((await r.filings(undefined, 2, newest.next!)).rows.map((x) => x.filingId)).toEqual(['Q3']);
      expect((await r.filings('FLR2', 10, undefined)).rows.map((x) => x.filingId)).toEqual(['Q3']);

      expect(JSON.parse((await r.filedBody('Q1'))!)).toMatchObject({ id: 'Q1', declaredValue: 500 });
      expect(await r.filedBody('NOPE')).toBeUndefined();
      expect(await r.partyFilings('NOPE')).toEqual([]);
      expect(await r.partyVariants('NOPE')).toEqual([]);
    });

    it('console reads: consignee groups, their days and shared addresses, dashboard rows, stored days', async () => {
      const { o, r, d } = await start();
      await commitRecords(o, [
        filing('P1', 500),
        filing('P2', 400, { consignee: aConsignee({ name: 'J. Smith' }) }),
        filing('P3', 50, { consignee: aConsignee({ name: 'Mary Jones' }) }),
        filing('P4', 60, {
          kind: 'manifest321',
          consignee: aConsignee({ name: 'Zed Other', address: { line1: '9 Elm St', line2: undefined } }),
        }),
      ]);
      await commitRecords(o, [arrival()]);
      const p1 = JSON.parse((await d.currentDecisionText('P1'))!) as Decision;
      const key = p1.party!.key;
      const variants = await r.partyVariants(key);
      expect(variants.map((v) => v.raw)).toEqual(['John Smith', 'J. Smith']);
      expect((await r.partyFilings(key)).map((x) => x.filingId)).toEqual(['P1', 'P2']);
      const day = await r.consigneeDay(key, p1.party!.day);
      expect(day.map((x) => x.decision.filingId).sort()).toEqual(['P1', 'P2']);
      expect(day[0]!.filedAtMs).toBe(Date.parse('2025-08-20T10:00:00Z'));
      const shared = await r.sharedAddress(variants[0]!.addressKey, key);
      expect(shared).toEqual([{ partyKey: expect.any(String), names: ['Mary Jones'], filings: 1 }]);
      // Grouped: the three Type 86 shipments to one consignee differ in status (P2 is withheld, 4M).
      const dash = await r.dashboardRows();
      expect(dash.reduce((n, g) => n + g.n, 0)).toBe(4);
      expect(dash.find((x) => x.kind === 'manifest321')).toEqual({
        kind: 'manifest321',
        mode: 'air',
        filer: 'BRK001',
        broker: null,
        day: '2025-08-20',
        status: 'released',
        lane: 'unassigned',
        origin: 'CN',
        disposition: null,
        hts: null,
        n: 1,
      });
      expect(
        dash
          .filter((x) => x.kind === 'type86')
          .map((x) => [x.status, x.n])
          .sort(),
      ).toEqual([
        ['released', 2],
        ['withheld', 1],
      ]);
      expect(await r.datasets()).toEqual([{ day: '2025-08-20', filings: 4 }]);
      expect(await r.dayCount('2025-08-20')).toBe(4);
      expect(await r.dayCount('2025-08-21')).toBe(0);
      const versions = await r.dayVersions('2025-08-20');
      expect(versions.map((v) => [v.id, v.cancelled, v.current])).toEqual([
        ['P1', false, 1],
        ['P2', false, 1],
        ['P3', false, 1],
        ['P4', false, 1],
      ]);
      expect(await r.dayArrivals('2025-08-20')).toEqual([
        { conveyanceId: 'SX1234', arrivedAt: '2025-08-20T17:30:00Z', port: '4701' },
      ]);
    });
  });
}
