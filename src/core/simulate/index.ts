export {
  type Change,
  type Comparison,
  compare,
  needsEntry,
  type Outcome,
  type PolicySide,
  side,
} from './compare.js';
export {
  type DutyEstimate,
  type DutySummary,
  estimateDuty,
  INFORMAL_ENTRY_LIMIT_USD,
  summarize,
} from './duty-estimate.js';
export { shiftedPolicy } from './shifted-policy.js';
