import type { FeatureDef, FeatureRow } from './features.js';
import type { KcsDeclaration } from './kcs-declaration.js';
import { createRng } from './prng.js';

/**
 * Feature rows for KCS declarations. The strongest signal in this data is not any single column but the
 * fraud rate of a combination (HS code × origin × tax type …), so most features are smoothed target
 * encodings of keys and key crosses, with how often the key was seen beside each. Encodings are fitted
 * on the training file only; a training row's own encoding is computed out of fold (from the other
 * folds' rows), because a rate that includes the row's own label would leak it and the trees would learn
 * to trust encodings far more than they deserve on new declarations. The labels themselves (`Fraud`,
 * `Critical Fraud`) are never features.
 */
type Key = (d: KcsDeclaration) => string;

const hs =
  (n: number): Key =>
  (d) =>
    d.hsCode.slice(0, n);
const SEP = '\u0001';
function cross(a: Key, b: Key, c?: Key): Key {
  // Written out rather than map/join: these run 20 times per declaration on the scoring path.
  return c === undefined ? (d) => a(d) + SEP + b(d) : (d) => a(d) + SEP + b(d) + SEP + c(d);
}
const importer: Key = (d) => d.importerId;
const declarant: Key = (d) => d.declarantId;
const seller: Key = (d) => d.sellerId;
const origin: Key = (d) => d.originCountry;
const departure: Key = (d) => d.departureCountry;
const taxType: Key = (d) => d.taxType;
const taxRate: Key = (d) => String(d.taxRate);
const office: Key = (d) => d.officeId;

/** Keys whose fraud rate and frequency become features; names are part of the saved model. */
export const KCS_KEYS: Readonly<Record<string, Key>> = {
  importer,
  declarant,
  seller,
  courier: (d) => d.courierId,
  hs6: hs(6),
  hs4: hs(4),
  hs2: hs(2),
  origin,
  departure,
  office,
  taxType,
  taxRate,
  'hs6*origin': cross(hs(6), origin),
  'hs6*departure': cross(hs(6), departure),
  'hs6*taxType': cross(hs(6), taxType),
  'hs6*taxRate': cross(hs(6), taxRate),
  'hs6*origin*taxType': cross(hs(6), origin, taxType),
  'hs6*departure*taxType': cross(hs(6), departure, taxType),
  'hs6*origin*departure': cross(hs(6), origin, departure),
  'hs6*office': cross(hs(6), office),
  'hs6*importType': cross(hs(6), (d) => d.importType),
  'hs6*originIndicator': cross(hs(6), (d) => d.originIndicator),
  'hs6*transportMode': cross(hs(6), (d) => d.transportMode),
  'hs4*origin': cross(hs(4), origin),
  'hs4*departure': cross(hs(4), departure),
  'hs4*taxType': cross(hs(4), taxType),
  'origin*departure': cross(origin, departure),
  'origin*taxType': cross(origin, taxType),
  'importer*hs6': cross(importer, hs(6)),
  'importer*declarant': cross(importer, declarant),
  'declarant*hs4': cross(declarant, hs(4)),
  'seller*hs6': cross(seller, hs(6)),
};

/** Low-cardinality columns the trees split on directly. */
const CATEGORICAL: Readonly<Record<string, (d: KcsDeclaration) => string>> = {
  office,
  processType: (d) => d.processType,
  importType: (d) => d.importType,
  importUse: (d) => d.importUse,
  paymentType: (d) => d.paymentType,
  transportMode: (d) => d.transportMode,
  taxType,
  originIndicator: (d) => d.originIndicator,
  origin,
  departure,
  hs2: hs(2),
};

const CATEGORICAL_ENTRIES = Object.entries(CATEGORICAL).map(([name, get]) => [`cat:${name}`, get] as const);

const NUMERIC = [
  'taxRate',
  'logPrice',
  'logMass',
  'logUnitValue',
  'relUnitValueHs6',
  'relUnitValueHs4',
  'logDuty',
  'hasSeller',
  'hasCourier',
  'originIsDeparture',
  'month',
  'weekday',
  'dayOfMonth',
] as const;

/** The fitted encoders, saved inside the model file as its pipeline. */
export interface KcsPipeline {
  readonly kind: 'kcs';
  readonly version: 1;
  /** Training fraud rate, which an unseen key is encoded as. */
  readonly prior: number;
  /** Pseudo-count pulling a key's rate towards the prior. */
  readonly smoothing: number;
  readonly keys: readonly string[];
  /** Per key: the keys seen in training, their counts and fraud counts. */
  readonly tables: readonly {
    readonly values: readonly string[];
    readonly counts: readonly number[];
    readonly positives: readonly number[];
  }[];
  /** Mean log unit value (KRW/kg) by HS6 and HS4 in training; no labels involved. */
  readonly unitValue: {
    readonly hs6: Readonly<Record<string, number>>;
    readonly hs4: Readonly<Record<string, number>>;
  };
}

export interface KcsFitOptions {
  readonly seed?: number;
  readonly folds?: number;
  readonly smoothing?: number;
}

export function kcsFeatureDefs(pipeline: KcsPipeline): FeatureDef[] {
  return [
    ...NUMERIC.map((name): FeatureDef => ({ name, kind: 'numeric' })),
    ...Object.keys(CATEGORICAL).map((name): FeatureDef => ({ name: `cat:${name}`, kind: 'categorical' })),
    ...pipeline.keys.flatMap((k): FeatureDef[] => [
      { name: `te:${k}`, kind: 'numeric' },
      { name: `n:${k}`, kind: 'numeric' },
    ]),
  ];
}

interface Stat {
  count: number;
  positives: number;
  foldCount: Int32Array;
  foldPositives: Int32Array;
}

/**
 * Fits the encoders on labelled training declarations and returns them with the training rows' features
 * (target encodings out of fold; frequencies count the other training rows, as a new row would see).
 */
export function fitKcsPipeline(
  train: readonly KcsDeclaration[],
  opts: KcsFitOptions = {},
): { pipeline: KcsPipeline; rows: FeatureRow[] } {
  const folds = opts.folds ?? 5;
  const smoothing = opts.smoothing ?? 2;
  const rng = createRng(opts.seed ?? 1);
  const fold = Int32Array.from({ length: train.length }, () => rng.int(folds));
  const y = train.map((d) => {
    if (d.fraud === undefined) throw new Error(`declaration ${d.declarationId} has no Fraud label`);
    return d.fraud ? 1 : 0;
  });
  const prior = y.reduce<number>((a, b) => a + b, 0) / Math.max(1, train.length);
  const keys = Object.keys(KCS_KEYS);
  const stats = keys.map((k) => {
    const key = KCS_KEYS[k]!;
    const m = new Map<string, Stat>();
    train.forEach((d, i) => {
      const v = key(d);
      let s = m.get(v);
      if (s === undefined) {
        s = {
          count: 0,
          positives: 0,
          foldCount: new Int32Array(folds),
          foldPositives: new Int32Array(folds),
        };
        m.set(v, s);
      }
      s.count++;
      s.positives += y[i]!;
      s.foldCount[fold[i]!]!++;
      s.foldPositives[fold[i]!]! += y[i]!;
    });
    return m;
  });
  const pipeline: KcsPipeline = {
    kind: 'kcs',
    version: 1,
    prior,
    smoothing,
    keys,
    tables: stats.map((m) => {
      const values = [...m.keys()].sort();
      return {
        values,
        counts: values.map((v) => m.get(v)!.count),
        positives: values.map((v) => m.get(v)!.positives),
      };
    }),
    unitValue: { hs6: meanLogUnitValue(train, 6), hs4: meanLogUnitValue(train, 4) },
  };
  const rows = train.map((d, i) => {
    const f: Record<string, number | string | null> = baseFeatures(d, pipeline);
    const own = fold[i]!;
    keys.forEach((k, j) => {
      const s = stats[j]!.get(KCS_KEYS[k]!(d))!;
      const c = s.count - s.foldCount[own]!;
      const p = s.positives - s.foldPositives[own]!;
      f[`te:${k}`] = (p + smoothing * prior) / (c + smoothing);
      f[`n:${k}`] = s.count - 1;
    });
    return f;
  });
  return { pipeline, rows };
}

/** Features of declarations the encoders were not fitted on (validation, test, new declarations). */
export function kcsFeatures(pipeline: KcsPipeline, decls: readonly KcsDeclaration[]): FeatureRow[] {
  const lookups = pipeline.keys.map((k, j) => {
    const key = KCS_KEYS[k];
    if (key === undefined) throw new Error(`the model encodes an unknown KCS key '${k}'`);
    const t = pipeline.tables[j]!;
    const index = new Map(t.values.map((v, i) => [v, i]));
    return { te: `te:${k}`, n: `n:${k}`, key, t, index };
  });
  const { prior, smoothing } = pipeline;
  return decls.map((d) => {
    const f: Record<string, number | string | null> = baseFeatures(d, pipeline);
    for (const { te, n, key, t, index } of lookups) {
      const i = index.get(key(d));
      const c = i === undefined ? 0 : t.counts[i]!;
      const p = i === undefined ? 0 : t.positives[i]!;
      f[te] = (p + smoothing * prior) / (c + smoothing);
      f[n] = c;
    }
    return f;
  });
}

function logUnitValue(d: KcsDeclaration): number | null {
  return d.netMassKg > 0 && d.itemPriceKrw > 0 ? Math.log(d.itemPriceKrw / d.netMassKg) : null;
}

function meanLogUnitValue(train: readonly KcsDeclaration[], digits: number): Record<string, number> {
  const sum = new Map<string, [number, number]>();
  for (const d of train) {
    const u = logUnitValue(d);
    if (u === null) continue;
    const k = d.hsCode.slice(0, digits);
    const s = sum.get(k) ?? [0, 0];
    s[0] += u;
    s[1]++;
    sum.set(k, s);
  }
  const out: Record<string, number> = {};
  for (const k of [...sum.keys()].sort()) {
    const [total, n] = sum.get(k)!;
    out[k] = total / n;
  }
  return out;
}

function baseFeatures(d: KcsDeclaration, p: KcsPipeline): Record<string, number | string | null> {
  const u = logUnitValue(d);
  const m6 = p.unitValue.hs6[d.hsCode.slice(0, 6)];
  const m4 = p.unitValue.hs4[d.hsCode.slice(0, 4)];
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d.date);
  const day = date === null ? null : new Date(Date.UTC(+date[1]!, +date[2]! - 1, +date[3]!));
  const f: Record<string, number | string | null> = {
    taxRate: d.taxRate,
    logPrice: Math.log1p(Math.max(0, d.itemPriceKrw)),
    logMass: Math.log1p(Math.max(0, d.netMassKg)),
    logUnitValue: u,
    relUnitValueHs6: u === null || m6 === undefined ? null : u - m6,
    relUnitValueHs4: u === null || m4 === undefined ? null : u - m4,
    logDuty: Math.log1p(Math.max(0, (d.itemPriceKrw * d.taxRate) / 100)),
    hasSeller: d.sellerId === '' ? 0 : 1,
    hasCourier: d.courierId === '' ? 0 : 1,
    originIsDeparture: d.originCountry === d.departureCountry ? 1 : 0,
    month: day === null ? null : day.getUTCMonth() + 1,
    weekday: day === null ? null : day.getUTCDay(),
    dayOfMonth: day === null ? null : day.getUTCDate(),
  };
  for (const [name, get] of CATEGORICAL_ENTRIES) f[name] = get(d);
  return f;
}
