import { formatPart, type RateParse, type RatePart } from './general-rate.js';
import { formatUsd } from './money.js';
import { type LineQuantity, quantityIn } from './quantity.js';

/** Why a component has no amount; stable, for counting and for reports. */
export type NotComputedCode =
  | 'RATE_MALFORMED'
  | 'RATE_EMPTY'
  | 'RATE_REFERENCE'
  | 'RATE_NOT_COMPUTABLE'
  | 'QUANTITY_MISSING'
  | 'PARTIAL_VALUE'
  | 'HTS_UNKNOWN'
  | 'LIST_NOT_LOADED'
  | 'PARAMETER_MISSING'
  | 'VALUE_INVALID';

export interface DutyLineFacts extends LineQuantity {
  readonly valueUsd: number;
}

export type PartDuty =
  | { readonly ok: true; readonly usd: number; readonly basis: string }
  | { readonly ok: false; readonly code: NotComputedCode; readonly why: string };

/** Unrounded USD of one part of a rate on one line. */
export function partDuty(part: RatePart, line: DutyLineFacts): PartDuty {
  if (part.kind === 'ad-valorem') {
    if (part.on !== undefined)
      return {
        ok: false,
        code: 'PARTIAL_VALUE',
        why: `${formatPart(part)}: the filing gives the value of the whole article, not of the ${part.on}`,
      };
    return {
      ok: true,
      usd: (line.valueUsd * part.percent) / 100,
      basis: `${part.percent}% × ${formatUsd(line.valueUsd)}`,
    };
  }
  if (part.on !== undefined && !GROSS_WEIGHT.test(part.on))
    return {
      ok: false,
      code: 'QUANTITY_MISSING',
      why: `${formatPart(part)}: the filing gives no quantity of the ${part.on}`,
    };
  const q = quantityIn(part.unit, part.on === undefined ? line : { weightKg: line.weightKg });
  if (!q.ok) return { ok: false, code: 'QUANTITY_MISSING', why: `${formatPart(part)}: ${q.why}` };
  return { ok: true, usd: part.usdPerUnit * q.amount, basis: `${formatPart(part)} × ${q.how}` };
}

// "on contents and container", "on entire contents of container": the gross weight, which is what a
// filing's declared weight is.
const GROSS_WEIGHT = /contents (?:and|of) container/i;

/**
 * The column-1 general duty of one line, unrounded: the sum of its parts, or why it cannot be
 * computed. A rate with one part that cannot be computed is not computed at all, since a partial sum
 * would read as the whole duty.
 */
export function generalDuty(parsed: RateParse, line: DutyLineFacts): PartDuty {
  if (!parsed.ok) return { ok: false, code: parsed.code, why: `${parsed.message}: '${parsed.text}'` };
  const rate = parsed.rate;
  switch (rate.form) {
    case 'free':
      return {
        ok: true,
        usd: 0,
        basis: rate.condition === undefined ? 'Free' : `Free (${rate.condition})`,
      };
    case 'reference':
      return { ok: false, code: 'RATE_REFERENCE', why: rate.reason };
    case 'not-computable':
      return { ok: false, code: 'RATE_NOT_COMPUTABLE', why: rate.reason };
    default: {
      let usd = 0;
      const bases: string[] = [];
      const missing: string[] = [];
      let code: NotComputedCode | undefined;
      for (const part of rate.parts) {
        const d = partDuty(part, line);
        if (d.ok) {
          usd += d.usd;
          bases.push(d.basis);
        } else {
          code ??= d.code;
          missing.push(d.why);
        }
      }
      if (code !== undefined) return { ok: false, code, why: missing.join('; ') };
      return { ok: true, usd, basis: bases.join(' + ') };
    }
  }
}
