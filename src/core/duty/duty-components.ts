import { type DatedValue, ParameterReader, type ParameterSet } from '../policy/index.js';
import type { TariffLists } from '../refdata/tariff-lists.js';
import { type DutyLineFacts, generalDuty, type NotComputedCode } from './general-duty.js';
import { parseGeneralRateCached } from './general-rate.js';
import { formatUsd, toCents } from './money.js';

/**
 * What a shipment that cannot use Section 321 would owe, as a list of components: per line the HTS
 * general duty, Section 301 (China), Section 232 and the IEEPA rate of the origin; for a postal item the
 * postal duty instead; per entry the merchandise processing fee. Each component carries its amount in
 * cents (or why it has none), the arithmetic that produced it and the source of the rate.
 */
export type ComponentKind = 'general' | 'section301' | 'section232' | 'ieepa' | 'postal' | 'mpf';

interface ComponentHead {
  readonly kind: ComponentKind;
  /** Index of the line in the shipment; absent for per-shipment components (MPF, postal per item). */
  readonly line?: number;
  readonly hts?: string;
  readonly citation: string;
}

export type DutyComponent = ComponentHead &
  (
    | { readonly computed: true; readonly cents: number; readonly basis: string }
    | { readonly computed: false; readonly code: NotComputedCode; readonly why: string }
  );

export interface EstimateLine extends DutyLineFacts {
  readonly hts: string;
  /** ISO 3166-1 alpha-2. */
  readonly origin: string;
}

export type EntryKind = 'informal' | 'formal' | 'postal';

export interface ShipmentEstimate {
  readonly entry: EntryKind;
  readonly components: readonly DutyComponent[];
  /** Sum of the computed duty components (everything but MPF), in cents. */
  readonly dutyCents: number;
  readonly feesCents: number;
  /** Components that could not be computed: the total is a lower bound when this is not 0. */
  readonly notComputed: number;
}

/** How a postal item's duty is taken while both methods exist (EO 14324 §3 until 2026-02-28). */
export type PostalMethod = 'ad-valorem' | 'per-item' | 'lower';

export interface EstimateContext {
  readonly params: ParameterSet;
  readonly atMs: number;
  /** The general-rate text of a 10-digit line; undefined when the schedule does not list it. */
  readonly generalRate: (hts10: string) => string | undefined;
  /** True when an HTS schedule is loaded (else a missing line is "no schedule", not "unknown line"). */
  readonly hasSchedule: boolean;
  readonly tariffs?: TariffLists | undefined;
  readonly postalMethod?: PostalMethod;
}

/** Formal entry above this value; informal (type 11) at or below (19 CFR 143.21(a)). */
export const INFORMAL_ENTRY_LIMIT_USD = 2500;

const NON_DIGITS = /\D/g;

export function estimateShipment(
  lines: readonly EstimateLine[],
  shipment: { readonly kind: string; readonly mode: string },
  ctx: EstimateContext,
): ShipmentEstimate {
  const r = new ParameterReader(ctx.params, ctx.atMs);
  const ieepa = r.entry('ieepa-rates');
  const postal = r.entry('postal-duty');
  const isPostal = shipment.kind === 'postal' || shipment.mode === 'mail';
  const components: DutyComponent[] = [];
  let entry: EntryKind;
  if (isPostal && postal?.value != null && coversOrigins(postal.value.origins, lines)) {
    entry = 'postal';
    components.push(...postalComponents(lines, postal as DatedValue<PostalValue>, ieepa, ctx.postalMethod));
  } else {
    const total = lines.reduce((s, l) => s + (validValue(l.valueUsd) ? l.valueUsd : 0), 0);
    entry = total > INFORMAL_ENTRY_LIMIT_USD ? 'formal' : 'informal';
    lines.forEach((l, i) => {
      const hts10 = l.hts.replace(NON_DIGITS, '');
      if (!validValue(l.valueUsd)) {
        components.push(invalidValue(l, i, hts10));
        return;
      }
      components.push(generalComponent(l, i, hts10, ctx));
      const s301 = section301Component(l, i, hts10, ctx.tariffs);
      if (s301 !== undefined) components.push(s301);
      const s232 = section232Component(l, i, hts10, ctx.tariffs);
      if (s232 !== undefined) components.push(s232);
      const iv = ieepaComponent(l, i, hts10, ieepa);
      if (iv !== undefined) components.push(iv);
    });
    components.push(mpfComponent(entry, total, r, ctx.atMs));
  }
  let dutyCents = 0;
  let feesCents = 0;
  let notComputed = 0;
  for (const c of components) {
    if (!c.computed) notComputed++;
    else if (c.kind === 'mpf') feesCents += c.cents;
    else dutyCents += c.cents;
  }
  return { entry, components, dutyCents, feesCents, notComputed };
}

// Filing checks reject such values; the estimate still must not turn one into a negative duty.
const validValue = (v: number) => Number.isFinite(v) && v >= 0;

function invalidValue(l: EstimateLine, i: number, hts10: string): DutyComponent {
  return {
    kind: 'general',
    line: i,
    hts: hts10,
    citation: 'line value',
    computed: false,
    code: 'VALUE_INVALID',
    why: `the line value ${l.valueUsd} USD is not a non-negative amount: no duty is estimated for the line`,
  };
}

function generalComponent(l: EstimateLine, i: number, hts10: string, ctx: EstimateContext): DutyComponent {
  const head = { kind: 'general' as const, line: i, hts: hts10 };
  const text = ctx.generalRate(hts10);
  if (text === undefined)
    return {
      ...head,
      citation: 'HTSUS column 1 general',
      computed: false,
      code: ctx.hasSchedule ? 'HTS_UNKNOWN' : 'LIST_NOT_LOADED',
      why: ctx.hasSchedule
        ? `${hts10} is not a line of the loaded schedule`
        : 'no HTS schedule is loaded: the general rate is unknown',
    };
  const citation = `HTSUS ${dotted(hts10)} column 1 general "${text}"`;
  const d = generalDuty(parseGeneralRateCached(text), l);
  return d.ok
    ? { ...head, citation, computed: true, cents: toCents(d.usd), basis: d.basis }
    : { ...head, citation, computed: false, code: d.code, why: d.why };
}

function section301Component(
  l: EstimateLine,
  i: number,
  hts10: string,
  tariffs: TariffLists | undefined,
): DutyComponent | undefined {
  // The China Section 301 actions cover products of China only (Hong Kong is a separate origin).
  if (l.origin !== 'CN') return undefined;
  const head = { kind: 'section301' as const, line: i, hts: hts10 };
  if (tariffs?.editions.s301 === undefined)
    return {
      ...head,
      citation: 'USTR Section 301 (China)',
      computed: false,
      code: 'LIST_NOT_LOADED',
      why: 'the Section 301 list is not loaded',
    };
  const percent = tariffs.section301Percent(hts10);
  if (percent === undefined) return undefined;
  return {
    ...head,
    citation: `USTR Section 301 China, list rate ${percent}% on ${hts10.slice(0, 8)} (${tariffs.editions.s301})`,
    computed: true,
    cents: toCents((l.valueUsd * percent) / 100),
    basis: `${percent}% × ${formatUsd(l.valueUsd)}`,
  };
}

function section232Component(
  l: EstimateLine,
  i: number,
  hts10: string,
  tariffs: TariffLists | undefined,
): DutyComponent | undefined {
  if (tariffs?.editions.s232 === undefined)
    return {
      kind: 'section232',
      line: i,
      hts: hts10,
      citation: 'Section 232 (19 U.S.C. 1862)',
      computed: false,
      code: 'LIST_NOT_LOADED',
      why: 'the Section 232 list is not loaded',
    };
  const d = tariffs.section232(hts10);
  if (d === undefined) return undefined;
  // Derivative articles pay on their metal content, which a filing does not give: the whole value is
  // an upper estimate for those.
  const content = /derivative|copper/i.test(d.category) ? ' (on the whole value: an upper estimate)' : '';
  return {
    kind: 'section232',
    line: i,
    hts: hts10,
    citation: `Section 232 ${d.category} ${d.percent}% (${tariffs.editions.s232})`,
    computed: true,
    cents: toCents((l.valueUsd * d.percent) / 100),
    basis: `${d.percent}% × ${formatUsd(l.valueUsd)}${content}`,
  };
}

type IeepaEntry = DatedValue<{ default: number; byCountry: Record<string, number> }> | undefined;

function ieepaRate(e: IeepaEntry, origin: string): number {
  return e === undefined ? 0 : (e.value.byCountry[origin] ?? e.value.default);
}

function ieepaComponent(l: EstimateLine, i: number, hts10: string, e: IeepaEntry): DutyComponent | undefined {
  const rate = ieepaRate(e, l.origin);
  if (e === undefined || rate === 0) return undefined;
  return {
    kind: 'ieepa',
    line: i,
    hts: hts10,
    citation: `${e.citation} (ieepa-rates from ${e.from})`,
    computed: true,
    cents: toCents((l.valueUsd * rate) / 100),
    basis: `${rate}% (${l.origin}) × ${formatUsd(l.valueUsd)}`,
  };
}

interface PostalValue {
  origins: string[];
  adValorem: number | 'ieepa';
  perItemUsd: number | null;
  perItemBands: { belowPercent: number; usd: number }[] | null;
}

function coversOrigins(origins: readonly string[], lines: readonly EstimateLine[]): boolean {
  return origins.includes('*') || lines.some((l) => origins.includes(l.origin));
}

/**
 * Postal items pay the IEEPA duty only (CBP's guidance on EO 14324: no entry, no general, Section 301 or
 * 232 duty, no MPF; the carrier remits monthly) [S], by one of two methods: ad valorem on each item line
 * at its origin's rate, or (while it exists) a specific amount per postal item. The per-item band follows the
 * highest IEEPA rate among the item's origins, so a mixed item is never put in a band too low.
 */
function postalComponents(
  lines: readonly EstimateLine[],
  postal: DatedValue<PostalValue>,
  ieepa: IeepaEntry,
  method: PostalMethod = 'ad-valorem',
): DutyComponent[] {
  const p = postal.value;
  const citation = `${postal.citation} (postal-duty from ${postal.from})`;
  const adValorem: DutyComponent[] = lines.map((l, i) => {
    if (!validValue(l.valueUsd))
      return { ...invalidValue(l, i, l.hts.replace(NON_DIGITS, '')), kind: 'postal' };
    const rate = p.adValorem === 'ieepa' ? ieepaRate(ieepa, l.origin) : p.adValorem;
    const source = p.adValorem === 'ieepa' ? `IEEPA rate of ${l.origin}` : 'postal rate';
    return {
      kind: 'postal',
      line: i,
      hts: l.hts.replace(NON_DIGITS, ''),
      citation,
      computed: true,
      cents: toCents((l.valueUsd * rate) / 100),
      basis: `${rate}% (${source}) × ${formatUsd(l.valueUsd)}`,
    };
  });
  const perItem = perItemUsd(p, lines, ieepa);
  if (perItem === undefined || method === 'ad-valorem') return adValorem;
  const perItemComponent: DutyComponent = {
    kind: 'postal',
    citation,
    computed: true,
    cents: toCents(perItem.usd),
    basis: `${formatUsd(perItem.usd)} per postal item (${perItem.why})`,
  };
  if (method === 'per-item') return [perItemComponent];
  const adValoremCents = adValorem.reduce((s, c) => s + (c.computed ? c.cents : 0), 0);
  return adValoremCents <= perItemComponent.cents ? adValorem : [perItemComponent];
}

function perItemUsd(
  p: PostalValue,
  lines: readonly EstimateLine[],
  ieepa: IeepaEntry,
): { usd: number; why: string } | undefined {
  if (p.perItemUsd !== null) return { usd: p.perItemUsd, why: 'fixed amount' };
  if (p.perItemBands === null) return undefined;
  const rate = Math.max(0, ...lines.map((l) => ieepaRate(ieepa, l.origin)));
  const band = p.perItemBands.find((b) => rate < b.belowPercent);
  return band === undefined
    ? undefined
    : { usd: band.usd, why: `IEEPA rate ${rate}% is below ${band.belowPercent}%` };
}

function mpfComponent(entry: EntryKind, totalUsd: number, r: ParameterReader, _atMs: number): DutyComponent {
  if (entry === 'informal') {
    const mpf = r.entry('mpf-informal-usd');
    if (mpf === undefined)
      return {
        kind: 'mpf',
        citation: 'mpf-informal-usd',
        computed: false,
        code: 'PARAMETER_MISSING',
        why: 'the policy has no mpf-informal-usd value at this date',
      };
    return {
      kind: 'mpf',
      citation: `${mpf.citation} (mpf-informal-usd from ${mpf.from})`,
      computed: true,
      cents: toCents(mpf.value.automated),
      basis: `informal entry, automated: ${formatUsd(mpf.value.automated)}`,
    };
  }
  const f = r.entry('mpf-formal');
  if (f === undefined)
    return {
      kind: 'mpf',
      citation: 'mpf-formal',
      computed: false,
      code: 'PARAMETER_MISSING',
      why: 'the policy has no mpf-formal value at this date',
    };
  const { percent, minUsd, maxUsd } = f.value;
  const raw = (totalUsd * percent) / 100;
  const usd = Math.min(maxUsd, Math.max(minUsd, raw));
  const clamp = usd === raw ? '' : usd === minUsd ? ` (raised to the minimum)` : ` (capped at the maximum)`;
  return {
    kind: 'mpf',
    citation: `${f.citation} (mpf-formal from ${f.from})`,
    computed: true,
    cents: toCents(usd),
    basis: `formal entry: ${percent}% × ${formatUsd(totalUsd)}, min ${formatUsd(minUsd)}, max ${formatUsd(maxUsd)}${clamp}`,
  };
}

function dotted(hts10: string): string {
  return hts10.length === 10
    ? `${hts10.slice(0, 4)}.${hts10.slice(4, 6)}.${hts10.slice(6, 8)}.${hts10.slice(8)}`
    : hts10;
}
