export { defaultPolicy } from './default-policy.js';
export { type AggregationRule, isExcluded, type Policy } from './policy.js';
