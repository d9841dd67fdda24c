/**
 * What a learned model sees: named features, each numeric or categorical, and labelled rows. The shape
 * is independent of where the rows come from (Korea Customs Service declarations, minimis filings with
 * exam or seizure outcomes) so that any outcome source can feed the same learner.
 */
export type FeatureKind = 'numeric' | 'categorical';

export interface FeatureDef {
  readonly name: string;
  readonly kind: FeatureKind;
}

/** A missing value is `null`, `undefined`, NaN or an empty string; numbers on a categorical are levels. */
export type FeatureValue = number | string | null | undefined;
export type FeatureRow = Readonly<Record<string, FeatureValue>>;

/**
 * One outcome the model learns from: `label` is true when the shipment was found at fault (exam
 * discrepancy, seizure, fraud), `revenue` what catching it recovers or protects, in the source's currency
 * (USD for filings, KRW for KCS declarations); it only weighs the revenue@k% metric, never the fit.
 */
export interface LabelledRow {
  readonly features: FeatureRow;
  readonly label: boolean;
  readonly revenue: number;
}

export function isMissing(v: FeatureValue): v is null | undefined {
  return v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));
}
