import type { Alignment } from './align.js';
import type { ListEntry, ListName } from './types.js';

export interface ExplainInput {
  readonly entry: ListEntry;
  readonly listedName: ListName;
  readonly alignment: Alignment;
  /** Words normalization removed from the query (legal forms, titles). */
  readonly removed: readonly string[];
  readonly country: string;
  readonly countryAdjustment: number;
  readonly sharedAddress: readonly string[];
  readonly addressAdjustment: number;
  readonly score: number;
}

/**
 * One line an officer can check against the list without rerunning anything:
 * `ofac-sdn 2676 [SDGT] "AL ZAWAHIRI, Dr. Ayman" via aka "…": ZAWAHIRI=ZAWAHIRI, AIMAN~AYMAN
 * (transliteration 0.95); name 0.97; country EG agrees +0.04 → 1.00`.
 */
export function explain(x: ExplainInput): string {
  const a = x.alignment;
  const programs = x.entry.programs.length === 0 ? '' : ` [${x.entry.programs.join(', ')}]`;
  const via = x.listedName.kind === 'primary' ? '' : ` via ${x.listedName.kind} "${x.listedName.name}"`;
  const parts: string[] = [];
  const words = a.pairs.map((p) =>
    p.kind === 'exact' ? `${p.query}=${p.list}` : `${p.query}~${p.list} (${p.kind} ${p.score.toFixed(2)})`,
  );
  parts.push(words.length === 0 ? 'no word in common' : words.join(', '));
  if (a.reordered) parts.push('word order differs');
  if (a.unmatchedList.length > 0) parts.push(`list words not in query: ${a.unmatchedList.join(' ')}`);
  if (a.unmatchedQuery.length > 0) parts.push(`query words not in list: ${a.unmatchedQuery.join(' ')}`);
  if (x.removed.length > 0) parts.push(`ignored: ${x.removed.join(' ')}`);
  parts.push(`name ${a.score.toFixed(2)}`);
  parts.push(`${x.country}${signed(x.countryAdjustment)}`);
  if (x.sharedAddress.length > 0)
    parts.push(`address shares ${x.sharedAddress.join(' ')}${signed(x.addressAdjustment)}`);
  const head = `${x.entry.listId} ${x.entry.entryId}${programs} "${x.entry.names[0]!.name}"${via}`;
  return `${head}: ${parts.join('; ')} → ${x.score.toFixed(2)}`;
}

function signed(x: number): string {
  if (x === 0) return '';
  return x > 0 ? ` +${x.toFixed(2)}` : ` ${x.toFixed(2)}`;
}
