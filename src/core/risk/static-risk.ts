import type { FilingLike } from '../filing/schema.js';
import { normalizeAddress } from '../identity/normalize-address.js';
import { normalizeName } from '../identity/normalize-name.js';
import { cmraAddress } from './cmra-address.js';
import type { CompiledRuleSet } from './compile.js';
import { descriptionFit } from './description-fit.js';
import { filingView, type UsdRates } from './filing-view.js';
import { modelRule } from './model-rule.js';
import { pressHts, pressWording } from './pill-press.js';
import { precursorCas, precursorHts, precursorName } from './precursor-chemicals.js';
import { residentialIndustrial } from './residential-industrial.js';
import type { PartyRole } from './rule-set.js';
import type { Hit, RuleOutcome, StaticRuleId } from './types.js';
import { weightValue } from './weight-value.js';

/** A party as the memory rules need it: normalized once on the worker. */
export interface PartyKey {
  readonly role: PartyRole;
  readonly name: string;
  readonly nameKey: string;
  readonly country: string;
}

/** Value per kg of one weighed line, keyed by its HTS heading, for the learned baseline. */
export interface ValueSample {
  readonly heading: string;
  readonly perKg: number;
  readonly line: number;
}

/** What the stateful rules read: keys only, no filing text beyond names for reasons. */
export interface RiskKeys {
  /** Consignee delivery point (core/identity address key). */
  readonly addressKey: string;
  /** Consignee as a person: name key | phone (last 10 digits), else e-mail, else ZIP3. */
  readonly consigneeKey: string;
  readonly consigneeName: string;
  /** Shipper and seller, for first-seen. */
  readonly parties: readonly PartyKey[];
  /** Parties checked against watch lists. */
  readonly watch: readonly PartyKey[];
  readonly samples: readonly ValueSample[];
}

/**
 * The result of the stateless stage: plain data (strings, numbers, arrays), cheap to pass from a
 * worker thread by structured clone and to store.
 */
export interface StaticRisk {
  readonly filingId: string;
  readonly version: number;
  /** name@version of the rule set that produced it; the stateful stage checks it is the same. */
  readonly ruleSet: string;
  readonly outcomes: readonly RuleOutcome[];
  readonly keys: RiskKeys;
}

const DIGITS = /\D/g;

/**
 * Runs the stateless rules on a parsed filing (worker thread, beside `prepare`). Deterministic and pure.
 * `rates` converts line currencies to USD (the reference data's `usdPerUnit`).
 */
export function staticRiskFacts(f: FilingLike, rules: CompiledRuleSet, rates: UsdRates): StaticRisk {
  const v = filingView(f, rates);
  const outcomes: RuleOutcome[] = [];
  const run = (rule: StaticRuleId, evaluate: () => Hit) => {
    if (!rules.enabled(rule)) return;
    const h = evaluate();
    outcomes.push({ rule, band: h.band, reason: h.reason, path: h.path });
  };
  const c = rules.compiled;
  run('precursor-hts', () => precursorHts(v, c.chemicals));
  run('precursor-cas', () => precursorCas(v, c.chemicals, rules.params('precursor-cas')));
  run('precursor-name', () => precursorName(v, c.chemicals));
  run('press-hts', () => pressHts(v, c.press));
  run('press-wording', () => pressWording(v, c.press));
  run('description-fit', () => descriptionFit(v, c.descriptionFit));
  run('weight-value', () => weightValue(v, rules.params('weight-value')));
  run('cmra-address', () => cmraAddress(v, c.cmra));
  run('residential-industrial', () => residentialIndustrial(v, c.residential));
  if (rules.model !== undefined) run('model', () => modelRule(f, rules.model!));
  return {
    filingId: f.id,
    version: f.version,
    ruleSet: rules.label,
    outcomes,
    keys: keysOf(f, v.lines, rules),
  };
}

function keysOf(
  f: FilingLike,
  lines: ReturnType<typeof filingView>['lines'],
  rules: CompiledRuleSet,
): RiskKeys {
  const address = normalizeAddress(f.consignee.address);
  const name = normalizeName(f.consignee.name);
  const phone = (f.consignee.phone ?? '').replace(DIGITS, '');
  const contact =
    phone.length >= 7
      ? `T${phone.slice(-10)}`
      : f.consignee.email !== undefined
        ? `E${f.consignee.email.trim().toLowerCase()}`
        : `Z${address.country}${address.zip5.slice(0, 3)}`;
  const party = (role: PartyRole): PartyKey | undefined => {
    const p = f[role];
    if (p === undefined) return undefined;
    const country = p.address.country.trim().toUpperCase();
    return { role, name: p.name, nameKey: normalizeName(p.name).key, country };
  };
  const firstSeen = rules.params('first-seen-party').roles;
  const watchRoles = rules.params('watch-list').roles;
  const digits = rules.params('undervaluation').headingDigits;
  const samples: ValueSample[] = [];
  for (const l of lines)
    if (l.kg !== undefined && l.usd > 0 && l.digits.length >= digits)
      samples.push({ heading: l.digits.slice(0, digits), perKg: l.usd / l.kg, line: l.index });
  return {
    addressKey: address.key,
    consigneeKey: `${name.key}|${contact}`,
    consigneeName: f.consignee.name,
    parties: firstSeen.map(party).filter((p) => p !== undefined),
    watch: watchRoles.map(party).filter((p) => p !== undefined),
    samples,
  };
}
