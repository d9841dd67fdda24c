import type { FilingStateRow } from '../../core/screen/index.js';

/**
 * The values of a filing state row in the column order both stores use (id, version, seq, kind, mode,
 * filer, broker, conveyance_id, filed_at, filed_at_ms, eda_day, value_cents, party_key, variant, match,
 * reason, provisional_cents, rejected, cancelled, findings, hashes, facts, risk). `flag` writes a boolean
 * as the store keeps it (SQLite 1/0, PostgreSQL boolean).
 */
export function filingStateValues(r: FilingStateRow, flag: (b: boolean) => unknown): unknown[] {
  return [
    r.id,
    r.version,
    r.seq,
    r.kind,
    r.mode,
    r.filer,
    r.broker,
    r.conveyanceId,
    r.filedAt,
    r.filedAtMs,
    r.edaDay,
    r.valueCents,
    r.partyKey,
    r.variant,
    r.match,
    r.reason,
    r.provisionalCents,
    flag(r.rejected),
    flag(r.cancelled),
    JSON.stringify(r.findings),
    JSON.stringify(r.hashes),
    r.facts === null ? null : JSON.stringify(r.facts),
    r.risk === null ? null : JSON.stringify(r.risk),
  ];
}
