import type { FilingLike } from '../filing/schema.js';
import { type Finding, finding } from '../findings/index.js';
import type { ReferenceData } from '../refdata/index.js';

/** ACE compares the header with the line total; one cent absorbs rounding in the USD conversion. */
export const VALUE_TOLERANCE_CENTS = 1;

const positive = (n: number | undefined): n is number => n !== undefined && Number.isFinite(n) && n > 0;
const shown = (n: number | undefined): string => (n === undefined ? 'nothing' : String(n));

/** Values, weights and quantities present and positive; header value not below the lines (ACE 119). */
export function checkAmounts(f: FilingLike, ref: ReferenceData, out: Finding[]): void {
  if (!positive(f.declaredValue))
    out.push(finding('VALUE_NOT_POSITIVE', '/declaredValue', `got ${shown(f.declaredValue)}`));
  if (!positive(f.grossWeightKg))
    out.push(finding('WEIGHT_NOT_POSITIVE', '/grossWeightKg', `got ${shown(f.grossWeightKg)} kg`));
  let linesUsd = 0;
  let convertible = true;
  const lines = f.lines;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!positive(line.value))
      out.push(finding('VALUE_NOT_POSITIVE', `/lines/${i}/value`, `got ${shown(line.value)}`));
    if (!positive(line.quantity))
      out.push(finding('QUANTITY_NOT_POSITIVE', `/lines/${i}/quantity`, `got ${shown(line.quantity)}`));
    if (line.weightKg !== undefined && !positive(line.weightKg))
      out.push(finding('WEIGHT_NOT_POSITIVE', `/lines/${i}/weightKg`, `got ${shown(line.weightKg)} kg`));
    const rate = ref.usdPerUnit(line.currency);
    if (rate === undefined) convertible = false;
    else linesUsd += line.value * rate;
  }
  // Without a rate for every currency there is no honest comparison; CURRENCY_* findings say why.
  const headerRate = ref.usdPerUnit(f.currency);
  if (!convertible || headerRate === undefined || !positive(f.declaredValue)) return;
  const headerUsd = f.declaredValue * headerRate;
  // In whole cents, so that binary fractions do not decide the boundary case.
  if (Math.round((linesUsd - headerUsd) * 100) > VALUE_TOLERANCE_CENTS)
    out.push(
      finding(
        'VALUE_BELOW_LINES',
        '/declaredValue',
        `declared $${headerUsd.toFixed(2)}, the ${lines.length} line(s) add up to $${linesUsd.toFixed(2)}`,
      ),
    );
}
