import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPolicies, policyByName } from '../adapters/policy/load-policies.js';
import { aServer, filingOf, type Harness } from './test-support/harness.js';

// The law policy: the §1321(c) penalty and liquidated damages are dated parameters of it.
const law = policyByName('law', loadPolicies()).policy;

let h: Harness;
let flr: string;
let other: string;
let broker: string;
let officer: string;
let analyst: string;
let admin: string;
let clock = Date.parse('2026-01-05T12:00:00Z');
beforeEach(async () => {
  clock = Date.parse('2026-01-05T12:00:00Z');
  day = 0;
  h = await aServer({ policy: law, clock: () => (clock += 1000) });
  flr = h.key('FLR1');
  other = h.key('FLR2');
  broker = h.key('BRK900');
  officer = h.key('CBP', 'officer');
  analyst = h.key('CBP', 'analyst');
  admin = h.key('ops', 'admin');
});
afterEach(() => h.close());

let day = 0;
/**
 * Two $500 filings of `filer` for one consignee, arriving on a day of their own: the second takes the day
 * over $800 and is withheld (4M), and so becomes a case.
 */
async function withheld(id: string, filer = 'FLR1', key = flr): Promise<string> {
  const f = (fid: string, filedAt: string) =>
    filingOf(filer, fid, {
      conveyanceId: `CV-${id}`,
      filedAt,
      declaredValue: 500,
      lines: [{ ...filingOf(filer, 'x').lines[0]!, origin: 'VN', value: 500 }],
    });
  expect((await h.call(key, 'POST', '/v1/filings', f(`${id}A`, '2025-08-20T09:00:00Z'))).statusCode).toBe(
    201,
  );
  expect((await h.call(key, 'POST', '/v1/filings', f(id, '2025-08-20T10:00:00Z'))).statusCode).toBe(201);
  const arrived = await h.call(officer, 'POST', '/v1/filings', {
    type: 'arrival',
    conveyanceId: `CV-${id}`,
    arrivedAt: `2025-08-${20 + (day++ % 8)}T17:00:00Z`,
    port: '4701',
  });
  expect(arrived.statusCode).toBe(200);
  const d = await h.call(officer, 'GET', `/v1/filings/${id}/decision`);
  expect(d.json().decision.status).toBe('withheld');
  return `${id}.v1`;
}

const cmd = (key: string, id: string, body: unknown) =>
  h.call(key, 'POST', `/v1/cases/${encodeURIComponent(id)}/commands`, body);

async function ok(key: string, id: string, body: unknown, state: string) {
  const r = await cmd(key, id, body);
  expect(r.json(), JSON.stringify(body)).toMatchObject({ case: { state } });
  expect(r.statusCode).toBe(200);
  return r.json();
}
async function refused(key: string, id: string, body: unknown, status: number, code: string) {
  const r = await cmd(key, id, body);
  expect(r.json().error?.code, JSON.stringify(body)).toBe(code);
  expect(r.statusCode).toBe(status);
}

const exam = (result: string) => ({ kind: 'record-exam', result, notes: 'opened', findings: ['F-1'] });
const close = (disposition: string) => ({ kind: 'close', disposition, reason: 'done' });

describe('cases of held and withheld shipments', () => {
  it('opens a case automatically when the engine withholds a filing, in the same commit, with an audit row', async () => {
    const id = await withheld('F1');
    const r = await h.call(officer, 'GET', `/v1/cases/${id}`);
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.case).toMatchObject({
      id,
      filingId: 'F1',
      filingVersion: 1,
      state: 'open',
      filer: 'FLR1',
      seq: 1,
    });
    expect(body.case.origin).toMatchObject({ status: 'withheld', codes: expect.arrayContaining(['4M']) });
    expect(body.events).toMatchObject([
      { seq: 1, command: 'open', from: null, to: 'open', actor: { role: 'system' } },
    ]);
    expect(body.lane).toBeDefined();
    const audit = (await h.call(admin, 'GET', '/v1/audit?limit=1000')).json().entries;
    expect(audit.filter((e: { action: string }) => e.action === 'case.open')).toMatchObject([
      { actor: 'system', target: id, after: { state: 'open', filingId: 'F1' } },
    ]);
    // An officer cannot open it again; a released filing cannot become a case; filers do not open cases.
    const again = await h.call(officer, 'POST', '/v1/cases', { filingId: 'F1' });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'CASE_ALREADY_OPEN']);
    await h.call(flr, 'POST', '/v1/filings', filingOf('FLR1', 'OK1', { conveyanceId: 'CV-OK1' }));
    await h.call(officer, 'POST', '/v1/filings', {
      type: 'arrival',
      conveyanceId: 'CV-OK1',
      arrivedAt: '2025-08-20T17:00:00Z',
      port: '4701',
    });
    const notHeld = await h.call(officer, 'POST', '/v1/cases', { filingId: 'OK1' });
    expect([notHeld.statusCode, notHeld.json().error.code]).toEqual([422, 'CASE_DECISION_NOT_HOLDABLE']);
    const byFiler = await h.call(flr, 'POST', '/v1/cases', { filingId: 'F1' });
    expect([byFiler.statusCode, byFiler.json().error.code]).toEqual([403, 'FORBIDDEN']);
    const missing = await h.call(officer, 'POST', '/v1/cases', { filingId: 'NOPE' });
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('documents, exam, penalties and release: every step checked, the decision becomes 1C and filer and broker are told', async () => {
    const id = await withheld('F2');
    await ok(officer, id, { kind: 'assign', assignee: 'officer-7' }, 'open');
    await ok(officer, id, { kind: 'annotate', note: 'officer note' }, 'open');
    const asked = await ok(
      officer,
      id,
      { kind: 'request-documents', documents: ['commercial invoice'], message: 'Send it.', dueAt: null },
      'awaiting-documents',
    );
    expect(asked.case.documentRequests).toHaveLength(1);
    // Nothing is released while documents are awaited, and only the case's filer answers.
    await refused(officer, id, close('released'), 409, 'CASE_TRANSITION_NOT_ALLOWED');
    await refused(broker, id, { kind: 'filer-answer', documents: [], message: 'x' }, 403, 'CASE_NOT_YOURS');
    await refused(
      officer,
      id,
      { kind: 'filer-answer', documents: [], message: 'x' },
      403,
      'CASE_ROLE_FORBIDDEN',
    );
    await ok(
      flr,
      id,
      {
        kind: 'filer-answer',
        documents: [{ name: 'invoice', reference: 's3://docs/inv.pdf' }],
        message: 'here',
      },
      'documents-received',
    );
    await ok(officer, id, { kind: 'start-exam', notes: '' }, 'under-exam');
    await refused(
      officer,
      id,
      {
        kind: 'assess-penalty',
        penalty: 'civil-1321c',
        violationAt: null,
        priorViolations: 0,
        amountCents: null,
        reason: 'x',
      },
      409,
      'CASE_TRANSITION_NOT_ALLOWED',
    );
    await ok(officer, id, exam('discrepancy'), 'examined');
    const civil = await ok(
      officer,
      id,
      {
        kind: 'assess-penalty',
        penalty: 'civil-1321c',
        violationAt: null,
        priorViolations: 0,
        amountCents: null,
        reason: 'undervalued',
      },
      'examined',
    );
    expect(civil.event.penalty).toMatchObject({
      amountCents: 500_000,
      maximumCents: 500_000,
      basis: 'first violation',
    });
    await refused(
      officer,
      id,
      {
        kind: 'assess-penalty',
        penalty: 'civil-1321c',
        violationAt: null,
        priorViolations: 0,
        amountCents: null,
        reason: 'again',
      },
      409,
      'PENALTY_ALREADY_ASSESSED',
    );
    await refused(
      officer,
      id,
      {
        kind: 'assess-penalty',
        penalty: 'liquidated-damages',
        violationAt: null,
        priorViolations: 0,
        amountCents: 50_001,
        reason: 'x',
      },
      422,
      'PENALTY_OVER_MAXIMUM',
    );
    const ld = await ok(
      officer,
      id,
      {
        kind: 'assess-penalty',
        penalty: 'liquidated-damages',
        violationAt: null,
        priorViolations: 0,
        amountCents: null,
        reason: 'bond',
      },
      'examined',
    );
    expect(ld.event.penalty).toMatchObject({ amountCents: 50_000, basis: '1 × value $500.00' });
    expect(ld.event.penalty.citation).toContain('19 CFR 113.62');
    await ok(officer, id, close('released'), 'closed-released');

    const d = (await h.call(flr, 'GET', '/v1/filings/F2/decision')).json().decision;
    expect(d).toMatchObject({ status: 'released', codes: ['1C'], case: { id, disposition: 'released' } });
    expect(d.case.screened).toMatchObject({ status: 'withheld', codes: expect.arrayContaining(['4M']) });
    const told = (await h.call(officer, 'GET', '/v1/messages?limit=1000'))
      .json()
      .messages.filter((m: { filingId: string }) => m.filingId === 'F2');
    const codes = told.map((m: { code: string; recipient: string }) => `${m.code}>${m.recipient}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'DOCUMENTS_REQUESTED>FLR1',
        'DOCUMENTS_REQUESTED>BRK900',
        'PENALTY_ASSESSED>FLR1',
        'RELEASED>FLR1',
        'RELEASED>BRK900',
      ]),
    );
    // Closed: only annotations.
    await ok(flr, id, { kind: 'annotate', note: 'thanks' }, 'closed-released');
    await refused(officer, id, { kind: 'assign', assignee: 'x' }, 409, 'CASE_CLOSED');

    // Every command wrote one audit row with the state before and after.
    const audit = (await h.call(admin, 'GET', '/v1/audit?limit=1000'))
      .json()
      .entries.filter((e: { target: string; action: string }) => e.target === id);
    expect(audit.map((e: { action: string }) => e.action)).toEqual([
      'case.open',
      'case.assign',
      'case.annotate',
      'case.request-documents',
      'case.filer-answer',
      'case.start-exam',
      'case.record-exam',
      'case.assess-penalty',
      'case.assess-penalty',
      'case.close',
      'case.annotate',
    ]);
    expect(audit.at(-2)).toMatchObject({
      before: { state: 'examined' },
      after: { state: 'closed-released', disposition: 'released' },
    });
    const events = (await h.call(officer, 'GET', `/v1/cases/${id}`)).json().events;
    expect(events.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('dispute, exam that finds seizable goods, seizure: a seized shipment is never released', async () => {
    const id = await withheld('F3');
    await ok(flr, id, { kind: 'filer-dispute', reason: 'the value is wrong' }, 'disputed');
    await refused(officer, id, close('released'), 409, 'CASE_TRANSITION_NOT_ALLOWED');
    await ok(officer, id, { kind: 'answer-dispute', accepted: false, reason: 'no' }, 'open');
    await ok(officer, id, { kind: 'start-exam', notes: 'x-ray' }, 'under-exam');
    await ok(officer, id, exam('seizure-worthy'), 'examined');
    await refused(officer, id, close('released'), 409, 'CASE_EXAM_CONFLICT');
    await refused(officer, id, close('exported'), 409, 'CASE_EXAM_CONFLICT');
    await ok(officer, id, close('seized'), 'closed-seized');
    await refused(officer, id, close('released'), 409, 'CASE_CLOSED');
    const d = (await h.call(flr, 'GET', '/v1/filings/F3/decision')).json().decision;
    expect(d).toMatchObject({ status: 'disposed', codes: ['SEIZED'], case: { disposition: 'seized' } });
    const msgs = (await h.call(flr, 'GET', '/v1/messages?limit=1000')).json().messages;
    expect(msgs.map((m: { code: string }) => m.code)).toEqual(
      expect.arrayContaining(['DISPUTE_REJECTED', 'CASE_SEIZED']),
    );
  });

  it('ends as destroyed after an exam, or as abandoned, exported, returned to sender or denied entry', async () => {
    const d = await withheld('D1');
    await ok(officer, d, { kind: 'start-exam', notes: '' }, 'under-exam');
    await ok(officer, d, exam('no-discrepancy'), 'examined');
    await refused(officer, d, close('destroyed'), 409, 'CASE_EXAM_CONFLICT');
    await refused(officer, d, close('seized'), 409, 'CASE_EXAM_CONFLICT');
    await ok(officer, d, { kind: 'start-exam', notes: 'again' }, 'under-exam');
    await ok(officer, d, exam('discrepancy'), 'examined');
    await ok(officer, d, close('destroyed'), 'closed-destroyed');
    const endings = [
      ['abandoned', 'ABANDONED'],
      ['exported', 'EXPORTED'],
      ['returned-to-sender', 'RETURNED_TO_SENDER'],
      ['denied-entry', 'DENIED_ENTRY'],
    ] as const;
    for (const [i, [disposition, code]] of endings.entries()) {
      const id = await withheld(`E${i}`);
      await refused(officer, id, close('seized'), 409, 'CASE_TRANSITION_NOT_ALLOWED');
      await ok(officer, id, close(disposition), `closed-${disposition}`);
      const dec = (await h.call(officer, 'GET', `/v1/filings/E${i}/decision`)).json().decision;
      expect(dec).toMatchObject({ status: 'disposed', codes: [code] });
    }
    expect((await h.call(officer, 'GET', '/v1/filings/D1/decision')).json().decision.codes).toEqual([
      'DESTROYED',
    ]);
  });

  it('refuses bad commands with stable codes', async () => {
    const id = await withheld('F4');
    await refused(officer, id, { kind: 'fly' }, 422, 'CASE_COMMAND_INVALID');
    const r = await cmd(officer, id, { kind: 'assign', assignee: 'x', extra: 1 });
    expect([r.statusCode, r.json().error.code]).toEqual([422, 'CASE_COMMAND_INVALID']);
    await refused(officer, id, { kind: 'open', caseId: 'x', decision: {} }, 422, 'CASE_COMMAND_INVALID');
    await refused(analyst, id, { kind: 'assign', assignee: 'x' }, 403, 'FORBIDDEN');
    await refused(admin, id, { kind: 'assign', assignee: 'x' }, 403, 'FORBIDDEN');
    await refused(flr, id, { kind: 'assign', assignee: 'x' }, 403, 'CASE_ROLE_FORBIDDEN');
    await refused(officer, 'NOPE.v1', { kind: 'assign', assignee: 'x' }, 404, 'CASE_NOT_FOUND');
    await refused(
      officer,
      id,
      {
        kind: 'assess-penalty',
        penalty: 'civil-1321c',
        violationAt: null,
        priorViolations: 0,
        amountCents: null,
        reason: 'x',
      },
      409,
      'CASE_TRANSITION_NOT_ALLOWED',
    );
    await refused(
      officer,
      id,
      { kind: 'request-documents', documents: ['x'], message: '', dueAt: '2020-01-01T00:00:00Z' },
      422,
      'CASE_COMMAND_INVALID',
    );
  });

  it('lists cases: officers filter by state, filer and lane; filers see their own, without lanes or officer notes', async () => {
    const a = await withheld('L1');
    await withheld('L2');
    const b = await withheld('M1', 'FLR2', other);
    await ok(officer, a, { kind: 'assign', assignee: 'officer-9' }, 'open');
    await ok(officer, a, { kind: 'annotate', note: 'suspicious' }, 'open');
    await ok(officer, b, close('abandoned'), 'closed-abandoned');
    const all = (await h.call(analyst, 'GET', '/v1/cases')).json();
    expect(all.cases.map((c: { case: { id: string } }) => c.case.id)).toEqual([a, 'L2.v1', b]);
    const lane = all.cases[0].lane;
    const open = (await h.call(officer, 'GET', '/v1/cases?state=open')).json().cases;
    expect(open.map((c: { case: { id: string } }) => c.case.id)).toEqual([a, 'L2.v1']);
    const of2 = (await h.call(officer, 'GET', '/v1/cases?filer=FLR2')).json().cases;
    expect(of2.map((c: { case: { id: string } }) => c.case.id)).toEqual([b]);
    const byLane = (await h.call(officer, 'GET', `/v1/cases?lane=${lane}`)).json().cases;
    expect(byLane).toHaveLength(3);
    expect((await h.call(officer, 'GET', '/v1/cases?lane=red')).json().cases).toHaveLength(0);
    const page = (await h.call(officer, 'GET', '/v1/cases?limit=2')).json();
    expect(page.next).toBe('L2.v1');
    expect((await h.call(officer, 'GET', `/v1/cases?after=${page.next}`)).json().cases).toHaveLength(1);

    const mine = (await h.call(flr, 'GET', '/v1/cases')).json().cases;
    expect(mine.map((c: { case: { id: string } }) => c.case.id)).toEqual([a, 'L2.v1']);
    expect(mine[0]).not.toHaveProperty('lane');
    expect(mine[0].case).toMatchObject({ assignee: null, notes: [] });
    const one = (await h.call(flr, 'GET', `/v1/cases/${a}`)).json();
    expect(one).not.toHaveProperty('lane');
    expect(one.events.map((e: { command: string }) => e.command)).toEqual(['open', 'assign']);
    expect(JSON.stringify(one)).not.toContain('officer-9');
    expect(JSON.stringify(one)).not.toContain('suspicious');
    const byLaneFiler = await h.call(flr, 'GET', '/v1/cases?lane=green');
    expect([byLaneFiler.statusCode, byLaneFiler.json().error.code]).toEqual([403, 'FORBIDDEN']);
    // The broker of the filings sees them too.
    expect((await h.call(broker, 'GET', '/v1/cases')).json().cases).toHaveLength(3);
  });

  it('keeps a case’s outcome when the engine decides the same filing version again', async () => {
    // Two filings of one consignee-day: the second pushes the day over $800 and both are withheld at arrival.
    const f = (id: string, value: number) =>
      filingOf('FLR1', id, {
        conveyanceId: 'CV-KEEP',
        filedAt: id === 'K1' ? '2025-08-20T09:00:00Z' : '2025-08-20T10:00:00Z',
        declaredValue: value,
        lines: [{ ...filingOf('FLR1', 'x').lines[0]!, origin: 'VN', value }],
      });
    await h.call(flr, 'POST', '/v1/filings', f('K1', 500));
    await h.call(flr, 'POST', '/v1/filings', f('K2', 500));
    await h.call(officer, 'POST', '/v1/filings', {
      type: 'arrival',
      conveyanceId: 'CV-KEEP',
      arrivedAt: '2025-08-20T17:00:00Z',
      port: '4701',
    });
    const withheldNow = (await h.call(officer, 'GET', '/v1/cases'))
      .json()
      .cases.map((c: { case: { id: string } }) => c.case.id);
    expect(withheldNow).toContain('K2.v1');
    await ok(officer, 'K2.v1', close('exported'), 'closed-exported');
    // A correction on the day (K1 cancelled) makes the engine decide K2 again: the case's ending stands.
    await h.call(flr, 'POST', '/v1/filings', { type: 'cancellation', id: 'K1', version: 1 });
    const d = (await h.call(officer, 'GET', '/v1/filings/K2/decision')).json().decision;
    expect(d).toMatchObject({ status: 'disposed', codes: ['EXPORTED'] });
  });
});

describe('cases in the OpenAPI document', () => {
  it('publishes every case command, the suspension commands and the scorecard query', async () => {
    const doc = (await h.call(undefined, 'GET', '/openapi.json')).json();
    const body = doc.paths['/v1/cases/{id}/commands'].post.requestBody.content['application/json'].schema;
    type Kind = { properties: { kind: { const?: string; enum?: string[] } } };
    const kinds = body.anyOf.map((s: Kind) => s.properties.kind.const ?? s.properties.kind.enum?.[0]);
    expect(kinds).toEqual([
      'assign',
      'request-documents',
      'filer-answer',
      'filer-dispute',
      'answer-dispute',
      'start-exam',
      'record-exam',
      'assess-penalty',
      'close',
      'annotate',
    ]);
    expect(Object.keys(doc.paths['/v1/cases/{id}/commands'].post.responses)).toEqual(
      expect.arrayContaining(['200', '403', '404', '409', '422']),
    );
    const susp = doc.paths['/v1/suspensions'].post.requestBody.content['application/json'].schema;
    expect(susp.anyOf).toHaveLength(2);
    expect(doc.paths['/v1/scorecards'].get.parameters.map((p: { name: string }) => p.name)).toEqual([
      'subject',
      'period',
      'code',
    ]);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/cases', '/v1/cases/{id}']));
    // OpenAPI 3.0 has no `const` keyword anywhere in the document.
    expect(JSON.stringify(doc)).not.toContain('"const"');
  });
});
