import type { Decision } from '../core/decision/index.js';
import { NO_RISK } from '../core/screen/targeting.js';
import type { Principal } from './api-keys.js';

/**
 * What a filer may see of a decision: everything it filed and the outcome, never the targeting — its lane,
 * score and rule reasons would tell a smuggler what to change. A hold still shows as `held` with its code.
 */
export function decisionFor(who: Principal, d: Decision): Decision {
  return who.role === 'filer' ? { ...d, lane: 'unassigned', risk: NO_RISK } : d;
}
