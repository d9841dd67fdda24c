export {
  Actor,
  ActorRole,
  AssessedPenalty,
  CASE_COMMAND_KINDS,
  CASE_STATES,
  Case,
  CaseCommand,
  type CaseCommandKind,
  CaseEvent,
  CaseOrigin,
  type CasePolicy,
  type CaseState,
  CLOSED_STATES,
  type ClosedCaseState,
  DISPOSITIONS,
  Disposition,
  ExamResult,
  OPEN_STATES,
  type OpenCaseState,
  PenaltyKind,
} from './schema.js';
export {
  allowedTarget,
  CASE_TRANSITIONS,
  COMMAND_ROLES,
  type Target,
  TRANSITION_KEYS,
  type TransitionKey,
  transitionKey,
} from './transitions.js';
export { validateActor, validateCaseCommand } from './validate.js';
export { applyCaseCommand, type CaseError, type CaseErrorCode, type CaseResult } from './workflow.js';
