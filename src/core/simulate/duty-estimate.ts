import { ParameterReader, type ParameterSet } from '../policy/index.js';

/**
 * A first estimate of what a shipment owes once it is not eligible: the HTS column-1 general rate
 * when it is ad valorem or Free, the IEEPA rate of the origin, postal duties for postal items, and
 * the informal-entry MPF. Specific and compound general rates are counted as not computed, never as 0.
 */
export interface DutyLine {
  readonly hts: string;
  readonly origin: string;
  readonly valueUsd: number;
}

export interface DutyEstimate {
  readonly dutyUsd: number;
  readonly feesUsd: number;
  /** Lines whose general rate is not ad valorem (specific, compound, reference): not in `dutyUsd`. */
  readonly notComputed: number;
  readonly basis: readonly string[];
}

/** Formal entry above this value; informal (type 11) at or below (19 CFR 143.21(a)). */
export const INFORMAL_ENTRY_LIMIT_USD = 2500;

export function estimateDuty(
  lines: readonly DutyLine[],
  kind: string,
  mode: string,
  params: ParameterSet,
  generalRate: (hts10: string) => string | undefined,
  atMs: number,
): DutyEstimate {
  const r = new ParameterReader(params, atMs);
  const basis: string[] = [];
  let duty = 0;
  let notComputed = 0;
  const ieepa = r.entry('ieepa-rates');
  const postal = r.entry('postal-duty');
  const isPostal = kind === 'postal' || mode === 'mail';
  const total = lines.reduce((s, l) => s + l.valueUsd, 0);
  if (isPostal && postal?.value != null) {
    const p = postal.value;
    const origin = lines[0]?.origin ?? '';
    if (p.origins.includes('*') || p.origins.includes(origin)) {
      const rate = p.adValorem === 'ieepa' ? ieepaRate(ieepa?.value, origin) : p.adValorem;
      duty = (total * rate) / 100;
      basis.push(`postal ${rate}% ad valorem (${postal.citation})`);
      return { dutyUsd: round(duty), feesUsd: 0, notComputed: 0, basis };
    }
  }
  for (const l of lines) {
    const g = adValorem(generalRate(l.hts.replace(/\D/g, '')));
    if (g === undefined) notComputed++;
    else duty += (l.valueUsd * g) / 100;
    duty += (l.valueUsd * ieepaRate(ieepa?.value, l.origin)) / 100;
  }
  basis.push('HTS general rate (ad valorem lines)');
  if (ieepa !== undefined) basis.push(`IEEPA (${ieepa.citation})`);
  const mpf = r.entry('mpf-informal-usd');
  const fees = total <= INFORMAL_ENTRY_LIMIT_USD && mpf !== undefined ? mpf.value.automated : 0;
  if (fees > 0 && mpf !== undefined) basis.push(`MPF informal entry $${fees} (${mpf.citation})`);
  return { dutyUsd: round(duty), feesUsd: fees, notComputed, basis };
}

function ieepaRate(
  v: { default: number; byCountry: Record<string, number> } | undefined,
  origin: string,
): number {
  if (v === undefined) return 0;
  return v.byCountry[origin] ?? v.default;
}

/** `Free` → 0, `6.5%` → 6.5; anything else (specific, compound, text) → undefined. */
export function adValorem(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (/^free\b/i.test(t)) return 0;
  const m = /^(\d+(?:\.\d+)?)%$/.exec(t);
  return m === null ? undefined : Number(m[1]);
}

const round = (x: number) => Math.round(x * 100) / 100;
