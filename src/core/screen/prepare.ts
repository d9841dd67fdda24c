import { checkRecord } from '../filing/check-record.js';
import type { FilingLike } from '../filing/schema.js';
import { type Finding, finding } from '../findings/index.js';
import { normalizeAddress, normalizeName } from '../identity/index.js';
import type { ReferenceData } from '../refdata/reference-data.js';
import { staticRiskFacts } from '../risk/index.js';
import { easternDay, parseInstant } from '../time/index.js';
import { validateFiling } from '../validation/index.js';
import { hash53 } from './hash.js';
import type { Prepared, PreparedFiling } from './prepared.js';

/**
 * The stateless stage: schema, data quality, currency conversion and consignee normalization.
 * Pure, so it can run on any worker thread; `line` is the 1-based line of the input file and
 * `text` the record's source text when it has one (NDJSON), stored as filed.
 */
export function prepare(value: unknown, line: number, ref: ReferenceData, text?: string): Prepared {
  const checked = checkRecord(value);
  if (!checked.ok)
    return { type: 'invalid', line, findings: withLine(checked.findings, line), id: idOf(value) };
  const r = checked.record;
  switch (r.type) {
    case 'filing':
    case 'amendment':
      return prepareFiling(r, line, ref, text);
    case 'arrival': {
      const ms = parseInstant(r.arrivedAt);
      if (Number.isNaN(ms))
        return {
          type: 'invalid',
          line,
          findings: [finding('INSTANT_INVALID', '/arrivedAt', r.arrivedAt, line)],
          id: undefined,
        };
      return {
        type: 'arrival',
        line,
        conveyanceId: r.conveyanceId,
        arrivedAt: r.arrivedAt,
        arrivedAtMs: ms,
        port: r.port,
      };
    }
    case 'cancellation':
      return { type: 'cancellation', line, id: r.id, version: r.version };
  }
}

function prepareFiling(
  r: FilingLike,
  line: number,
  ref: ReferenceData,
  text: string | undefined,
): PreparedFiling {
  const findings = validateFiling(r, ref);
  const rate = ref.usdPerUnit(r.currency);
  const eda = Array.isArray(r.estimatedArrival) ? r.estimatedArrival[0] : r.estimatedArrival;
  const edaMs = eda === undefined ? Number.NaN : parseInstant(eda);
  // The line as filed is what is stored; re-serializing would cost as much as parsing it.
  const body = text ?? JSON.stringify(r);
  // Cents, rounded once, so that sums are exact and "exactly $800" stays within the limit.
  const valueCents =
    rate === undefined || !(r.declaredValue > 0) ? null : Math.round(r.declaredValue * rate * 100);
  return {
    type: r.type,
    line,
    id: r.id,
    version: r.version,
    kind: r.kind,
    mode: r.mode,
    filer: r.filer.code,
    broker: r.broker?.code ?? null,
    conveyanceId: r.conveyanceId,
    filedAt: r.filedAt,
    filedAtMs: parseInstant(r.filedAt),
    edaDay: Number.isNaN(edaMs) ? undefined : easternDay(edaMs),
    valueCents,
    facts: {
      kind: r.kind,
      mode: r.mode,
      claim: r.claim,
      filer: r.filer.code,
      filerRole: r.filer.role,
      carrier: r.carrier?.code ?? null,
      valueCents,
      origins: [...new Set(r.lines.map((l) => l.origin))].sort(),
      shipperCountry: r.shipper.address.country,
      ecommerce: r.marketplace !== undefined || r.filer.role === 'marketplace',
      goods: ref.classifyGoods?.(r.lines) ?? [],
    },
    findings: withLine(findings, line),
    consigneeName: normalizeName(r.consignee.name),
    consigneeAddress: normalizeAddress(r.consignee.address),
    body,
    hash: hash53(body),
    ...(ref.riskRules === undefined ? {} : { risk: staticRiskFacts(r, ref.riskRules, ref) }),
  };
}

function withLine(findings: readonly Finding[], line: number): Finding[] {
  return findings.map((f) => (f.line === undefined ? { ...f, line } : f));
}

function idOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}
