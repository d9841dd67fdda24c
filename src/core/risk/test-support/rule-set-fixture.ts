import { type CompiledRuleSet, compileRuleSet } from '../compile.js';
import type { RuleSet } from '../rule-set.js';

/**
 * A complete rule set for core tests (core may not read policy/risk/rules.yaml): the same shape and
 * defaults, with a few chemicals. The adapter tests check the shipped file itself.
 */
export function aRuleSet(): RuleSet {
  return {
    name: 'test',
    version: '1',
    bandPoints: { low: 10, medium: 25, high: 50, critical: 100 },
    maxScore: 100,
    chemicals: [
      {
        id: 'npp',
        label: 'NPP',
        band: 'critical',
        htsBand: 'critical',
        cas: ['39742-60-4'],
        hts: ['2933.37'],
        names: ['N-phenethyl-4-piperidone'],
        acronyms: ['NPP'],
        source: 'test',
      },
      {
        id: '4-piperidone',
        label: '4-piperidone',
        band: 'high',
        htsBand: 'medium',
        cas: ['41661-47-6', '40064-34-4'],
        hts: ['2933.39'],
        names: ['4-piperidone', 'piperidin-4-one'],
        source: 'test',
      },
      {
        id: 'norfentanyl',
        label: 'norfentanyl',
        band: 'critical',
        htsBand: 'medium',
        cas: ['1609-66-1'],
        casMisprints: ['1609-66-5'],
        hts: ['2933.39'],
        names: ['norfentanyl'],
        source: 'test',
      },
      {
        id: 'propionyl-chloride',
        label: 'propionyl chloride',
        band: 'high',
        htsBand: 'low',
        cas: ['79-03-8'],
        hts: ['2915.90.50'],
        names: ['propionyl chloride', 'propanoyl chloride'],
        source: 'test',
      },
      {
        id: 'aniline',
        label: 'aniline',
        band: 'medium',
        htsBand: 'low',
        cas: ['62-53-3'],
        hts: ['2921.41'],
        names: ['aniline'],
        notWith: ['leather'],
        source: 'test',
      },
    ],
    rules: {
      'precursor-hts': { enabled: true, weight: 1, params: {} },
      'precursor-cas': { enabled: true, weight: 1, params: { textFields: true } },
      'precursor-name': {
        enabled: true,
        weight: 1,
        params: {
          salts: ['hydrochloride', 'HCl', 'monohydrate'],
          chemicalChapters: ['28', '29', '38'],
          chemicalWords: ['powder', 'purity', 'reagent'],
        },
      },
      'press-hts': {
        enabled: true,
        weight: 1,
        params: {
          lines: [
            { hts: '8479.89', band: 'low', label: 'machines n.e.s.' },
            { hts: '8479.90', band: 'low', label: 'parts' },
          ],
        },
      },
      'press-wording': {
        enabled: true,
        weight: 1,
        params: {
          phrases: ['tablet press', 'pill press', 'capsule filling machine', 'punch and die', 'die set'],
          patterns: ['\\bTDP ?[0-9]'],
          notWith: ['cutting die', 'press on', 'heat press', 'garlic press'],
          band: 'high',
          bandOnPressLine: 'critical',
        },
      },
      'description-fit': {
        enabled: true,
        weight: 1,
        params: {
          groups: [
            { label: 'apparel', chapters: ['61', '62'], words: ['t-shirt', 'shirt', 'dress'] },
            { label: 'computers', chapters: ['84', '85'], words: ['keyboard', 'laptop'] },
          ],
          band: 'low',
          sensitiveChapters: ['28', '29'],
          sensitiveBand: 'high',
        },
      },
      'weight-value': {
        enabled: true,
        weight: 1,
        params: {
          belowBand: 'low',
          farFactor: 10,
          farBelowBand: 'medium',
          aboveBand: 'low',
          farAboveBand: 'medium',
          lineWeightsOverGross: 'low',
        },
      },
      'cmra-address': {
        enabled: true,
        weight: 1,
        params: {
          roles: ['consignee', 'deliverTo'],
          mailboxWords: ['PMB', 'private mailbox'],
          mailboxBand: 'medium',
          agencyWords: ['UPS Store'],
          agencyBand: 'medium',
          boxAfterSuiteBand: 'medium',
          hashUnitBand: 'low',
          knownAddresses: [{ line1: '16192 Coastal Highway', postalCode: '19958', note: 'registered agent' }],
          knownAddressBand: 'medium',
        },
      },
      'residential-industrial': {
        enabled: true,
        weight: 1,
        params: {
          heavyKg: 15,
          goods: [
            { hts: '29', band: 'medium', label: 'organic chemicals' },
            { hts: '8479', band: 'medium', label: 'machines' },
          ],
        },
      },
      undervaluation: {
        enabled: true,
        weight: 1,
        params: {
          headingDigits: 4,
          minSamples: 20,
          quantile: 0.1,
          ratios: { low: 0.5, medium: 0.2, high: 0.05 },
          halfLifeSamples: 100_000,
        },
      },
      'consignees-per-address': {
        enabled: true,
        weight: 1,
        params: { windowDays: 7, counts: { low: 3, medium: 5, high: 10 }, maxKeys: 1000 },
      },
      'addresses-per-consignee': {
        enabled: true,
        weight: 1,
        params: { windowDays: 7, counts: { low: 3, medium: 5, high: 10 }, maxKeys: 1000 },
      },
      'first-seen-party': {
        enabled: true,
        weight: 0.5,
        params: { roles: ['shipper', 'seller'], band: 'low', warmUpFilings: 0, maxParties: 1000 },
      },
      'watch-list': {
        enabled: true,
        weight: 1,
        params: {
          roles: ['shipper', 'seller', 'consignee'],
          entries: [{ name: 'Wuhan Shine Chemical Co', country: 'CN', list: 'test list', band: 'high' }],
        },
      },
    },
  };
}

export function compiled(rs: RuleSet = aRuleSet()): CompiledRuleSet {
  const r = compileRuleSet(rs);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.rules;
}

/** USD for every currency but EUR (1.1), enough for tests. */
export const RATES = { usdPerUnit: (c: string) => (c === 'USD' ? 1 : c === 'EUR' ? 1.1 : undefined) };
