import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { BandThresholds, FilingModel } from '../model/filing-model.js';
import { type CompiledCmra, compileCmra } from './cmra-address.js';
import { type CompiledDescriptionFit, compileDescriptionFit } from './description-fit.js';
import { type CompiledPress, compilePress, pressBandsConsistent } from './pill-press.js';
import { type CompiledChemicals, compileChemicals } from './precursor-chemicals.js';
import { type CompiledResidential, compileResidential } from './residential-industrial.js';
import { type RuleParams, type RuleSet, RuleSetSchema } from './rule-set.js';
import { casCheckDigitOk } from './text.js';
import type { RiskBand, RuleId } from './types.js';
import { type CompiledWatchList, compileWatchList } from './watch-list.js';

export type RuleSetProblemCode =
  | 'RISK_SCHEMA'
  | 'RISK_BAND_POINTS'
  | 'RISK_DUPLICATE_ID'
  | 'RISK_CAS_CHECK_DIGIT'
  | 'RISK_PATTERN'
  | 'RISK_BAND_ORDER'
  | 'RISK_THRESHOLDS';

/** A problem in a rule set; `path` is a JSON pointer into it, which the file loader turns into a line. */
export interface RuleSetProblem {
  readonly code: RuleSetProblemCode;
  readonly path: string;
  readonly message: string;
}

export type CompileResult = { ok: true; rules: CompiledRuleSet } | { ok: false; problems: RuleSetProblem[] };

const check = TypeCompiler.Compile(RuleSetSchema);
type Rules = RuleSet['rules'];

/** The learned model as the `model` rule runs it, with the thresholds in force (rule set's, else the file's). */
export interface RiskModel {
  readonly model: FilingModel;
  readonly thresholds: BandThresholds;
  readonly topFeatures: number;
}

/** Weight of the model rule when the rule set has no `model` entry. */
export const DEFAULT_MODEL_WEIGHT = 1;

/** A checked rule set with its matchers built: compile once per worker, share across filings. */
export class CompiledRuleSet {
  readonly label: string;

  constructor(
    readonly source: RuleSet,
    readonly compiled: {
      readonly chemicals: CompiledChemicals;
      readonly press: CompiledPress;
      readonly descriptionFit: CompiledDescriptionFit;
      readonly cmra: CompiledCmra;
      readonly residential: CompiledResidential;
      readonly watchList: CompiledWatchList;
    },
    /** The learned model, when one is loaded; its id is part of the label, so both threads must agree. */
    readonly model?: RiskModel,
  ) {
    this.label = `${source.name}@${source.version}${model === undefined ? '' : `+model:${model.model.id}`}`;
  }

  /**
   * The same rules with a learned model taking part as the `model` rule. A new object: the rule set it
   * came from is left as it was, so a refused model changes nothing.
   */
  withModel(model: FilingModel): CompiledRuleSet {
    const params = this.source.rules.model?.params;
    return new CompiledRuleSet(this.source, this.compiled, {
      model,
      thresholds: params?.thresholds ?? model.pipeline.thresholds,
      topFeatures: params?.topFeatures ?? 3,
    });
  }

  enabled(id: RuleId): boolean {
    if (id === 'model') return this.model !== undefined && (this.source.rules.model?.enabled ?? true);
    return this.source.rules[id].enabled;
  }

  weight(id: RuleId): number {
    if (id === 'model') return this.source.rules.model?.weight ?? DEFAULT_MODEL_WEIGHT;
    return this.source.rules[id].weight;
  }

  params<K extends Exclude<keyof Rules, 'model'>>(id: K): RuleParams<K> {
    return this.source.rules[id].params;
  }

  points(band: RiskBand): number {
    return band === 'none' ? 0 : this.source.bandPoints[band];
  }
}

/** Checks a rule set (as parsed from YAML or JSON) and builds its matchers; problems are values. */
export function compileRuleSet(value: unknown): CompileResult {
  if (!check.Check(value)) {
    const problems = [...check.Errors(value)].slice(0, 10).map(
      (e): RuleSetProblem => ({
        code: 'RISK_SCHEMA',
        path: e.path,
        message: `${e.path || '/'} ${e.message}`,
      }),
    );
    return { ok: false, problems };
  }
  const rs = value as RuleSet;
  const problems: RuleSetProblem[] = [];
  const p = rs.bandPoints;
  if (!(p.low <= p.medium && p.medium <= p.high && p.high <= p.critical))
    problems.push({
      code: 'RISK_BAND_POINTS',
      path: '/bandPoints',
      message: 'band points must not decrease from low to critical (the score must grow with the bands)',
    });
  const ids = new Set<string>();
  rs.chemicals.forEach((c, i) => {
    if (ids.has(c.id))
      problems.push({
        code: 'RISK_DUPLICATE_ID',
        path: `/chemicals/${i}/id`,
        message: `chemical '${c.id}' twice`,
      });
    ids.add(c.id);
    c.cas.forEach((n, j) => {
      if (!casCheckDigitOk(n))
        problems.push({
          code: 'RISK_CAS_CHECK_DIGIT',
          path: `/chemicals/${i}/cas/${j}`,
          message: `${n} fails the CAS check digit; list a number in circulation under casMisprints`,
        });
    });
  });
  const patterns: RegExp[] = [];
  rs.rules['press-wording'].params.patterns.forEach((src, i) => {
    try {
      patterns.push(new RegExp(src));
    } catch (e) {
      problems.push({
        code: 'RISK_PATTERN',
        path: `/rules/press-wording/params/patterns/${i}`,
        message: `not a regular expression: ${(e as Error).message}`,
      });
    }
  });
  if (!pressBandsConsistent(rs.rules['press-wording'].params))
    problems.push({
      code: 'RISK_BAND_ORDER',
      path: '/rules/press-wording/params/bandOnPressLine',
      message: 'bandOnPressLine must be at least band',
    });
  for (const id of ['consignees-per-address', 'addresses-per-consignee'] as const) {
    const c = rs.rules[id].params.counts;
    if (!(c.low >= 2 && c.low <= c.medium && c.medium <= c.high))
      problems.push({
        code: 'RISK_THRESHOLDS',
        path: `/rules/${id}/params/counts`,
        message: 'counts must grow: 2 ≤ low ≤ medium ≤ high',
      });
  }
  const r = rs.rules.undervaluation.params.ratios;
  if (!(r.low <= 1 && r.low >= r.medium && r.medium >= r.high && r.high > 0))
    problems.push({
      code: 'RISK_THRESHOLDS',
      path: '/rules/undervaluation/params/ratios',
      message: 'ratios must shrink: 1 ≥ low ≥ medium ≥ high > 0',
    });
  const mt = rs.rules.model?.params.thresholds;
  if (mt !== undefined) {
    let last = 0;
    for (const b of ['low', 'medium', 'high', 'critical'] as const) {
      const x = mt[b];
      if (x === null) last = Number.POSITIVE_INFINITY;
      else if (x < last) {
        problems.push({
          code: 'RISK_THRESHOLDS',
          path: `/rules/model/params/thresholds/${b}`,
          message:
            'model thresholds must not decrease from low to critical (null: that band and above never)',
        });
        break;
      } else last = x;
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    rules: new CompiledRuleSet(rs, {
      chemicals: compileChemicals(rs.chemicals, rs.rules['precursor-name'].params),
      press: compilePress(rs.rules['press-hts'].params, rs.rules['press-wording'].params, patterns),
      descriptionFit: compileDescriptionFit(rs.rules['description-fit'].params),
      cmra: compileCmra(rs.rules['cmra-address'].params),
      residential: compileResidential(rs.rules['residential-industrial'].params),
      watchList: compileWatchList(rs.rules['watch-list'].params),
    }),
  };
}
