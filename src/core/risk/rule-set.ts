import { type Static, Type as T, type TObject, type TProperties, type TSchema } from '@sinclair/typebox';

/**
 * The risk rule set as configuration (policy/risk/rules.yaml): every rule with `enabled`, `weight` and
 * its parameters, in the manner of Tazama typologies or Marble scenarios. Objects are closed so that a
 * misspelt key is an error when the file is loaded, never a silently ignored parameter.
 */
const closed = { additionalProperties: false } as const;

export const HitBandSchema = T.Union([
  T.Literal('low'),
  T.Literal('medium'),
  T.Literal('high'),
  T.Literal('critical'),
]);
export const BandSchema = T.Union([T.Literal('none'), HitBandSchema]);

/** An HTS prefix as people write it: "29", "2933", "2933.37", "8479.89.95". Dots are dropped when compiled. */
const HtsPrefix = T.String({ pattern: '^[0-9]{2,4}(\\.?[0-9]{2}){0,3}$' });
const Chapter = T.String({ pattern: '^[0-9]{2}$' });
const Cas = T.String({ pattern: '^[0-9]{2,7}-[0-9]{2}-[0-9]$', description: 'CAS registry number' });
const Words = T.Array(T.String({ minLength: 1 }));
/** Counts or ratios at which a measured value reaches each band (ascending counts; see each rule). */
const Thresholds = T.Object({ low: T.Number(), medium: T.Number(), high: T.Number() }, closed);

export const ChemicalSchema = T.Object(
  {
    id: T.String({ pattern: '^[a-z0-9-]+$' }),
    label: T.String(),
    /** Band of a name or CAS match. */
    band: HitBandSchema,
    /** Band of a match on the HTS line alone (broad lines such as 2933.39 hold many innocent chemicals). */
    htsBand: HitBandSchema,
    cas: T.Array(Cas),
    /** Numbers that fail the CAS check digit but circulate in lists and listings: matched, named as misprints. */
    casMisprints: T.Optional(T.Array(Cas)),
    hts: T.Array(HtsPrefix),
    names: Words,
    /** Short forms (NPP, PMK, 4-AP) that mean the chemical only beside chemical wording or a chemical HTS line. */
    acronyms: T.Optional(Words),
    /** A name next to one of these words is another product ("aniline leather"). */
    notWith: T.Optional(Words),
    source: T.String(),
  },
  closed,
);
export type Chemical = Static<typeof ChemicalSchema>;

const Rule = <P extends TProperties>(params: TObject<P>) =>
  T.Object(
    {
      enabled: T.Boolean(),
      weight: T.Number({ minimum: 0, maximum: 10 }),
      description: T.Optional(T.String()),
      params,
    },
    closed,
  );

const HtsBandEntry = T.Object({ hts: HtsPrefix, band: HitBandSchema, label: T.String() }, closed);
export const PartyRole = T.Union([
  T.Literal('shipper'),
  T.Literal('consignee'),
  T.Literal('seller'),
  T.Literal('purchaser'),
  T.Literal('deliverTo'),
]);
export type PartyRole = Static<typeof PartyRole>;

export const RULE_PARAM_SCHEMAS = {
  'precursor-hts': T.Object({}, closed),
  'precursor-cas': T.Object(
    { textFields: T.Boolean({ description: 'also look for CAS numbers in every text of the filing' }) },
    closed,
  ),
  'precursor-name': T.Object(
    {
      /** Salt and hydrate words reported with a match ("4-piperidone hydrochloride monohydrate"). */
      salts: Words,
      /** What makes an acronym mean the chemical: these HTS chapters or one of these words on the line. */
      chemicalChapters: T.Array(Chapter),
      chemicalWords: Words,
    },
    closed,
  ),
  'press-hts': T.Object({ lines: T.Array(HtsBandEntry) }, closed),
  'press-wording': T.Object(
    {
      phrases: Words,
      /** Regular expressions on the upper-cased description (model numbers such as TDP-5, ZP17). */
      patterns: Words,
      notWith: Words,
      band: HitBandSchema,
      /** Band when the wording sits on a line whose HTS is one of press-hts's lines. */
      bandOnPressLine: HitBandSchema,
    },
    closed,
  ),
  'description-fit': T.Object(
    {
      groups: T.Array(T.Object({ label: T.String(), chapters: T.Array(Chapter), words: Words }, closed)),
      band: HitBandSchema,
      /** Chapters where a description from elsewhere is a known concealment (chemicals declared as keyboards). */
      sensitiveChapters: T.Array(Chapter),
      sensitiveBand: HitBandSchema,
    },
    closed,
  ),
  'weight-value': T.Object(
    {
      /** Below the chapter's plausible $/kg band (core/validation/weight-value-bands.ts). */
      belowBand: BandSchema,
      /** Below the band by this factor or more. */
      farFactor: T.Number({ minimum: 1 }),
      farBelowBand: BandSchema,
      aboveBand: BandSchema,
      farAboveBand: BandSchema,
      lineWeightsOverGross: BandSchema,
    },
    closed,
  ),
  'cmra-address': T.Object(
    {
      roles: T.Array(PartyRole),
      /** Words that name a private mailbox on their own: PMB, "private mailbox". */
      mailboxWords: Words,
      mailboxBand: HitBandSchema,
      /** Franchise names of commercial mail receiving agencies. */
      agencyWords: Words,
      agencyBand: HitBandSchema,
      /** A "#" unit after a suite, or two unit numbers: how CMRA boxes are written without "PMB". */
      boxAfterSuiteBand: BandSchema,
      /** A bare "#123": apartments are written that way too. */
      hashUnitBand: BandSchema,
      /** Street addresses known to be CMRAs (e.g. from the USPS CMRA list): line 1 and ZIP. */
      knownAddresses: T.Array(
        T.Object({ line1: T.String(), postalCode: T.String(), note: T.String() }, closed),
      ),
      knownAddressBand: HitBandSchema,
    },
    closed,
  ),
  'residential-industrial': T.Object(
    {
      goods: T.Array(HtsBandEntry),
      /** Heavier than this on an industrial line raises the band by one. */
      heavyKg: T.Number({ minimum: 0 }),
    },
    closed,
  ),
  undervaluation: T.Object(
    {
      headingDigits: T.Union([T.Literal(4), T.Literal(6)]),
      /** No verdict until a heading has this many weighed lines. */
      minSamples: T.Integer({ minimum: 1 }),
      /** The heading's quantile the line is compared with (0.1: the 10th percentile of $/kg). */
      quantile: T.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 }),
      /** Ratio declared $/kg ÷ that quantile at or below which each band applies (descending). */
      ratios: Thresholds,
      /** Sample count per heading after which old samples are halved, so the baseline follows the traffic. */
      halfLifeSamples: T.Integer({ minimum: 100 }),
    },
    closed,
  ),
  'consignees-per-address': T.Object(
    {
      windowDays: T.Integer({ minimum: 1, maximum: 366 }),
      counts: Thresholds,
      maxKeys: T.Integer({ minimum: 1 }),
    },
    closed,
  ),
  'addresses-per-consignee': T.Object(
    {
      windowDays: T.Integer({ minimum: 1, maximum: 366 }),
      counts: Thresholds,
      maxKeys: T.Integer({ minimum: 1 }),
    },
    closed,
  ),
  'first-seen-party': T.Object(
    {
      roles: T.Array(T.Union([T.Literal('shipper'), T.Literal('seller')])),
      band: HitBandSchema,
      /** Every party is new on the first day: stay silent until the memory has seen this many filings. */
      warmUpFilings: T.Integer({ minimum: 0 }),
      maxParties: T.Integer({ minimum: 1 }),
    },
    closed,
  ),
  'watch-list': T.Object(
    {
      roles: T.Array(PartyRole),
      entries: T.Array(
        T.Object(
          {
            name: T.String({ minLength: 1 }),
            country: T.Optional(T.String({ pattern: '^[A-Z]{2}$' })),
            list: T.String(),
            band: HitBandSchema,
            note: T.Optional(T.String()),
          },
          closed,
        ),
      ),
    },
    closed,
  ),
  model: T.Object(
    {
      /**
       * Probability at or above which the model's score reaches each band (null: never). Absent: the
       * thresholds fitted when the model was trained, stored in the model file.
       */
      thresholds: T.Optional(
        T.Object(
          {
            low: T.Union([T.Number({ minimum: 0, maximum: 1 }), T.Null()]),
            medium: T.Union([T.Number({ minimum: 0, maximum: 1 }), T.Null()]),
            high: T.Union([T.Number({ minimum: 0, maximum: 1 }), T.Null()]),
            critical: T.Union([T.Number({ minimum: 0, maximum: 1 }), T.Null()]),
          },
          closed,
        ),
      ),
      /** Features named in the reason of a hit. */
      topFeatures: T.Optional(T.Integer({ minimum: 0, maximum: 10 })),
    },
    closed,
  ),
} as const satisfies Record<string, TSchema>;

export const RuleSetSchema = T.Object(
  {
    name: T.String({ pattern: '^[a-z0-9-]+$' }),
    version: T.String({ minLength: 1 }),
    description: T.Optional(T.String()),
    /** Points a band adds before the rule's weight; the score is their weighted sum, capped at maxScore. */
    bandPoints: T.Object(
      { low: T.Number({ minimum: 0 }), medium: T.Number(), high: T.Number(), critical: T.Number() },
      closed,
    ),
    maxScore: T.Number({ exclusiveMinimum: 0 }),
    chemicals: T.Array(ChemicalSchema),
    rules: T.Object(
      {
        'precursor-hts': Rule(RULE_PARAM_SCHEMAS['precursor-hts']),
        'precursor-cas': Rule(RULE_PARAM_SCHEMAS['precursor-cas']),
        'precursor-name': Rule(RULE_PARAM_SCHEMAS['precursor-name']),
        'press-hts': Rule(RULE_PARAM_SCHEMAS['press-hts']),
        'press-wording': Rule(RULE_PARAM_SCHEMAS['press-wording']),
        'description-fit': Rule(RULE_PARAM_SCHEMAS['description-fit']),
        'weight-value': Rule(RULE_PARAM_SCHEMAS['weight-value']),
        'cmra-address': Rule(RULE_PARAM_SCHEMAS['cmra-address']),
        'residential-industrial': Rule(RULE_PARAM_SCHEMAS['residential-industrial']),
        undervaluation: Rule(RULE_PARAM_SCHEMAS.undervaluation),
        'consignees-per-address': Rule(RULE_PARAM_SCHEMAS['consignees-per-address']),
        'addresses-per-consignee': Rule(RULE_PARAM_SCHEMAS['addresses-per-consignee']),
        'first-seen-party': Rule(RULE_PARAM_SCHEMAS['first-seen-party']),
        'watch-list': Rule(RULE_PARAM_SCHEMAS['watch-list']),
        /** The learned model's rule: optional, and used only when a model is loaded (`--model FILE`). */
        model: T.Optional(Rule(RULE_PARAM_SCHEMAS.model)),
      },
      closed,
    ),
  },
  closed,
);
export type RuleSet = Static<typeof RuleSetSchema>;
export type RuleConfig<K extends keyof RuleSet['rules']> = NonNullable<RuleSet['rules'][K]>;
export type RuleParams<K extends keyof RuleSet['rules']> = NonNullable<RuleSet['rules'][K]>['params'];
