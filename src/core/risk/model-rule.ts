import type { FilingLike } from '../filing/schema.js';
import { bandOf, type FeatureEffect, type ModelBand } from '../model/filing-model.js';
import type { RiskModel } from './compile.js';
import type { Hit } from './types.js';

const p3 = (x: number): string => x.toFixed(3);

function value(e: FeatureEffect): string {
  const v = e.value;
  if (v === null || v === undefined || v === '') return 'missing';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(3)));
  return v;
}

/**
 * The `model` rule: the learned model's probability of an adverse exam outcome for the filing, the band
 * its thresholds give, and on a hit the features that pushed the score up most (log-odds). A miss says
 * the probability to three decimals only, so that misses stay few distinct values (they are shared).
 */
export function modelRule(f: FilingLike, m: RiskModel): Hit {
  const t = m.thresholds;
  const p = m.model.probability(f);
  const band = bandOf(p, t);
  if (band === 'none')
    return {
      band: 'none',
      reason:
        t.low === null
          ? `learned model ${m.model.id}: ${p3(p)} (no band configured)`
          : `learned model ${m.model.id}: ${p3(p)} < low ${p3(t.low)}`,
      path: '',
    };
  const top = m.topFeatures > 0 ? m.model.explain(f, m.topFeatures).top : [];
  const why =
    top.length === 0
      ? ''
      : `; top features: ${top.map((e) => `${e.feature}=${value(e)} +${e.effect.toFixed(2)}`).join(', ')}`;
  return {
    band,
    reason: `learned model ${m.model.id}: ${p3(p)} ≥ ${band} ${p3(t[band as ModelBand]!)}${why}`,
    path: '',
  };
}
