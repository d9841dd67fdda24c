import { createHash } from 'node:crypto';
import { Value } from '@sinclair/typebox/value';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_USD_RATES } from '../adapters/refdata/usd-rates.js';
import type { Amendment, Arrival, Cancellation, Filing, InputRecord } from '../core/filing/schema.js';
import { RECORD_SCHEMAS } from '../core/filing/schema.js';
import { easternDay } from '../core/time/index.js';
import { generateDay, openDay } from './generate-day.js';
import type { PlantedKind, Truth } from './truth.js';

const ALL_KINDS: PlantedKind[] = [
  'split-order',
  'over-limit',
  'vague-description',
  'late-filing',
  'bad-hts',
  'weight-value-outlier',
  'precursor',
  'pill-press',
  'private-mailbox',
  'missing-eda',
  'duplicate-eda',
  'placeholder-consignee',
];

function digest(filings: number, seed: number, day?: string): string {
  const h = createHash('sha256');
  for (const line of openDay({ filings, seed, ...(day === undefined ? {} : { day }) }).lines)
    h.update(`${line}\n`);
  return h.digest('hex');
}

interface Day {
  records: InputRecord[];
  texts: string[];
  truth: Truth;
}

function read(filings: number, seed: number): Day {
  const day = openDay({ filings, seed });
  const texts = [...day.lines];
  return { texts, records: texts.map((t) => JSON.parse(t) as InputRecord), truth: day.truth() };
}

let day5k: Day;
beforeAll(() => {
  day5k = read(5_000, 11);
});

const usd = (f: Filing | Amendment) => f.declaredValue * (DEFAULT_USD_RATES.get(f.currency) ?? Number.NaN);
const filingsOf = (d: Day) => d.records.filter((r): r is Filing => r.type === 'filing');
const planted = (d: Day, kind: PlantedKind) => d.truth.planted.filter((p) => p.kind === kind);

describe('generateDay: determinism', () => {
  it('gives byte-identical output for the same options, another day for another seed', () => {
    const a = digest(3_000, 42);
    expect(digest(3_000, 42)).toBe(a);
    expect(digest(3_000, 43)).not.toBe(a);
    expect(digest(3_000, 42, '2025-08-21')).not.toBe(a);
  });

  it('yields objects equal to the JSON lines, and the lines are what JSON.stringify writes', () => {
    const d = generateDay({ filings: 500, seed: 3 });
    const objects = [...d.records];
    const texts = [...openDay({ filings: 500, seed: 3 }).lines];
    expect(objects.length).toBe(texts.length);
    objects.forEach((o, k) => {
      expect(JSON.stringify(o)).toBe(texts[k]);
    });
    expect(d.truth().filings).toBe(500);
  });

  it('asks for the records to be read before the truth', () => {
    expect(() => generateDay({ filings: 10, seed: 1 }).truth()).toThrow(/read to the end/);
  });

  it('makes exactly the number of filings asked for, however few, with one expectation each', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer(), (filings, seed) => {
        const d = generateDay({ filings, seed });
        let count = 0;
        for (const r of d.records) if (r.type === 'filing') count++;
        expect(count).toBe(filings);
        expect(d.truth().filings).toBe(filings);
        expect(Object.keys(d.truth().expected)).toHaveLength(filings);
      }),
      { numRuns: 40 },
    );
  });

  it('rejects impossible options', () => {
    expect(() => generateDay({ filings: -1, seed: 1 })).toThrow(RangeError);
    expect(() => generateDay({ filings: 10, seed: 1, day: '2025-13-45x' })).toThrow(RangeError);
  });
});

describe('generateDay: the records', () => {
  it('every record passes its schema (planted defects included: they are data-quality defects)', () => {
    for (const r of day5k.records) {
      const schema = RECORD_SCHEMAS[r.type];
      expect(schema, JSON.stringify(r).slice(0, 80)).toBeDefined();
      if (!Value.Check(schema, r)) {
        const errors = [...Value.Errors(schema, r)].slice(0, 3).map((e) => `${e.path}: ${e.message}`);
        expect.fail(`${JSON.stringify(r).slice(0, 200)}\n${errors.join('\n')}`);
      }
    }
  });

  it('has the requested number of filings plus arrivals, amendments and cancellations', () => {
    const { records, truth } = day5k;
    const count = (t: string) => records.filter((r) => r.type === t).length;
    expect(count('filing')).toBe(5_000);
    expect(count('arrival')).toBeGreaterThan(10);
    expect(count('amendment') + count('cancellation')).toBeGreaterThan(0);
    expect(truth.records).toBe(records.length);
    const ids = filingsOf(day5k).map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('mixes kinds and modes like real traffic: ~62 % Type 86, ~28 % manifest, ~10 % postal by mail', () => {
    const fs = filingsOf(day5k);
    const share = (pred: (f: Filing) => boolean) => fs.filter(pred).length / fs.length;
    expect(share((f) => f.kind === 'type86')).toBeGreaterThan(0.55);
    expect(share((f) => f.kind === 'type86')).toBeLessThan(0.7);
    expect(share((f) => f.kind === 'manifest321')).toBeGreaterThan(0.22);
    expect(share((f) => f.kind === 'manifest321')).toBeLessThan(0.34);
    expect(share((f) => f.kind === 'postal')).toBeGreaterThan(0.07);
    expect(share((f) => f.kind === 'postal')).toBeLessThan(0.13);
    expect(share((f) => (f.kind === 'postal') === (f.mode === 'mail'))).toBe(1);
    expect(share((f) => f.mode === 'truck')).toBeGreaterThan(0);
    expect(share((f) => f.mode === 'ocean')).toBeGreaterThan(0);
    expect(share((f) => f.kind === 'postal' && f.filer.role === 'carrier')).toBeCloseTo(
      share((f) => f.kind === 'postal'),
    );
    expect(share((f) => f.kind === 'type86' && f.broker?.code === f.filer.code)).toBeCloseTo(
      share((f) => f.kind === 'type86'),
    );
    expect(share((f) => f.currency !== 'USD')).toBeGreaterThan(0);
    expect(share((f) => f.currency !== 'USD')).toBeLessThan(0.08);
    // Header value is the sum of the lines, in the lines' currency.
    for (const f of fs) {
      const sum = f.lines.reduce((s, l) => s + Math.round(l.value * 100), 0);
      expect(Math.round(f.declaredValue * 100)).toBe(sum);
      for (const l of f.lines) expect(l.currency).toBe(f.currency);
      if (f.kind === 'manifest321') for (const l of f.lines) expect(l.pga).toBeUndefined();
    }
    const values = fs.map(usd).sort((a, b) => a - b);
    const median = values[Math.floor(values.length / 2)]!;
    expect(median).toBeGreaterThan(12);
    expect(median).toBeLessThan(45);
  });

  it('keeps file order: filings by filedAt; arrivals after their filings; amendments and cancellations after theirs', () => {
    const arrived = new Map<string, number>();
    const filedAt = new Map<string, number>();
    const late = new Set(planted(day5k, 'late-filing').flatMap((p) => p.filingIds));
    let lastFiled = Number.NEGATIVE_INFINITY;
    let lastTime = Number.NEGATIVE_INFINITY;
    for (const r of day5k.records) {
      if (r.type === 'arrival') {
        const t = Date.parse(r.arrivedAt);
        expect(t).toBeGreaterThanOrEqual(lastTime);
        lastTime = t;
        arrived.set(r.conveyanceId, t);
      } else if (r.type === 'cancellation') {
        expect(filedAt.has(r.id)).toBe(true);
      } else {
        const t = Date.parse(r.filedAt);
        expect(t).toBeGreaterThanOrEqual(lastTime);
        lastTime = t;
        if (r.type === 'filing') {
          expect(t).toBeGreaterThanOrEqual(lastFiled);
          lastFiled = t;
        } else expect(t).toBeGreaterThan(filedAt.get(r.id)!);
        filedAt.set(r.id, t);
        const a = arrived.get(r.conveyanceId);
        if (late.has(r.id)) {
          expect(a).toBeDefined();
          expect(t).toBeGreaterThan(a!);
        } else expect(a).toBeUndefined();
      }
    }
  });

  it('estimates arrivals within hours of the real one, sometimes on the other Eastern day', () => {
    const arrivals = new Map(
      day5k.records
        .filter((r): r is Arrival => r.type === 'arrival')
        .map((a) => [a.conveyanceId, Date.parse(a.arrivedAt)]),
    );
    let otherDay = 0;
    for (const f of filingsOf(day5k)) {
      if (typeof f.estimatedArrival !== 'string') continue;
      const eda = Date.parse(f.estimatedArrival);
      const actual = arrivals.get(f.conveyanceId)!;
      expect(Math.abs(eda - actual)).toBeLessThan(6 * 3_600_000);
      if (easternDay(eda) !== easternDay(actual)) otherDay++;
      expect(easternDay(actual)).toBe('2025-08-20');
    }
    expect(otherDay).toBeGreaterThan(0);
  });
});

describe('generateDay: planted cases', () => {
  it('plants every kind at 5,000 filings and scales the counts with N', () => {
    for (const kind of ALL_KINDS) expect(planted(day5k, kind).length, kind).toBeGreaterThanOrEqual(1);
    const big = generateDay({ filings: 20_000, seed: 11 });
    for (const _ of big.records);
    const count = (t: Truth, kind: PlantedKind) => t.planted.filter((p) => p.kind === kind).length;
    for (const kind of ALL_KINDS) {
      const small = count(day5k.truth, kind);
      expect(count(big.truth(), kind), kind).toBeGreaterThanOrEqual(Math.max(2, 3 * small));
    }
    // A few per mille each: the ground truth stays mostly ordinary traffic.
    const plantedFilings = new Set(day5k.truth.planted.flatMap((p) => p.filingIds));
    expect(plantedFilings.size / 5_000).toBeLessThan(0.06);
  });

  it('gives a planted filing one defect at most', () => {
    const seen = new Set<string>();
    for (const p of day5k.truth.planted) {
      for (const id of p.filingIds) {
        expect(seen.has(id), id).toBe(false);
        seen.add(id);
      }
    }
  });

  it('splits an order into parcels under $800 that add up to more, under different spellings of one person', () => {
    const byId = new Map(filingsOf(day5k).map((f) => [f.id, f]));
    const groups = planted(day5k, 'split-order');
    expect(groups.length).toBeGreaterThanOrEqual(5);
    for (const g of groups) {
      const fs = g.filingIds.map((id) => byId.get(id)!);
      expect(fs.length).toBeGreaterThanOrEqual(2);
      expect(fs.length).toBeLessThanOrEqual(5);
      for (const f of fs) {
        expect(usd(f)).toBeLessThan(800);
        expect(f.currency).toBe('USD');
        expect(f.mode).not.toBe('mail');
        expect(day5k.truth.person[f.id]).toBe(g.personId);
      }
      const total = fs.reduce((s, f) => s + usd(f), 0);
      expect(total).toBeGreaterThan(800);
      expect(total).toBeLessThanOrEqual(2_000);
      const written = fs.map((f) => JSON.stringify(f.consignee));
      expect(new Set(written).size).toBe(written.length);
      expect(g.filingIds.some((id) => day5k.truth.expected[id]!.status === 'withheld')).toBe(true);
    }
  });

  it('sends one consignee, spelt the same, several parcels above $800 in the day', () => {
    const byId = new Map(filingsOf(day5k).map((f) => [f.id, f]));
    for (const g of planted(day5k, 'over-limit')) {
      const fs = g.filingIds.map((id) => byId.get(id)!);
      expect(fs.length).toBeGreaterThanOrEqual(2);
      expect(new Set(fs.map((f) => JSON.stringify(f.consignee))).size).toBe(1);
      expect(fs.reduce((s, f) => s + usd(f), 0)).toBeGreaterThan(800);
    }
  });

  it('writes each single-filing case as described', () => {
    const byId = new Map(filingsOf(day5k).map((f) => [f.id, f]));
    const one = (kind: PlantedKind) => planted(day5k, kind).map((p) => byId.get(p.filingIds[0]!)!);
    for (const f of one('missing-eda')) {
      expect(f.kind).toBe('type86');
      expect(f.estimatedArrival).toBeUndefined();
    }
    for (const f of one('duplicate-eda')) {
      expect(f.kind).toBe('type86');
      expect(Array.isArray(f.estimatedArrival) && f.estimatedArrival.length).toBe(2);
    }
    for (const f of one('late-filing')) expect(f.kind).toBe('type86');
    for (const f of one('private-mailbox'))
      expect(`${f.consignee.address.line1} ${f.consignee.address.line2 ?? ''}`).toMatch(/PMB \d+|#\d+/);
    for (const f of one('placeholder-consignee'))
      expect(['N/A', 'CUSTOMER', 'UNKNOWN', 'XXX', 'CONSIGNEE', 'TBD', 'NA']).toContain(
        f.consignee.name.toUpperCase(),
      );
    for (const f of one('bad-hts'))
      expect(
        f.lines.some(
          (l) =>
            l.hts.replace(/\D/g, '').length !== 10 ||
            /^(9999999999|6109100099|8517620099|3926909999)$/.test(l.hts.replace(/\D/g, '')),
        ),
      ).toBe(true);
    for (const f of one('pill-press')) expect(f.lines[0]!.hts.replace(/\D/g, '')).toMatch(/^84798|^84799/);
    for (const f of one('precursor')) {
      const l = f.lines[0]!;
      expect(l.cas !== undefined || /^29/.test(l.hts.replace(/\D/g, ''))).toBe(true);
      expect(usd(f)).toBeLessThan(100);
    }
    for (const f of one('weight-value-outlier')) {
      const perKg = usd(f) / f.grossWeightKg;
      expect(perKg < 0.05 || perKg > 20_000).toBe(true);
    }
  });
});

describe('generateDay: the expected outcomes', () => {
  it('has one person and one expectation per filing', () => {
    const ids = filingsOf(day5k).map((f) => f.id);
    expect(Object.keys(day5k.truth.expected).length).toBe(ids.length);
    expect(Object.keys(day5k.truth.person).length).toBe(ids.length);
    for (const id of ids) {
      expect(day5k.truth.expected[id]).toBeDefined();
      expect(day5k.truth.person[id]).toMatch(/^P\d{7}$/);
    }
    expect(day5k.truth.expected['no such id']).toBeUndefined();
    expect('no such id' in day5k.truth.person).toBe(false);
  });

  it('agrees with the $800 rule recomputed from the records themselves', () => {
    const { records, truth } = day5k;
    const rejected = new Map<string, string>();
    for (const p of truth.planted) {
      for (const id of p.filingIds) {
        const e = truth.expected[id]!;
        if (e.status === 'rejected') rejected.set(id, e.codes[0]!);
      }
    }
    const code: Partial<Record<PlantedKind, readonly string[]>> = {
      'vague-description': ['MISSING_CARGO_DESC', '8H'],
      'late-filing': ['FILED_AFTER_ARRIVAL'],
      'bad-hts': ['HTS_FORMAT', 'HTS_UNKNOWN'],
      'missing-eda': ['282'],
      'duplicate-eda': ['288'],
      'placeholder-consignee': ['9H'],
    };
    for (const p of truth.planted) {
      for (const id of p.filingIds) {
        const allowed = code[p.kind];
        if (allowed === undefined) expect(rejected.has(id), `${p.kind} ${id}`).toBe(false);
        else expect(allowed).toContain(rejected.get(id));
      }
    }
    // Replay: latest version, cancellations, arrivals; then the check per person and arrival day.
    const latest = new Map<string, Filing | Amendment>();
    const cancelled = new Set<string>();
    const arrivedAt = new Map<string, number>();
    for (const r of records) {
      if (r.type === 'arrival') arrivedAt.set(r.conveyanceId, Date.parse(r.arrivedAt));
      else if (r.type === 'cancellation') cancelled.add((r as Cancellation).id);
      else latest.set(r.id, r);
    }
    const groups = new Map<string, (Filing | Amendment)[]>();
    const want = new Map<string, string>();
    for (const [id, f] of latest) {
      if (cancelled.has(id)) want.set(id, 'cancelled');
      else if (rejected.has(id)) want.set(id, 'rejected');
      else {
        want.set(id, 'released');
        if (f.mode === 'mail' || f.kind === 'postal') continue;
        const key = `${truth.person[id]}|${easternDay(arrivedAt.get(f.conveyanceId)!)}`;
        groups.set(key, [...(groups.get(key) ?? []), f]);
      }
    }
    for (const list of groups.values()) {
      list.sort(
        (a, b) =>
          arrivedAt.get(a.conveyanceId)! - arrivedAt.get(b.conveyanceId)! ||
          Date.parse(a.filedAt) - Date.parse(b.filedAt) ||
          (a.id < b.id ? -1 : 1),
      );
      let cents = 0;
      for (const f of list) {
        cents += Math.round(usd(f) * 100);
        if (cents > 80_000) want.set(f.id, 'withheld');
      }
    }
    let withheld = 0;
    for (const [id, status] of want) {
      expect(truth.expected[id]!.status, id).toBe(status);
      if (status === 'withheld') {
        withheld++;
        expect(truth.expected[id]!.codes).toEqual(['4M']);
      }
      if (status === 'released') expect(truth.expected[id]!.codes).toEqual(['1C']);
    }
    expect(withheld).toBeGreaterThan(0);
    expect([...want.values()].filter((s) => s === 'cancelled').length).toBeGreaterThan(0);
  });
});

describe('generateDay: streaming', () => {
  it('streams 200,000 filings without holding the records', () => {
    const day = openDay({ filings: 200_000, seed: 5 });
    const it = day.lines[Symbol.iterator]();
    const first = it.next();
    expect(first.done).toBe(false);
    globalThis.gc?.();
    const before = process.memoryUsage().heapUsed;
    let count = 1;
    let bytes = first.value?.length ?? 0;
    let peak = 0;
    for (let r = it.next(); !r.done; r = it.next()) {
      count++;
      bytes += r.value.length;
      if ((count & 0xffff) === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    }
    expect(day.truth().filings).toBe(200_000);
    expect(count).toBe(day.truth().records);
    // The text alone is about 250 MB; what stays on the heap is the compact truth and the conveyances.
    expect(bytes).toBeGreaterThan(150_000_000);
    expect(peak).toBeLessThan(120_000_000);
  });
});
