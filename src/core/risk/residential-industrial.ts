import { normalizeName } from '../identity/normalize-name.js';
import type { FilingView } from './filing-view.js';
import type { RuleParams } from './rule-set.js';
import { strongest } from './strongest.js';
import { dottedHts, HtsPrefixTable, quote } from './text.js';
import { type Hit, type HitBand, RISK_BANDS } from './types.js';

/**
 * Industrial goods (chemicals, tablet-making and other production machinery) going to a private
 * person, the usual sign of a residence (domain brief §7: presses "often shipped to residences").
 * The party that receives the goods is the deliver-to party when one is filed, else the consignee.
 */
export interface CompiledResidential {
  readonly goods: HtsPrefixTable<{ readonly band: HitBand; readonly label: string }>;
  readonly heavyKg: number;
}

export function compileResidential(p: RuleParams<'residential-industrial'>): CompiledResidential {
  return {
    goods: new HtsPrefixTable(p.goods.map((g) => ({ hts: g.hts, value: { band: g.band, label: g.label } }))),
    heavyKg: p.heavyKg,
  };
}

export function residentialIndustrial(v: FilingView, c: CompiledResidential): Hit {
  const receiver = v.filing.deliverTo ?? v.filing.consignee;
  const person =
    v.filing.deliverTo === undefined ? v.consigneeIsPerson : !normalizeName(receiver.name).isOrganization;
  if (!person)
    return { band: 'none', reason: `goods go to a company (${quote(receiver.name, 40)})`, path: '' };
  const hits: Hit[] = [];
  for (const l of v.lines) {
    const m = c.goods.get(l.digits);
    if (m === undefined) continue;
    const heavy = c.heavyKg > 0 && (l.kg ?? (v.lines.length === 1 ? v.filing.grossWeightKg : 0)) >= c.heavyKg;
    hits.push({
      band: heavy ? raise(m.value.band) : m.value.band,
      reason:
        `line ${l.index + 1} HTS ${l.hts} (${m.value.label}, ${dottedHts(m.prefix)})` +
        `${heavy ? `, ${l.kg ?? v.filing.grossWeightKg} kg,` : ''} goes to a private person (${quote(receiver.name, 40)})`,
      path: `/lines/${l.index}/hts`,
    });
  }
  return strongest(hits, 'no industrial goods to a private person');
}

function raise(b: HitBand): HitBand {
  return RISK_BANDS[Math.min(RISK_BANDS.indexOf(b) + 1, RISK_BANDS.length - 1)] as HitBand;
}
