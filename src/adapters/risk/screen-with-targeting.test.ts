import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Decision } from '../../core/decision/index.js';
import { defaultPolicy } from '../../core/policy/index.js';
import { aConsignee, aFiling, aLine } from '../../core/validation/test-support/filing-builder.js';
import { generateDay } from '../../generate/index.js';
import { loadDefaultReferenceData } from '../refdata/default-reference-data.js';
import { SqliteScreening } from '../storage/sqlite/sqlite-screening.js';
import { DEFAULT_RULES, loadTargeting, loadWatchLists } from './load-targeting.js';

const dir = mkdtempSync(join(tmpdir(), 'minimis-targeting-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The shipped rules, with first-seen warmed up after 10 filings instead of 5,000, so a small day uses it.
const rulesFile = join(dir, 'rules.yaml');
writeFileSync(
  rulesFile,
  readFileSync(DEFAULT_RULES(), 'utf8').replace(/warmUpFilings: \d+/, 'warmUpFilings: 10'),
);
const ref = loadDefaultReferenceData({ riskRules: rulesFile });
const targeting = loadTargeting(rulesFile);

let line = 0;
const rec = (value: object) => {
  const text = JSON.stringify(value);
  return { value: JSON.parse(text), line: ++line, text };
};
const arrival = { type: 'arrival', conveyanceId: 'SX1234', arrivedAt: '2025-08-20T17:30:00Z', port: '4701' };

describe('screening with targeting', () => {
  it('holds a shipment whose description names a precursor CAS number, and tells the filer only that it is held', async () => {
    const s = SqliteScreening.open(':memory:', defaultPolicy, ref, targeting);
    const precursor = aFiling({
      id: 'P1',
      lines: [aLine({ hts: '2933.39.99.00', description: 'organic intermediate CAS 21409-26-7, 500 g' })],
    });
    const clean = aFiling({ id: 'C1', consignee: aConsignee({ name: 'Mary Jones' }) });
    const filed = await s.submit([rec(precursor), rec(clean)], 'test');
    const p1 = filed.decisions.find((d) => d.filingId === 'P1')!;
    expect(p1.status).toBe('accepted');
    expect(p1.lane).toBe('red');
    expect(p1.risk.rules.find((r) => r.rule === 'precursor-cas')).toMatchObject({ band: 'critical' });
    // Every enabled rule is there, hits and misses, each with its weight and reason.
    expect(p1.risk.rules.length).toBeGreaterThan(10);
    for (const r of p1.risk.rules) expect(r.reason).not.toBe('');
    await s.submit([rec(arrival)], 'test');
    const held = (await s.decision('P1'))!;
    expect(held).toMatchObject({ status: 'held', codes: ['HOLD_EXAM'], lane: 'red' });
    expect((await s.decision('C1'))?.status).toBe('released');
    const told = (await s.messages('BRK001', 0, 100)).filter((m) => m.filingId === 'P1');
    expect(told.map((m) => m.code)).toEqual(['HOLD_EXAM']);
    expect(told[0]!.text).not.toMatch(/CAS|precursor|21409/);
    await s.close();
  });

  it('screens shippers against a restricted-party list with fuzzy matching', async () => {
    const list = join(dir, 'own-list.csv');
    writeFileSync(
      list,
      'name,country,address\n"Shenzhen Bright Apparel Company Limited",CN,"88 Keji Road"\n',
    );
    const lists = loadWatchLists({ lists: [list] });
    const s = SqliteScreening.open(
      ':memory:',
      defaultPolicy,
      ref,
      loadTargeting(rulesFile, undefined, [lists!.watch]),
    );
    // The filing names the shipper "Shenzhen Bright Apparel Co., Ltd." — another legal form, same party.
    const r = await s.submit([rec(aFiling({ id: 'W1' }))], 'test');
    const d = r.decisions[0]!;
    expect(d.risk.rules.find((x) => x.rule === 'watch-list')).toMatchObject({
      band: 'critical',
      path: '/shipper/name',
    });
    // A sanctioned party is not to be laden at all (lanes.yaml do-not-load), and the filer is told so.
    expect(d.lane).toBe('do-not-load');
    expect(d.codes).toContain('DO_NOT_LOAD');
    expect((await s.messages(undefined, 0, 10)).map((m) => m.code)).toContain('DO_NOT_LOAD');
    await s.close();
    expect(loadWatchLists({})).toBeUndefined();
  });

  it('gives the same decisions, lanes and rule results when the run is stopped and restarted midway', async () => {
    const day = generateDay({ filings: 1500, seed: 5, day: '2025-08-20' });
    const records = [...day.records].map((r) => rec(r));
    const whole = SqliteScreening.open(':memory:', defaultPolicy, ref, targeting);
    await whole.submit(records, 'day');
    const expected = await whole.currentDecisions();
    await whole.close();

    const path = join(dir, 'restart.db');
    const half = Math.floor(records.length / 2);
    const first = SqliteScreening.open(path, defaultPolicy, ref, targeting);
    await first.submit(records.slice(0, half), 'day');
    await first.close();
    const second = SqliteScreening.open(path, defaultPolicy, ref, targeting);
    await second.submit(records.slice(half), 'day');
    const got = await second.currentDecisions();
    await second.close();

    expect(got).toEqual(expected);
    const lanes = (ds: Decision[]) => new Set(ds.map((d) => d.lane));
    expect(lanes(got).has('red')).toBe(true);
    // The memory rules were live on both sides of the restart.
    const firstSeen = got.filter((d) =>
      d.risk.rules.some((r) => r.rule === 'first-seen-party' && r.band !== 'none'),
    );
    expect(firstSeen.length).toBeGreaterThan(0);
  });
});
