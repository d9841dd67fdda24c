import { TypeCompiler } from '@sinclair/typebox/compiler';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseIn, casePolicy, officer } from '../cases/test-support/fixtures.js';
import { applyCaseCommand } from '../cases/workflow.js';
import type { Decision } from '../decision/schema.js';
import { recordFromCaseEvent, recordFromDecision } from './records.js';
import { ScorecardRow, type ScoredStatus, type ScoreRecord, TallyJson } from './schema.js';
import { scorecard } from './scorecard.js';
import { isoWeek, wilson } from './stats.js';
import { ScoreTally } from './tally.js';

const dec = (filer: string, broker: string | null, day: string, status: ScoredStatus): ScoreRecord => ({
  type: 'decision',
  filer,
  broker,
  day,
  status,
});
const times = (n: number, r: ScoreRecord) => Array.from({ length: n }, () => r);

/** Three filers over two ISO weeks: 2026-03-02 and 03-04 are in W10, 03-09 in W11. */
const DATA: ScoreRecord[] = [
  ...times(2, dec('A7K', 'BRK1', '2026-03-02', 'released')),
  dec('A7K', 'BRK1', '2026-03-02', 'rejected'),
  dec('A7K', 'BRK1', '2026-03-02', 'withheld'),
  dec('A7K', 'BRK1', '2026-03-04', 'held'),
  dec('A7K', 'BRK1', '2026-03-04', 'released'),
  { type: 'exam', filer: 'A7K', broker: 'BRK1', day: '2026-03-04', result: 'discrepancy' },
  { type: 'seizure', filer: 'A7K', broker: 'BRK1', day: '2026-03-04' },
  ...times(3, dec('S5W', 'BRK1', '2026-03-02', 'released')),
  dec('S5W', 'BRK1', '2026-03-02', 'rejected'),
  { type: 'exam', filer: 'S5W', broker: 'BRK1', day: '2026-03-02', result: 'no-discrepancy' },
  ...times(2, dec('Q9X', null, '2026-03-09', 'released')),
  dec('Q9X', null, '2026-03-09', 'held'),
  { type: 'exam', filer: 'Q9X', broker: null, day: '2026-03-09', result: 'seizure-worthy' },
];
const tally = () => new ScoreTally().addAll(DATA);

describe('scorecard rates on hand-computed data', () => {
  it('weekly filer rows: counts, all-filer baseline and ratio', () => {
    const rows = scorecard(tally(), { subject: 'filer', period: 'week' });
    expect(rows.map((r) => `${r.code} ${r.key}`)).toEqual(['A7K 2026-W10', 'Q9X 2026-W11', 'S5W 2026-W10']);
    const a = rows[0]!;
    expect(a.counts).toEqual({
      decisions: 6,
      rejected: 1,
      withheld: 1,
      held: 1,
      released: 3,
      exams: 1,
      examDiscrepancies: 1,
      seizureWorthy: 0,
      seizures: 1,
    });
    expect(a.baseline).toMatchObject({
      decisions: 10,
      rejected: 2,
      withheld: 1,
      held: 1,
      exams: 2,
      seizures: 1,
    });
    expect(a.metrics.rejection.subject).toMatchObject({ count: 1, of: 6, rate: 1 / 6 });
    expect(a.metrics.rejection.baseline.rate).toBe(0.2);
    expect(a.metrics.rejection.ratio).toBeCloseTo(5 / 6, 12);
    expect(a.metrics.rejection.others).toMatchObject({ count: 1, of: 4, rate: 0.25 });
    expect(a.metrics.withhold.ratio).toBeCloseTo(1 / 6 / (1 / 10), 12);
    expect(a.metrics.examDiscrepancy.subject).toMatchObject({ count: 1, of: 1, rate: 1 });
    expect(a.metrics.examDiscrepancy.ratio).toBe(2);
    expect(a.metrics.seizure.subject.rate).toBeCloseTo(1 / 6, 12);
    // Counts this small never stand out.
    expect(Object.values(a.metrics).map((m) => m.flag)).toEqual([
      'similar',
      'similar',
      'similar',
      'similar',
      'similar',
    ]);
    const q = rows[1]!;
    expect(q.counts).toMatchObject({
      decisions: 3,
      held: 1,
      exams: 1,
      examDiscrepancies: 1,
      seizureWorthy: 1,
    });
    expect(q.metrics.hold.flag).toBe('insufficient');
    expect(q.metrics.hold.ratio).toBe(1);
    expect(rows[2]!.metrics.rejection.ratio).toBeCloseTo(1.25, 12);
    const rowCheck = TypeCompiler.Compile(ScorecardRow);
    for (const r of rows) expect([...rowCheck.Errors(r)]).toEqual([]);
    expect([...TypeCompiler.Compile(TallyJson).Errors(tally().toJSON())]).toEqual([]);
  });

  it('daily and monthly rows regroup the same days', () => {
    const days = scorecard(tally(), { subject: 'filer', period: 'day', codes: ['A7K'] });
    expect(days.map((r) => [r.key, r.counts.decisions, r.baseline.decisions])).toEqual([
      ['2026-03-02', 4, 8],
      ['2026-03-04', 2, 2],
    ]);
    const months = scorecard(tally(), { subject: 'filer', period: 'month' });
    expect(months.map((r) => [r.code, r.key, r.counts.decisions, r.baseline.decisions])).toEqual([
      ['A7K', '2026-03', 6, 13],
      ['Q9X', '2026-03', 3, 13],
      ['S5W', '2026-03', 4, 13],
    ]);
    expect(months[0]!.metrics.hold.baseline).toMatchObject({ count: 2, of: 13 });
    expect(months[0]!.metrics.examDiscrepancy.baseline).toMatchObject({ count: 2, of: 3 });
  });

  it('brokers: filings without a broker are in the baseline only', () => {
    const rows = scorecard(tally(), { subject: 'broker', period: 'month' });
    expect(rows.map((r) => [r.code, r.counts.decisions, r.baseline.decisions])).toEqual([['BRK1', 10, 13]]);
    expect(rows[0]!.metrics.rejection.others).toMatchObject({ count: 0, of: 3 });
  });

  it('flags a filer whose interval lies above or below that of all other filers', () => {
    const t = new ScoreTally().addAll([
      ...times(30, dec('BAD', null, '2026-03-02', 'released')),
      ...times(20, dec('BAD', null, '2026-03-02', 'rejected')),
      ...times(990, dec('OTH', null, '2026-03-02', 'released')),
      ...times(10, dec('OTH', null, '2026-03-02', 'rejected')),
      ...times(500, dec('GOOD', null, '2026-03-02', 'released')),
    ]);
    const flags = Object.fromEntries(
      scorecard(t, { subject: 'filer', period: 'day' }).map((r) => [r.code, r.metrics.rejection.flag]),
    );
    expect(flags).toEqual({ BAD: 'above', GOOD: 'below', OTH: 'below' });
    const bad = scorecard(t, { subject: 'filer', period: 'day', codes: ['BAD'] })[0]!;
    expect(bad.metrics.rejection.ratio).toBeCloseTo(0.4 / (30 / 1550), 12);
  });

  it('Wilson intervals match published values', () => {
    const [lo, hi] = wilson(5, 10)!;
    expect(lo).toBeCloseTo(0.2366, 4);
    expect(hi).toBeCloseTo(0.7634, 4);
    expect(wilson(0, 10)![0]).toBe(0);
    expect(wilson(0, 10)![1]).toBeCloseTo(0.2775, 4);
    expect(wilson(0, 0)).toBeNull();
  });

  it('ISO weeks: Monday starts a week; the first Thursday decides the year', () => {
    expect(isoWeek('2026-03-01')).toBe('2026-W09');
    expect(isoWeek('2026-03-02')).toBe('2026-W10');
    expect(isoWeek('2026-03-08')).toBe('2026-W10');
    expect(isoWeek('2021-01-03')).toBe('2020-W53');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
  });
});

describe('incremental and mergeable tallies', () => {
  const record: fc.Arbitrary<ScoreRecord> = fc
    .record({
      filer: fc.constantFrom('A7K', 'S5W', 'Q9X'),
      broker: fc.constantFrom('BRK1', 'BRK2', null),
      day: fc.constantFrom('2026-02-27', '2026-03-01', '2026-03-02', '2026-04-30'),
      kind: fc.constantFrom(
        'rejected',
        'withheld',
        'held',
        'released',
        'exam-0',
        'exam-1',
        'exam-2',
        'seizure',
      ),
    })
    .map(({ filer, broker, day, kind }): ScoreRecord => {
      if (kind === 'seizure') return { type: 'seizure', filer, broker, day };
      if (kind.startsWith('exam-'))
        return {
          type: 'exam',
          filer,
          broker,
          day,
          result: (['no-discrepancy', 'discrepancy', 'seizure-worthy'] as const)[Number(kind.slice(5))]!,
        };
      return dec(filer, broker, day, kind as ScoredStatus);
    });
  const of = (rs: ScoreRecord[]) => new ScoreTally().addAll(rs);

  it('property: merge(tally(a), tally(b)) = tally(a ++ b), in either order', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 60 }), fc.array(record, { maxLength: 60 }), (a, b) => {
        const whole = of([...a, ...b]).toJSON();
        expect(of(a).merge(of(b)).toJSON()).toEqual(whole);
        expect(of(b).merge(of(a)).toJSON()).toEqual(whole);
      }),
      { numRuns: 200 },
    );
  });

  it('property: scorecards of merged partitions equal those of the whole stream, through JSON', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 80 }), fc.integer({ min: 1, max: 4 }), (all, parts) => {
        const partials = Array.from({ length: parts }, (_, i) => of(all.filter((_, j) => j % parts === i)));
        const merged = partials
          .map((p) => ScoreTally.fromJSON(JSON.parse(JSON.stringify(p.toJSON()))))
          .reduce((x, y) => x.merge(y));
        for (const subject of ['filer', 'broker'] as const)
          expect(scorecard(merged, { subject, period: 'week' })).toEqual(
            scorecard(of(all), { subject, period: 'week' }),
          );
      }),
      { numRuns: 100 },
    );
  });

  it('merging leaves both inputs unchanged', () => {
    const a = of(DATA.slice(0, 5));
    const b = of(DATA.slice(5));
    const before = [a.toJSON(), b.toJSON()];
    a.merge(b);
    expect([a.toJSON(), b.toJSON()]).toEqual(before);
  });
});

describe('records from decisions and case events', () => {
  const decision = (status: Decision['status'], decidedAt: string) =>
    ({ filer: 'A7K', broker: 'BRK1', status, decidedAt }) as Decision;

  it('takes the U.S. Eastern day of the decision and skips accepted and cancelled', () => {
    expect(recordFromDecision(decision('withheld', '2026-03-02T03:00:00Z'))).toEqual(
      dec('A7K', 'BRK1', '2026-03-01', 'withheld'),
    );
    expect(recordFromDecision(decision('accepted', '2026-03-02T15:00:00Z'))).toBeUndefined();
    expect(recordFromDecision(decision('cancelled', '2026-03-02T15:00:00Z'))).toBeUndefined();
  });

  it('counts exams and seizures from case events, nothing else', () => {
    const policy = casePolicy();
    const exam = applyCaseCommand(
      caseIn('under-exam'),
      { kind: 'record-exam', result: 'seizure-worthy', notes: '', findings: [] },
      officer,
      '2026-03-02T15:00:00Z',
      policy,
    );
    if (!exam.ok) throw new Error(exam.message);
    expect(recordFromCaseEvent(exam.case, exam.event)).toEqual({
      type: 'exam',
      filer: 'A7K',
      broker: 'BRK1',
      day: '2026-03-02',
      result: 'seizure-worthy',
    });
    const seized = applyCaseCommand(
      exam.case,
      { kind: 'close', disposition: 'seized', reason: 'r' },
      officer,
      '2026-03-03T15:00:00Z',
      policy,
    );
    if (!seized.ok) throw new Error(seized.message);
    expect(recordFromCaseEvent(seized.case, seized.event)).toEqual({
      type: 'seizure',
      filer: 'A7K',
      broker: 'BRK1',
      day: '2026-03-03',
    });
    const note = applyCaseCommand(
      seized.case,
      { kind: 'annotate', note: 'x' },
      officer,
      '2026-03-03T16:00:00Z',
      policy,
    );
    expect(note.ok && recordFromCaseEvent(note.case, note.event)).toBeUndefined();
  });
});
