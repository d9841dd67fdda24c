export { FINDINGS, type FindingCode, type FindingSpec, type Severity } from './catalog.js';
export { type Finding, finding, isReject } from './finding.js';
