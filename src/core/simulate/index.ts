export {
  type Change,
  type Comparison,
  compare,
  needsEntry,
  type Outcome,
  type PolicySide,
  side,
} from './compare.js';
export { adValorem, type DutyEstimate, estimateDuty, INFORMAL_ENTRY_LIMIT_USD } from './duty-estimate.js';
export { shiftedPolicy } from './shifted-policy.js';
