import { type Static, Type as T } from '@sinclair/typebox';

/**
 * The filing format: the contract with filers. One TypeBox definition per record gives the
 * TypeScript type, the compiled runtime validator and the JSON Schema printed by `minimis schema`.
 * Objects are closed (additionalProperties: false) so a misspelt field is reported, not ignored.
 */
const closed = { additionalProperties: false } as const;
const Text = (max: number, description?: string) =>
  T.String({ maxLength: max, ...(description === undefined ? {} : { description }) });
/** RFC 3339 instant with an explicit offset; the check is a cheap pattern, parsing happens in core/time. */
export const Instant = T.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})$',
  description: 'ISO 8601 / RFC 3339 instant with offset, e.g. 2025-09-02T14:05:00Z',
});
const Money = T.Number({
  description: 'Amount in the record currency (fair retail value in the country of shipment)',
});

export const Address = T.Object(
  {
    line1: Text(200),
    line2: T.Optional(Text(200)),
    city: Text(100),
    state: T.Optional(Text(50, 'U.S. state or territory code (USPS), or a foreign region')),
    postalCode: T.Optional(Text(20)),
    country: Text(3, 'ISO 3166-1 alpha-2 code'),
  },
  closed,
);
export type Address = Static<typeof Address>;

export const Party = T.Object(
  {
    name: Text(200),
    address: Address,
    phone: T.Optional(Text(40)),
    email: T.Optional(Text(200)),
    id: T.Optional(Text(60, 'Identifier such as an importer number or tax id')),
  },
  closed,
);
export type Party = Static<typeof Party>;

export const FilerRole = T.Union([T.Literal('broker'), T.Literal('carrier'), T.Literal('marketplace')]);
export const Org = T.Object(
  { code: Text(20, 'Filer code (ACE filer code or SCAC/IATA code)'), name: Text(200), role: FilerRole },
  closed,
);
export type Org = Static<typeof Org>;

export const PgaFlag = T.Object({ agency: Text(10), code: Text(10) }, closed);

export const Line = T.Object(
  {
    hts: Text(20, 'HTSUS number, 10 digits (dots allowed)'),
    description: Text(500),
    quantity: T.Number(),
    unit: Text(20),
    value: Money,
    currency: Text(3, 'ISO 4217 code'),
    origin: Text(3, 'Country of origin, ISO 3166-1 alpha-2'),
    weightKg: T.Optional(T.Number()),
    cas: T.Optional(Text(20, 'CAS registry number, e.g. 79-03-8')),
    pga: T.Optional(T.Array(PgaFlag, { maxItems: 20 })),
  },
  closed,
);
export type Line = Static<typeof Line>;

export const FilingKind = T.Union([
  T.Literal('type86'),
  T.Literal('manifest321'),
  T.Literal('postal'),
  T.Literal('informal'),
  T.Literal('formal'),
]);
export type FilingKind = Static<typeof FilingKind>;
export const Mode = T.Union([
  T.Literal('air'),
  T.Literal('truck'),
  T.Literal('ocean'),
  T.Literal('rail'),
  T.Literal('mail'),
]);
export type Mode = Static<typeof Mode>;
export const Claim = T.Union([
  T.Literal('section321'),
  T.Literal('gift'),
  T.Literal('traveler'),
  T.Literal('none'),
]);

export const Marketplace = T.Object(
  {
    name: Text(200),
    listingId: T.Optional(Text(100)),
    listingUrl: T.Optional(Text(500)),
    listedPrice: T.Optional(Money),
    currency: T.Optional(Text(3)),
  },
  closed,
);

const filingFields = {
  id: Text(64, 'Filing id, unique per filer (entry number or house bill)'),
  version: T.Integer({ minimum: 1, description: 'Starts at 1; an amendment carries a higher version' }),
  kind: FilingKind,
  mode: Mode,
  filer: Org,
  broker: T.Optional(Org),
  carrier: T.Optional(Org),
  masterBill: T.Optional(Text(50)),
  houseBill: T.Optional(Text(50)),
  conveyanceId: Text(60, 'Flight, voyage, trip or mail dispatch id; arrivals refer to it'),
  portOfEntry: Text(10, 'CBP port code, e.g. 4701'),
  filedAt: Instant,
  /** Optional in the schema so that a missing EDA gets ACE error 282 rather than a schema error. */
  estimatedArrival: T.Optional(T.Union([Instant, T.Array(Instant)])),
  shipper: Party,
  consignee: Party,
  seller: T.Optional(Party),
  purchaser: T.Optional(Party),
  deliverTo: T.Optional(Party),
  marketplace: T.Optional(Marketplace),
  grossWeightKg: T.Number(),
  declaredValue: Money,
  currency: Text(3),
  claim: Claim,
  lines: T.Array(Line, { minItems: 1, maxItems: 999 }),
};

export const Filing = T.Object({ type: T.Literal('filing'), ...filingFields }, closed);
export type Filing = Static<typeof Filing>;
export const Amendment = T.Object({ type: T.Literal('amendment'), ...filingFields }, closed);
export type Amendment = Static<typeof Amendment>;
export const Arrival = T.Object(
  { type: T.Literal('arrival'), conveyanceId: Text(60), arrivedAt: Instant, port: Text(10) },
  closed,
);
export type Arrival = Static<typeof Arrival>;
export const Cancellation = T.Object(
  { type: T.Literal('cancellation'), id: Text(64), version: T.Integer({ minimum: 1 }) },
  closed,
);
export type Cancellation = Static<typeof Cancellation>;

export const InputRecord = T.Union([Filing, Amendment, Arrival, Cancellation]);
export type InputRecord = Static<typeof InputRecord>;
/** A filing or amendment: both carry the full filing. */
export type FilingLike = Filing | Amendment;

export const RECORD_TYPES = ['filing', 'amendment', 'arrival', 'cancellation'] as const;
export const RECORD_SCHEMAS = {
  filing: Filing,
  amendment: Amendment,
  arrival: Arrival,
  cancellation: Cancellation,
};
