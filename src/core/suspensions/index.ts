export {
  applySuspensionCommand,
  covers,
  ledgerFromPeriods,
  type SuspensionError,
  type SuspensionErrorCode,
  type SuspensionLedger,
  type SuspensionResult,
  suspensionAt,
} from './ledger.js';
export { suspendedFilersHistory, withRecordedSuspensions } from './policy-feed.js';
export {
  Reinstate,
  RemedialPlan,
  Suspend,
  SuspensionCategory,
  SuspensionCommand,
  SuspensionPeriod,
  SuspensionReason,
} from './schema.js';
export { validateSuspensionCommand } from './validate.js';
