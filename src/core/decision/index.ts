export { Decision, DecisionStatus, FindingSchema, Message, PartyOutcome } from './schema.js';
