import { join } from 'node:path';
import { PartyIndex } from '../../core/parties/index.js';
import type { ListEntry } from '../../core/parties/types.js';
import { type CompiledRuleSet, PartyListWatch, type WatchList } from '../../core/risk/index.js';
import type { Targeting } from '../../core/screen/targeting.js';
import { loadFilingModel } from '../model/model-file.js';
import { loadSdnLegacy } from '../parties/sdn-legacy.js';
import { loadUserList } from '../parties/user-list.js';
import { defaultRiskDir, formatRiskFileError, loadLaneConfig, loadRuleSet } from './load-rule-set.js';

/** A rule set or lane file that cannot be used; the message lists every problem with file and line. */
export class TargetingFileError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`targeting configuration refused:\n  ${problems.join('\n  ')}`);
  }
}

export const DEFAULT_RULES = (): string => join(defaultRiskDir(), 'rules.yaml');
export const DEFAULT_LANES = (): string => join(defaultRiskDir(), 'lanes.yaml');

/**
 * The compiled rule set of a file (the worker threads' half of targeting), with the learned model of
 * `modelPath` taking part as the `model` rule when given.
 */
export function loadRiskRules(path = DEFAULT_RULES(), modelPath?: string): CompiledRuleSet {
  const r = loadRuleSet(path);
  if (!r.ok) throw new TargetingFileError(r.errors.map(formatRiskFileError));
  return modelPath === undefined ? r.value.rules : r.value.rules.withModel(loadFilingModel(modelPath));
}

/** Restricted-party lists the watch-list rule screens shippers and sellers against. */
export interface WatchListFiles {
  /** A folder with the OFAC SDN legacy files (sdn.csv, alt.csv, add.csv). */
  readonly sdnDir?: string;
  /** User lists, CSV `name,country,address[,id,program]`. */
  readonly lists?: readonly string[];
}

/** One fuzzy-matching watch list over the SDN list and the user's lists; undefined when none is given. */
export function loadWatchLists(files: WatchListFiles): { watch: WatchList; warnings: string[] } | undefined {
  const entries: ListEntry[] = [];
  const warnings: string[] = [];
  if (files.sdnDir !== undefined) {
    const sdn = loadSdnLegacy(files.sdnDir);
    entries.push(...sdn.entries);
    warnings.push(...sdn.warnings.map((w) => w.message));
  }
  for (const path of files.lists ?? []) entries.push(...loadUserList(path));
  if (entries.length === 0) return undefined;
  return { watch: new PartyListWatch(PartyIndex.build(entries)), warnings };
}

/** The rule set and the lanes: what the screening engine needs to score filings and assign lanes. */
export function loadTargeting(
  rulesPath = DEFAULT_RULES(),
  lanesPath = DEFAULT_LANES(),
  watchLists: readonly WatchList[] = [],
  /** A learned model (`minimis model train --db`) to take part as the `model` rule. */
  modelPath?: string,
): Targeting {
  // The model first: a refused model file stops here, before anything is configured.
  const model = modelPath === undefined ? undefined : loadFilingModel(modelPath);
  const rules = loadRuleSet(rulesPath);
  const lanes = loadLaneConfig(lanesPath);
  const problems = [
    ...(rules.ok ? [] : rules.errors.map(formatRiskFileError)),
    ...(lanes.ok ? [] : lanes.errors.map(formatRiskFileError)),
  ];
  if (!rules.ok || !lanes.ok) throw new TargetingFileError(problems);
  return {
    rules: model === undefined ? rules.value.rules : rules.value.rules.withModel(model),
    lanes: lanes.value,
    ...(watchLists.length === 0 ? {} : { watchLists }),
  };
}
