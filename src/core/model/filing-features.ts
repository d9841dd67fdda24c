import type { FilingLike, Line } from '../filing/schema.js';
import type { FeatureDef, FeatureRow } from './features.js';
import { type GbdtModel, type GbdtParams, scorer, type TrainingLog, trainGbdt } from './gbdt.js';

/**
 * Feature rows for minimis filings, so that the same learner can train on outcomes the system records
 * (exam results, seizures) once the case workflow stores them. Only what the filer declared is used,
 * never the outcome or anything screening derived from it. Tariff and party codes are categorical:
 * the learner keeps the frequent levels and pools the rest, so a new filer or heading is not an error.
 */
export const FILING_FEATURES: readonly FeatureDef[] = [
  { name: 'declaredValue', kind: 'numeric' },
  { name: 'logDeclaredValue', kind: 'numeric' },
  { name: 'grossWeightKg', kind: 'numeric' },
  { name: 'valuePerKg', kind: 'numeric' },
  { name: 'lineCount', kind: 'numeric' },
  { name: 'lineValueRatio', kind: 'numeric' },
  { name: 'maxLineShare', kind: 'numeric' },
  { name: 'totalQuantity', kind: 'numeric' },
  { name: 'descriptionLength', kind: 'numeric' },
  { name: 'minDescriptionLength', kind: 'numeric' },
  { name: 'descriptionWords', kind: 'numeric' },
  { name: 'distinctChapters', kind: 'numeric' },
  { name: 'distinctOrigins', kind: 'numeric' },
  { name: 'hasCas', kind: 'numeric' },
  { name: 'pgaFlags', kind: 'numeric' },
  { name: 'hasMarketplace', kind: 'numeric' },
  { name: 'hasEstimatedArrival', kind: 'numeric' },
  { name: 'consigneeHasId', kind: 'numeric' },
  { name: 'shipperIsOrigin', kind: 'numeric' },
  { name: 'htsChapter', kind: 'categorical' },
  { name: 'htsHeading', kind: 'categorical' },
  { name: 'htsSubheading', kind: 'categorical' },
  { name: 'origin', kind: 'categorical' },
  { name: 'shipperCountry', kind: 'categorical' },
  { name: 'consigneeState', kind: 'categorical' },
  { name: 'mode', kind: 'categorical' },
  { name: 'kind', kind: 'categorical' },
  { name: 'claim', kind: 'categorical' },
  { name: 'currency', kind: 'categorical' },
  { name: 'filer', kind: 'categorical' },
  { name: 'filerRole', kind: 'categorical' },
  { name: 'carrier', kind: 'categorical' },
  { name: 'portOfEntry', kind: 'categorical' },
  { name: 'consigneeUnit', kind: 'categorical' },
  { name: 'mainUnit', kind: 'categorical' },
];

/**
 * The shape of the consignee's unit designator, read from the address as written: a private mailbox
 * ("PMB 6077"), a box number after a suite ("Ste 100 #4180", how commercial mail receiving agencies
 * write theirs), a suite, an apartment, a bare "#12", or none. A shape, not a list of known addresses.
 */
export type UnitShape = 'pmb' | 'suite-box' | 'suite' | 'apartment' | 'hash' | 'none';

const PMB = /\bP\.?\s?M\.?\s?B\b|\bPRIVATE\s+MAIL\s*BOX\b|\bMAIL\s*BOX\b/;
const SUITE_BOX = /\b(?:STE|SUITE|UNIT)\.?\s*[A-Z0-9-]+\s*(?:#|NO\.?|BOX)\s*\d/;
const SUITE = /\b(?:STE|SUITE)\b/;
const APARTMENT = /\b(?:APT|APARTMENT|UNIT|FL|FLOOR|RM|ROOM)\b/;
const HASH = /#\s*\d/;

export function unitShape(lines: readonly (string | undefined)[]): UnitShape {
  const text = lines
    .filter((l) => l !== undefined)
    .join(' ')
    .toUpperCase();
  if (PMB.test(text)) return 'pmb';
  if (SUITE_BOX.test(text)) return 'suite-box';
  if (SUITE.test(text)) return 'suite';
  if (APARTMENT.test(text)) return 'apartment';
  if (HASH.test(text)) return 'hash';
  return 'none';
}

const digits = (hts: string) => hts.replace(/\D/g, '');

/** The line carrying the most value names the shipment's tariff heading and origin. */
function mainLine(lines: readonly Line[]): Line {
  let best = lines[0]!;
  for (const l of lines) if (l.value > best.value) best = l;
  return best;
}

export function filingFeatures(f: FilingLike): FeatureRow {
  const lines = f.lines;
  const main = mainLine(lines);
  const hts = digits(main.hts);
  const lineValue = lines.reduce((s, l) => s + (Number.isFinite(l.value) ? l.value : 0), 0);
  const lengths = lines.map((l) => l.description.trim().length);
  const words = lines.reduce((s, l) => s + l.description.trim().split(/\s+/).filter(Boolean).length, 0);
  const positive = (x: number) => Number.isFinite(x) && x > 0;
  return {
    declaredValue: f.declaredValue,
    logDeclaredValue: positive(f.declaredValue) ? Math.log1p(f.declaredValue) : 0,
    grossWeightKg: f.grossWeightKg,
    valuePerKg: positive(f.grossWeightKg) ? f.declaredValue / f.grossWeightKg : null,
    lineCount: lines.length,
    lineValueRatio: positive(f.declaredValue) ? lineValue / f.declaredValue : null,
    maxLineShare: positive(lineValue) ? main.value / lineValue : null,
    totalQuantity: lines.reduce((s, l) => s + (Number.isFinite(l.quantity) ? l.quantity : 0), 0),
    descriptionLength: lengths.reduce((a, b) => a + b, 0) / lines.length,
    minDescriptionLength: Math.min(...lengths),
    descriptionWords: words / lines.length,
    distinctChapters: new Set(lines.map((l) => digits(l.hts).slice(0, 2))).size,
    distinctOrigins: new Set(lines.map((l) => l.origin.toUpperCase())).size,
    hasCas: lines.some((l) => l.cas !== undefined && l.cas !== '') ? 1 : 0,
    pgaFlags: lines.reduce((s, l) => s + (l.pga?.length ?? 0), 0),
    hasMarketplace: f.marketplace === undefined ? 0 : 1,
    hasEstimatedArrival: f.estimatedArrival === undefined ? 0 : 1,
    consigneeHasId: f.consignee.id === undefined || f.consignee.id === '' ? 0 : 1,
    shipperIsOrigin: f.shipper.address.country.toUpperCase() === main.origin.toUpperCase() ? 1 : 0,
    htsChapter: hts.length >= 2 ? hts.slice(0, 2) : null,
    htsHeading: hts.length >= 4 ? hts.slice(0, 4) : null,
    htsSubheading: hts.length >= 6 ? hts.slice(0, 6) : null,
    origin: main.origin.toUpperCase(),
    shipperCountry: f.shipper.address.country.toUpperCase(),
    consigneeState: f.consignee.address.state?.toUpperCase() ?? null,
    mode: f.mode,
    kind: f.kind,
    claim: f.claim,
    currency: f.currency.toUpperCase(),
    filer: f.filer.code,
    filerRole: f.filer.role,
    carrier: f.carrier?.code ?? null,
    portOfEntry: f.portOfEntry,
    consigneeUnit: unitShape([f.consignee.address.line1, f.consignee.address.line2]),
    mainUnit: main.unit.toUpperCase(),
  };
}

/**
 * What an outcome source hands the learner: the filing's features, whether the exam or seizure found
 * it at fault, and the revenue (duty, fees, penalty) at stake in USD, which only weighs revenue@k%.
 */
export interface FilingTrainingRow {
  readonly features: FeatureRow;
  readonly label: boolean;
  readonly revenueUsd: number;
  /** How much the outcome counts in the fit (default 1); see `outcomeWeights`. */
  readonly weight?: number;
}

export function filingTrainingRow(
  filing: FilingLike,
  outcome: { readonly label: boolean; readonly revenueUsd: number; readonly weight?: number },
): FilingTrainingRow {
  return {
    features: filingFeatures(filing),
    label: outcome.label,
    revenueUsd: outcome.revenueUsd,
    ...(outcome.weight === undefined ? {} : { weight: outcome.weight }),
  };
}

/** Trains the filing risk model; the feature spec travels in the model so scoring needs nothing else. */
export function trainFilingModel(
  rows: readonly FilingTrainingRow[],
  params: Partial<GbdtParams> = {},
): { model: GbdtModel; log: TrainingLog } {
  const weighted = rows.some((r) => r.weight !== undefined && r.weight !== 1);
  return trainGbdt(
    FILING_FEATURES,
    {
      rows: rows.map((r) => r.features),
      labels: rows.map((r) => r.label),
      ...(weighted ? { weights: rows.map((r) => r.weight ?? 1) } : {}),
    },
    { minLeaf: 10, ...params },
  );
}

/** Risk (probability of an adverse outcome) per filing. */
export function filingScorer(model: GbdtModel): (filings: readonly FilingLike[]) => Float64Array {
  const s = scorer(model);
  return (filings) => s.probabilities(filings.map(filingFeatures));
}
