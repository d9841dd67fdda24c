export {
  CompiledRuleSet,
  type CompileResult,
  compileRuleSet,
  type RuleSetProblem,
  type RuleSetProblemCode,
} from './compile.js';
export type { UsdRates } from './filing-view.js';
export { RiskMemory } from './memory.js';
export { PartyListWatch } from './party-list-watch.js';
export { dayNumber, RollingDistinct } from './rolling.js';
export { type RuleSet, RuleSetSchema } from './rule-set.js';
export {
  combine,
  type RiskAssessment,
  type ScoreContext,
  type ScoreError,
  type ScoreResult,
  scoreWithMemory,
} from './score.js';
export {
  ShadowComparison,
  type ShadowDifference,
  type ShadowReport,
  ShadowRun,
  type SideDecision,
  sideOf,
} from './shadow.js';
export {
  type PartyKey,
  type RiskKeys,
  type StaticRisk,
  staticRiskFacts,
  type ValueSample,
} from './static-risk.js';
export { casCheckDigitOk } from './text.js';
export * from './types.js';
export { ValueSketch } from './value-sketch.js';
export { CompiledWatchList, type WatchList, type WatchMatch } from './watch-list.js';
