import type { RiskMemory } from './memory.js';
import type { RuleParams } from './rule-set.js';
import type { RiskKeys } from './static-risk.js';
import { strongest } from './strongest.js';
import { usd } from './text.js';
import type { Hit, RiskBand } from './types.js';

/**
 * Value per kg far below what the same HTS heading usually declares, learned from the traffic seen
 * (RiskMemory's sketch per heading). Compared with a low quantile rather than the median, because
 * prices within a heading spread widely; silent until the heading has `minSamples` weighed lines.
 */
export function undervaluation(keys: RiskKeys, memory: RiskMemory, p: RuleParams<'undervaluation'>): Hit {
  const hits: Hit[] = [];
  let thin = '';
  for (const s of keys.samples) {
    const sketch = memory.baseline(s.heading);
    const n = sketch === undefined ? 0 : Math.floor(sketch.count);
    if (sketch === undefined || n < p.minSamples) {
      thin ||= `heading ${s.heading} has fewer than the ${p.minSamples} weighed lines a baseline needs`;
      continue;
    }
    const reference = sketch.quantile(p.quantile);
    const ratio = s.perKg / reference;
    const band: RiskBand =
      ratio <= p.ratios.high
        ? 'high'
        : ratio <= p.ratios.medium
          ? 'medium'
          : ratio <= p.ratios.low
            ? 'low'
            : 'none';
    if (band === 'none') continue;
    hits.push({
      band,
      reason:
        `line ${s.line + 1} declares ${usd(s.perKg)}/kg; heading ${s.heading} usually declares at least ` +
        `${usd(reference)}/kg (${Math.round(p.quantile * 100)}th percentile of ~${n} lines), ratio ${ratio.toFixed(2)}`,
      path: `/lines/${s.line}/value`,
    });
  }
  if (hits.length > 0) return strongest(hits, '');
  if (keys.samples.length === 0) return { band: 'none', reason: 'no weighed line with a value', path: '' };
  return { band: 'none', reason: thin || 'values per kg in line with their headings', path: '' };
}
