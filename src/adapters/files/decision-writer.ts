import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Decision } from '../../core/decision/index.js';

const CSV_COLUMNS = [
  'filingId',
  'version',
  'status',
  'codes',
  'partyKey',
  'partyDay',
  'partyTotalUsd',
  'valueUsd',
  'kind',
  'mode',
  'filer',
  'broker',
  'conveyanceId',
  'arrivedAt',
  'lane',
  'riskScore',
  'findings',
] as const;

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function csvRow(d: Decision): string {
  return [
    d.filingId,
    d.version,
    d.status,
    d.codes.join(' '),
    d.party?.key,
    d.party?.day,
    d.party?.totalUsd,
    d.valueUsd,
    d.kind,
    d.mode,
    d.filer,
    d.broker,
    d.conveyanceId,
    d.arrivedAt,
    d.lane,
    d.risk.score,
    d.findings.map((f) => `${f.aceCode ?? f.code} ${f.path}`).join('; '),
  ]
    .map(csvCell)
    .join(',');
}

/** Writes decisions as NDJSON, or CSV when the path ends in .csv; resolves with the count. */
export async function writeDecisions(path: string, decisions: Iterable<Decision>): Promise<number> {
  const csv = path.toLowerCase().endsWith('.csv');
  const out = createWriteStream(path);
  let n = 0;
  let buf = csv ? `${CSV_COLUMNS.join(',')}\n` : '';
  for (const d of decisions) {
    buf += csv ? `${csvRow(d)}\n` : `${JSON.stringify(d)}\n`;
    n++;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
  return n;
}
