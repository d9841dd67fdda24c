export { type CheckResult, checkRecord, MAX_SCHEMA_FINDINGS } from './check-record.js';
export * from './schema.js';
