/**
 * JSON text of the generated records, built directly: the generator's records ARE this text (objects
 * are parsed from it), so what `minimis generate` writes and what `generateDay` yields cannot differ.
 * Keys come in the order of the filing schema; output equals JSON.stringify of the parsed object.
 * Codes, ids, instants and numbers are written unescaped: the generator makes them from safe characters.
 */
import type { Address, Party } from '../core/filing/schema.js';

const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/** A JSON string literal: the text in quotes, or JSON.stringify's escaping when it needs any. */
export function q(s: string): string {
  return PLAIN.test(s) ? `"${s}"` : JSON.stringify(s);
}

/** JSON string literal of generated text: vocabulary, digits and punctuation, never anything to escape. */
const raw = (s: string): string => `"${s}"`;

/**
 * JSON of an address. `trusted` skips the escaping check for text made from the generator's own
 * vocabulary (catalog.test.ts checks that none of it needs escaping).
 */
export function addressJson(a: Address, trusted = false): string {
  const t = trusted ? raw : q;
  let out = `{"line1":${t(a.line1)}`;
  if (a.line2 !== undefined) out += `,"line2":${t(a.line2)}`;
  out += `,"city":${t(a.city)}`;
  if (a.state !== undefined) out += `,"state":${t(a.state)}`;
  if (a.postalCode !== undefined) out += `,"postalCode":${t(a.postalCode)}`;
  return `${out},"country":${t(a.country)}}`;
}

export function partyJson(p: Party, trusted = false): string {
  const t = trusted ? raw : q;
  let out = `{"name":${t(p.name)},"address":${addressJson(p.address, trusted)}`;
  if (p.phone !== undefined) out += `,"phone":${t(p.phone)}`;
  if (p.email !== undefined) out += `,"email":${t(p.email)}`;
  if (p.id !== undefined) out += `,"id":${t(p.id)}`;
  return `${out}}`;
}

export interface LineDraft {
  hts: string;
  description: string;
  quantity: number;
  unit: string;
  valueCents: number;
  currency: string;
  origin: string;
  grams: number;
  cas?: string;
  /** JSON of the pga array, when present. */
  pga?: string;
}

export function lineJson(l: LineDraft, valueCents = l.valueCents): string {
  let out =
    `{"hts":"${l.hts}","description":${q(l.description)},"quantity":${l.quantity},"unit":"${l.unit}"` +
    `,"value":${valueCents / 100},"currency":"${l.currency}","origin":"${l.origin}","weightKg":${l.grams / 1000}`;
  if (l.cas !== undefined) out += `,"cas":"${l.cas}"`;
  if (l.pga !== undefined) out += `,"pga":${l.pga}`;
  return `${out}}`;
}

export interface FilingDraft {
  id: string;
  kind: string;
  mode: string;
  /** JSON of the filer, broker and carrier organizations. */
  filer: string;
  broker: string | undefined;
  carrier: string | undefined;
  masterBill: string | undefined;
  houseBill: string | undefined;
  conveyanceId: string;
  portOfEntry: string;
  filedAt: string;
  estimatedArrival: string | readonly string[] | undefined;
  /** JSON of the shipper and consignee. */
  shipper: string;
  consignee: string;
  marketplace: { name: string; listingId: string; listingUrl: string } | undefined;
  grossGrams: number;
  currency: string;
  lines: LineDraft[];
}

/** The filing (or an amendment of it, with other line values and filing time) as one JSON line. */
export function filingJson(
  d: FilingDraft,
  type: 'filing' | 'amendment' = 'filing',
  version = 1,
  filedAt = d.filedAt,
  lineCents?: readonly number[],
): string {
  let declared = 0;
  let lines = '';
  for (let k = 0; k < d.lines.length; k++) {
    const l = d.lines[k]!;
    const cents = lineCents === undefined ? l.valueCents : lineCents[k]!;
    declared += cents;
    lines += (k === 0 ? '' : ',') + lineJson(l, cents);
  }
  let out = `{"type":"${type}","id":"${d.id}","version":${version},"kind":"${d.kind}","mode":"${d.mode}","filer":${d.filer}`;
  if (d.broker !== undefined) out += `,"broker":${d.broker}`;
  if (d.carrier !== undefined) out += `,"carrier":${d.carrier}`;
  if (d.masterBill !== undefined) out += `,"masterBill":"${d.masterBill}"`;
  if (d.houseBill !== undefined) out += `,"houseBill":"${d.houseBill}"`;
  out += `,"conveyanceId":"${d.conveyanceId}","portOfEntry":"${d.portOfEntry}","filedAt":"${filedAt}"`;
  const eda = d.estimatedArrival;
  if (typeof eda === 'string') out += `,"estimatedArrival":"${eda}"`;
  else if (eda !== undefined) out += `,"estimatedArrival":["${eda.join('","')}"]`;
  out += `,"shipper":${d.shipper},"consignee":${d.consignee}`;
  const value = declared / 100;
  const m = d.marketplace;
  if (m !== undefined)
    out += `,"marketplace":{"name":${q(m.name)},"listingId":"${m.listingId}","listingUrl":"${m.listingUrl}","listedPrice":${value},"currency":"${d.currency}"}`;
  return `${out},"grossWeightKg":${d.grossGrams / 1000},"declaredValue":${value},"currency":"${d.currency}","claim":"section321","lines":[${lines}]}`;
}

export function arrivalJson(conveyanceId: string, arrivedAt: string, port: string): string {
  return `{"type":"arrival","conveyanceId":${q(conveyanceId)},"arrivedAt":${q(arrivedAt)},"port":${q(port)}}`;
}

export function cancellationJson(id: string, version: number): string {
  return `{"type":"cancellation","id":${q(id)},"version":${version}}`;
}
