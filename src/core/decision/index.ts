export { Decision, DecisionStatus, FindingSchema, Message, PartyOutcome, RiskOutcome } from './schema.js';
