export { isParameterName, PARAMETER_SCHEMAS, type ParameterName, type ParameterValue } from './catalog.js';
export { type DatedPolicy, datedPolicy, overlay, type PolicyDefinition } from './dated-policy.js';
export { defaultPolicy } from './default-policy.js';
export {
  type Eligibility,
  type EligibilityOutcome,
  evaluateEligibility,
  ParameterReader,
  type RuleStep,
  type ShipmentFacts,
} from './eligibility.js';
export { classifyGoods, type GoodsLookups } from './goods.js';
export {
  checkHistory,
  type DatedValue,
  type HistoryProblem,
  type ParameterHistory,
  type ParameterSet,
  valueAt,
} from './parameters.js';
export { type AggregationRule, isExcluded, type Policy } from './policy.js';
