import type { RateUnit } from './general-rate.js';

/**
 * A line's quantity in the unit a specific rate is charged per. Units convert only within one
 * dimension (mass, volume, count, pairs, area, length): a rate per kg is never guessed from a count of
 * pieces, and a rate per pair never from a count of single articles.
 */
type Dimension = 'mass' | 'volume' | 'count' | 'pairs' | 'area' | 'length';

interface Scale {
  readonly dim: Dimension;
  /** Base units (kg, liter, piece, pair, m², m) in one of this unit. */
  readonly factor: number;
}

// One U.S. oil barrel of 42 gallons (HTS "bbl").
const BARREL_LITERS = 158.987294928;

const RATE_UNIT_SCALES: Readonly<Record<RateUnit, Scale | undefined>> = {
  kg: { dim: 'mass', factor: 1 },
  g: { dim: 'mass', factor: 0.001 },
  t: { dim: 'mass', factor: 1000 },
  liter: { dim: 'volume', factor: 1 },
  m3: { dim: 'volume', factor: 1000 },
  bbl: { dim: 'volume', factor: BARREL_LITERS },
  m2: { dim: 'area', factor: 1 },
  m: { dim: 'length', factor: 1 },
  each: { dim: 'count', factor: 1 },
  // Animals are reported in No., one head each.
  head: { dim: 'count', factor: 1 },
  'doz.': { dim: 'count', factor: 12 },
  gross: { dim: 'count', factor: 144 },
  thousand: { dim: 'count', factor: 1000 },
  pair: { dim: 'pairs', factor: 1 },
  // Proof liters need the alcoholic strength, jewels the movement's jewel count, lines the button size.
  'proof liter': undefined,
  jewel: undefined,
  'line/gross': undefined,
};

/** Filing and HTS spellings of a line's unit (upper-cased, without a final dot), by scale. */
const LINE_UNITS: Readonly<Record<string, Scale>> = {
  KG: { dim: 'mass', factor: 1 },
  KGS: { dim: 'mass', factor: 1 },
  KGM: { dim: 'mass', factor: 1 },
  G: { dim: 'mass', factor: 0.001 },
  GM: { dim: 'mass', factor: 0.001 },
  GRM: { dim: 'mass', factor: 0.001 },
  T: { dim: 'mass', factor: 1000 },
  MT: { dim: 'mass', factor: 1000 },
  TNE: { dim: 'mass', factor: 1000 },
  L: { dim: 'volume', factor: 1 },
  LTR: { dim: 'volume', factor: 1 },
  LITER: { dim: 'volume', factor: 1 },
  LITRE: { dim: 'volume', factor: 1 },
  M3: { dim: 'volume', factor: 1000 },
  BBL: { dim: 'volume', factor: BARREL_LITERS },
  M2: { dim: 'area', factor: 1 },
  M: { dim: 'length', factor: 1 },
  NO: { dim: 'count', factor: 1 },
  PCS: { dim: 'count', factor: 1 },
  PC: { dim: 'count', factor: 1 },
  PCE: { dim: 'count', factor: 1 },
  EA: { dim: 'count', factor: 1 },
  EACH: { dim: 'count', factor: 1 },
  U: { dim: 'count', factor: 1 },
  UNIT: { dim: 'count', factor: 1 },
  UNITS: { dim: 'count', factor: 1 },
  HEAD: { dim: 'count', factor: 1 },
  DOZ: { dim: 'count', factor: 12 },
  DZ: { dim: 'count', factor: 12 },
  DZN: { dim: 'count', factor: 12 },
  GROSS: { dim: 'count', factor: 144 },
  GRS: { dim: 'count', factor: 144 },
  THS: { dim: 'count', factor: 1000 },
  PRS: { dim: 'pairs', factor: 1 },
  PR: { dim: 'pairs', factor: 1 },
  PAIR: { dim: 'pairs', factor: 1 },
  PAIRS: { dim: 'pairs', factor: 1 },
  DPR: { dim: 'pairs', factor: 12 },
};

export interface LineQuantity {
  readonly quantity?: number | undefined;
  readonly unit?: string | undefined;
  readonly weightKg?: number | undefined;
}

export type QuantityResult =
  | { readonly ok: true; readonly amount: number; readonly how: string }
  | { readonly ok: false; readonly why: string };

/**
 * The quantity of `line` in `unit`. A mass rate reads the line's quantity when it is in a mass unit,
 * else its declared weight (`weightKg`), which for a parcel may include packing: an upper estimate.
 */
export function quantityIn(unit: RateUnit, line: LineQuantity): QuantityResult {
  const target = RATE_UNIT_SCALES[unit];
  if (target === undefined)
    return { ok: false, why: `a rate per ${unit} needs facts a filing does not give` };
  const lineUnit = normalizeUnit(line.unit);
  const from = lineUnit === undefined ? undefined : LINE_UNITS[lineUnit];
  const q = line.quantity;
  if (from !== undefined && from.dim === target.dim && isQuantity(q))
    return {
      ok: true,
      amount: (q * from.factor) / target.factor,
      how: `${q} ${line.unit}${lineUnit === normalizeUnit(unit) ? '' : ` = ${fmt((q * from.factor) / target.factor)} ${unit}`}`,
    };
  if (target.dim === 'mass' && isQuantity(line.weightKg))
    return {
      ok: true,
      amount: line.weightKg / target.factor,
      how: `declared weight ${line.weightKg} kg${unit === 'kg' ? '' : ` = ${fmt(line.weightKg / target.factor)} ${unit}`}`,
    };
  const have =
    isQuantity(q) && line.unit !== undefined && line.unit !== '' ? `${q} ${line.unit}` : 'no usable quantity';
  const also = target.dim === 'mass' ? ' and no declared weight' : '';
  return { ok: false, why: `a rate per ${unit} needs a quantity in ${unit}; the line has ${have}${also}` };
}

function normalizeUnit(u: string | undefined): string | undefined {
  if (u === undefined) return undefined;
  const t = u.trim().toUpperCase().replace(/\.$/, '').replace('²', '2').replace('³', '3');
  return t === '' ? undefined : t;
}

function isQuantity(x: number | undefined): x is number {
  return x !== undefined && Number.isFinite(x) && x >= 0;
}

const fmt = (x: number) => String(Number(x.toPrecision(6)));
