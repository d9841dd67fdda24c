export { FINDINGS, type FindingCode, type FindingSpec, fixFor, type Severity } from './catalog.js';
export { type Finding, finding, isReject } from './finding.js';
