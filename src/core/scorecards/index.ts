export { recordFromCaseEvent, recordFromDecision } from './records.js';
export {
  COUNT_FIELDS,
  Comparison,
  Counts,
  DecisionRecord,
  ExamRecord,
  METRICS,
  Metric,
  Period,
  Proportion,
  ScorecardRow,
  ScoredStatus,
  ScoreRecord,
  SeizureRecord,
  SubjectKind,
  TallyJson,
} from './schema.js';
export { type ScorecardOptions, scorecard } from './scorecard.js';
export { isoWeek, periodKey, wilson } from './stats.js';
export { addCounts, ScoreTally, zeroCounts } from './tally.js';
