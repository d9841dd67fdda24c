import { LINE_WEIGHT_SLACK } from '../validation/weight-value.js';
import { bandForChapter } from '../validation/weight-value-bands.js';
import type { FilingView } from './filing-view.js';
import type { RuleParams } from './rule-set.js';
import { strongest } from './strongest.js';
import { usd } from './text.js';
import type { Hit } from './types.js';

/**
 * Value per kilogram outside what the HTS chapter makes physically plausible (the bands of
 * core/validation/weight-value-bands.ts), per weighed line and for the whole parcel, and line weights
 * that add up to more than the gross weight. Learned, per-heading undervaluation is `undervaluation`.
 */
export function weightValue(v: FilingView, p: RuleParams<'weight-value'>): Hit {
  const hits: Hit[] = [];
  let lineKg = 0;
  let mainChapter = '';
  let mainUsd = -1;
  for (const l of v.lines) {
    if (l.usd > mainUsd) {
      mainUsd = l.usd;
      mainChapter = l.chapter;
    }
    if (l.kg === undefined) continue;
    lineKg += l.kg;
    if (l.usd > 0) {
      const h = judge(l.usd / l.kg, l.chapter, p, `line ${l.index + 1}`, `/lines/${l.index}/weightKg`);
      if (h !== undefined) hits.push(h);
    }
  }
  const gross = v.filing.grossWeightKg;
  if (gross > 0 && Number.isFinite(gross) && v.usd > 0 && mainUsd >= 0) {
    const h = judge(v.usd / gross, mainChapter, p, 'the parcel', '/grossWeightKg');
    if (h !== undefined) hits.push(h);
  }
  if (gross > 0 && lineKg > gross * LINE_WEIGHT_SLACK && p.lineWeightsOverGross !== 'none')
    hits.push({
      band: p.lineWeightsOverGross,
      reason: `lines weigh ${round(lineKg)} kg in all, the gross weight is ${round(gross)} kg`,
      path: '/grossWeightKg',
    });
  return strongest(hits, 'value per kg plausible for the HTS chapters');
}

function judge(
  perKg: number,
  chapter: string,
  p: RuleParams<'weight-value'>,
  what: string,
  path: string,
): Hit | undefined {
  const b = bandForChapter(chapter);
  const range = `${usd(b.min)}–${usd(b.max)}/kg plausible for chapter ${chapter}`;
  if (perKg < b.min) {
    const far = perKg * p.farFactor < b.min;
    const band = far ? p.farBelowBand : p.belowBand;
    if (band === 'none') return undefined;
    return {
      band,
      reason: `${what} declares ${usd(perKg)}/kg, ${far ? 'far ' : ''}below the ${range}`,
      path,
    };
  }
  if (perKg > b.max) {
    const far = perKg > b.max * p.farFactor;
    const band = far ? p.farAboveBand : p.aboveBand;
    if (band === 'none') return undefined;
    return {
      band,
      reason: `${what} declares ${usd(perKg)}/kg, ${far ? 'far ' : ''}above the ${range}`,
      path,
    };
  }
  return undefined;
}

const round = (n: number): string => String(Math.round(n * 100) / 100);
