import { FINDINGS, type FindingCode, type Severity } from './catalog.js';

/** One problem (or notice) about a record: data, not a sentence; `message` is rendered once, here. */
export interface Finding {
  readonly code: FindingCode;
  readonly severity: Severity;
  /** JSON-pointer-like path into the record, e.g. `/lines/2/hts`; `` for the whole record. */
  readonly path: string;
  readonly message: string;
  readonly aceCode?: string;
  /** 1-based line of the input file, when the finding comes from reading a file. */
  readonly line?: number;
}

/** Builds a finding from the catalog; `detail` completes the catalog title with the specifics. */
export function finding(code: FindingCode, path: string, detail?: string, line?: number): Finding {
  const spec: { severity: Severity; aceCode?: string; title: string } = FINDINGS[code];
  const message = detail === undefined ? spec.title : `${spec.title}: ${detail}`;
  const f: { -readonly [K in keyof Finding]: Finding[K] } = { code, severity: spec.severity, path, message };
  if (spec.aceCode !== undefined) f.aceCode = spec.aceCode;
  if (line !== undefined) f.line = line;
  return f;
}

export const isReject = (f: Finding): boolean => f.severity === 'reject';
