import { type Static, Type as T } from '@sinclair/typebox';
import { ExamResult } from '../cases/schema.js';

/**
 * What the scorecards count: one small record per screening outcome, exam and seizure. The HTTP
 * layer or a batch job derives them from decisions and case events (see `records.ts`), so the
 * scorecards never need the filings themselves.
 */
const closed = { additionalProperties: false } as const;
const Day = T.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'U.S. Eastern calendar day of the event, YYYY-MM-DD',
});
const who = {
  filer: T.String({ minLength: 1, description: 'Filer code' }),
  broker: T.Union([T.String({ minLength: 1 }), T.Null()], {
    description: 'Broker code, when the filing names one',
  }),
  day: Day,
};

export const ScoredStatus = T.Union([
  T.Literal('rejected'),
  T.Literal('withheld'),
  T.Literal('held'),
  T.Literal('released'),
]);
export type ScoredStatus = Static<typeof ScoredStatus>;

export const DecisionRecord = T.Object(
  {
    type: T.Literal('decision'),
    ...who,
    status: ScoredStatus,
  },
  { ...closed, description: 'One shipment’s screening outcome; feed one per shipment (its latest decision)' },
);
export const ExamRecord = T.Object({ type: T.Literal('exam'), ...who, result: ExamResult }, closed);
export const SeizureRecord = T.Object({ type: T.Literal('seizure'), ...who }, closed);
export const ScoreRecord = T.Union([DecisionRecord, ExamRecord, SeizureRecord]);
export type ScoreRecord = Static<typeof ScoreRecord>;

export const Counts = T.Object(
  {
    decisions: T.Integer({ minimum: 0 }),
    rejected: T.Integer({ minimum: 0 }),
    withheld: T.Integer({ minimum: 0, description: '4M withholds (de minimis met)' }),
    held: T.Integer({ minimum: 0 }),
    released: T.Integer({ minimum: 0 }),
    exams: T.Integer({ minimum: 0 }),
    examDiscrepancies: T.Integer({ minimum: 0, description: 'Exams with a discrepancy or seizure-worthy' }),
    seizureWorthy: T.Integer({ minimum: 0 }),
    seizures: T.Integer({ minimum: 0 }),
  },
  closed,
);
export type Counts = Static<typeof Counts>;
export const COUNT_FIELDS = [
  'decisions',
  'rejected',
  'withheld',
  'held',
  'released',
  'exams',
  'examDiscrepancies',
  'seizureWorthy',
  'seizures',
] as const satisfies readonly (keyof Counts)[];

export const SubjectKind = T.Union([T.Literal('filer'), T.Literal('broker')]);
export type SubjectKind = Static<typeof SubjectKind>;
export const Period = T.Union([T.Literal('day'), T.Literal('week'), T.Literal('month')]);
export type Period = Static<typeof Period>;

/** A tally in a form that survives JSON and a database column; cells sorted, so equal tallies are equal. */
export const TallyJson = T.Object(
  {
    version: T.Literal(1),
    cells: T.Array(
      T.Tuple([
        T.Union([T.Literal('filer'), T.Literal('broker'), T.Literal('all')]),
        T.String({ description: 'Filer or broker code; * for all' }),
        Day,
        T.Array(T.Integer({ minimum: 0 }), { description: 'Counts in COUNT_FIELDS order' }),
      ]),
    ),
  },
  closed,
);
export type TallyJson = Static<typeof TallyJson>;

export const Metric = T.Union([
  T.Literal('rejection'),
  T.Literal('withhold'),
  T.Literal('hold'),
  T.Literal('examDiscrepancy'),
  T.Literal('seizure'),
]);
export type Metric = Static<typeof Metric>;
export const METRICS: readonly Metric[] = ['rejection', 'withhold', 'hold', 'examDiscrepancy', 'seizure'];

const Interval = T.Union([T.Tuple([T.Number(), T.Number()]), T.Null()], {
  description: 'Wilson score interval of the rate; null without observations',
});
export const Proportion = T.Object(
  {
    count: T.Integer({ minimum: 0 }),
    of: T.Integer({ minimum: 0, description: 'Denominator: decisions, or exams for examDiscrepancy' }),
    rate: T.Union([T.Number(), T.Null()]),
    interval: Interval,
  },
  closed,
);
export type Proportion = Static<typeof Proportion>;

export const Comparison = T.Object(
  {
    subject: Proportion,
    baseline: Proportion,
    others: Proportion,
    ratio: T.Union([T.Number(), T.Null()], {
      description: 'Subject rate / all-filer rate; null when either is unknown or 0',
    }),
    flag: T.Union([T.Literal('above'), T.Literal('below'), T.Literal('similar'), T.Literal('insufficient')], {
      description:
        'above / below: the subject’s interval does not overlap that of all other filers; insufficient: no observations on one side',
    }),
  },
  closed,
);
export type Comparison = Static<typeof Comparison>;

export const ScorecardRow = T.Object(
  {
    subject: SubjectKind,
    code: T.String(),
    period: Period,
    key: T.String({ description: 'Period key: 2026-03-02, 2026-W10 or 2026-03' }),
    counts: Counts,
    baseline: Counts,
    metrics: T.Object(
      {
        rejection: Comparison,
        withhold: Comparison,
        hold: Comparison,
        examDiscrepancy: Comparison,
        seizure: Comparison,
      },
      closed,
    ),
  },
  closed,
);
export type ScorecardRow = Static<typeof ScorecardRow>;
