import { type Static, Type as T, type TSchema } from '@sinclair/typebox';

/**
 * Every parameter a policy may set, with the shape of its value. Parameter files are checked
 * against these schemas when loaded, so a typo in a file is an error, never a silent default.
 */
const Country = T.String({ pattern: '^([A-Z]{2}|\\*)$', description: 'ISO alpha-2, or * for every country' });
const Usd = T.Number({ minimum: 0 });

export const PARAMETER_SCHEMAS = {
  'threshold-usd': T.Union([Usd, T.Null()], {
    description: 'Section 321(a)(2)(C) limit per person per day; null once repealed',
  }),
  'gift-limit-usd': T.Object(
    { standard: Usd, insular: Usd, insularOrigins: T.Array(Country) },
    { additionalProperties: false },
  ),
  'traveler-limit-usd': Usd,
  'aggregation-check': T.Object(
    {
      atFiling: T.Union([T.Literal('warn'), T.Literal('off')]),
      atArrival: T.Union([T.Literal('withhold'), T.Literal('warn'), T.Literal('off')]),
      excludedModes: T.Array(
        T.Union([
          T.Literal('mail'),
          T.Literal('air'),
          T.Literal('truck'),
          T.Literal('ocean'),
          T.Literal('rail'),
        ]),
      ),
      excludedKinds: T.Array(
        T.Union([
          T.Literal('postal'),
          T.Literal('informal'),
          T.Literal('formal'),
          T.Literal('type86'),
          T.Literal('manifest321'),
        ]),
      ),
    },
    { additionalProperties: false },
  ),
  'suspended-origins': T.Array(Country, { description: 'origins whose goods lose Section 321 treatment' }),
  'postal-duty': T.Union([
    T.Null(),
    T.Object(
      {
        origins: T.Array(Country),
        /** Percent, or "ieepa" for the origin country's IEEPA rate. */
        adValorem: T.Union([T.Number({ minimum: 0 }), T.Literal('ieepa')]),
        perItemUsd: T.Union([T.Null(), Usd]),
        /** Per-item amount by IEEPA rate band (percent below which the band applies). */
        perItemBands: T.Union([
          T.Null(),
          T.Array(T.Object({ belowPercent: T.Number(), usd: Usd }, { additionalProperties: false })),
        ]),
      },
      { additionalProperties: false },
    ),
  ]),
  'ieepa-rates': T.Object(
    {
      default: T.Number({ minimum: 0 }),
      byCountry: T.Record(T.String({ pattern: '^[A-Z]{2}$' }), T.Number({ minimum: 0 })),
    },
    { additionalProperties: false },
  ),
  'civil-penalty-usd': T.Union([
    T.Null(),
    T.Object({ first: Usd, later: Usd }, { additionalProperties: false }),
  ]),
  'liquidated-damages-multiple': T.Number({
    minimum: 0,
    description:
      'cap of liquidated damages for a breach of the bond conditions, as a multiple of the merchandise value',
  }),
  'mpf-informal-usd': T.Object(
    { automated: Usd, manual: Usd, cbpPrepared: Usd },
    { additionalProperties: false },
  ),
  'mpf-formal': T.Object(
    { percent: T.Number({ minimum: 0, maximum: 100 }), minUsd: Usd, maxUsd: Usd },
    { additionalProperties: false },
  ),
  'excluded-goods': T.Array(
    T.Object(
      {
        id: T.String(),
        label: T.String(),
        htsPrefixes: T.Array(T.String({ pattern: '^[0-9]{2,10}$' })),
        /** The exclusion does not apply to a shipment worth at most this much (perfume: $5). */
        unlessShipmentAtMostUsd: T.Optional(Usd),
        /** Only these filing kinds lose eligibility (PGA goods: release from manifest only). */
        kinds: T.Optional(T.Array(T.String())),
        citation: T.String(),
      },
      { additionalProperties: false },
    ),
  ),
  'lookup-exclusions': T.Object(
    {
      adcvd: T.Boolean({ description: 'goods under an AD/CVD order (reference-data hint by origin)' }),
      pgaOnManifest: T.Boolean({ description: 'PGA-flagged goods cannot be released from manifest' }),
      tradeRemedy: T.Boolean({ description: 'goods under Section 201, 232 or 301 actions (proposed rule)' }),
      section201Prefixes: T.Array(T.String({ pattern: '^[0-9]{4,10}$' }), {
        description: 'HTS prefixes under a Section 201 safeguard',
      }),
    },
    { additionalProperties: false },
  ),
  'type86-available': T.Boolean(),
  'suspended-filers': T.Array(T.String(), { description: 'filer codes suspended from the Type 86 test' }),
  'manifest-carriers': T.Union([
    T.Null(),
    T.Array(T.String(), { description: 'only these carriers may claim Section 321 by manifest (null: any)' }),
  ]),
  'ecommerce-eligible': T.Boolean({
    description: 'false: marketplace and e-commerce sales lose Section 321',
  }),
} as const satisfies Record<string, TSchema>;

export type ParameterName = keyof typeof PARAMETER_SCHEMAS;
export type ParameterValue<N extends ParameterName> = Static<(typeof PARAMETER_SCHEMAS)[N]>;

export function isParameterName(name: string): name is ParameterName {
  return Object.hasOwn(PARAMETER_SCHEMAS, name);
}
