/**
 * Every finding minimis can raise, with its stable code, severity and ACE code where one exists.
 * The catalog is data: the engine never switches on a code, it reads these entries.
 * `reject` stops the filing (ACE would reject it); `warn` is reported to the filer and kept.
 */
export type Severity = 'reject' | 'warn';

export interface FindingSpec {
  readonly severity: Severity;
  /** ACE / ACAS code or message the finding corresponds to, when CBP has one. */
  readonly aceCode?: string;
  readonly title: string;
  /** What the filer should do about it, in one sentence. */
  readonly fix: string;
}

export const FINDINGS = {
  // Reading the input
  PARSE_ERROR: {
    severity: 'reject',
    title: 'The line is not valid JSON',
    fix: 'Write the line as one JSON object (check quotes, commas and brackets).',
  },
  ENCODING_ERROR: {
    severity: 'reject',
    title: 'The line is not valid UTF-8',
    fix: 'Save the file as UTF-8.',
  },
  TRUNCATED_RECORD: {
    severity: 'reject',
    title: 'The file ends in the middle of a record',
    fix: 'Send the whole file again; the last record was cut off.',
  },
  UNKNOWN_RECORD_TYPE: {
    severity: 'reject',
    title: 'The record type is not one of filing, amendment, arrival, cancellation',
    fix: 'Set "type" to filing, amendment, arrival or cancellation.',
  },
  SCHEMA_INVALID: {
    severity: 'reject',
    title: 'A field is missing or has the wrong type',
    fix: 'Give the field at the path the type the filing format asks for (minimis schema filing).',
  },
  UNKNOWN_FIELD: {
    severity: 'reject',
    title: 'The record has a field the filing format does not define',
    fix: 'Remove the field, or move it where the filing format defines it (minimis schema filing).',
  },
  CSV_INCONSISTENT: {
    severity: 'reject',
    title: 'CSV rows of one filing disagree on a header field',
    fix: 'Repeat the same header values (filer, consignee, value …) on every row of the filing.',
  },
  // Codes and numbers
  HTS_FORMAT: {
    severity: 'reject',
    title: 'HTS number must have 10 digits',
    fix: 'Give the full 10-digit HTS statistical number of the line, e.g. 6109.10.00.12.',
  },
  HTS_UNKNOWN: {
    severity: 'reject',
    title: 'HTS number is not a line of the loaded schedule',
    fix: 'Look the goods up in the current HTS edition and give a number that exists there.',
  },
  COUNTRY_INVALID: {
    severity: 'reject',
    title: 'Not an ISO 3166-1 alpha-2 country code',
    fix: 'Use the two-letter ISO 3166-1 code, e.g. CN, VN, DE.',
  },
  CURRENCY_INVALID: {
    severity: 'reject',
    title: 'Not an ISO 4217 currency code',
    fix: 'Use the three-letter ISO 4217 code, e.g. USD, EUR, CNY.',
  },
  CURRENCY_NO_RATE: {
    severity: 'reject',
    title: 'No exchange rate to USD for this currency',
    fix: 'Declare the value in USD, or supply a rate for the currency (--rates).',
  },
  VALUE_NOT_POSITIVE: {
    severity: 'reject',
    title: 'Value must be present and greater than zero',
    fix: 'Declare the transaction value of the goods, greater than zero.',
  },
  WEIGHT_NOT_POSITIVE: {
    severity: 'reject',
    title: 'Weight must be present and greater than zero',
    fix: 'Declare the weight in kilograms, greater than zero.',
  },
  QUANTITY_NOT_POSITIVE: {
    severity: 'reject',
    title: 'Quantity must be greater than zero',
    fix: 'Declare how many units the line holds, greater than zero.',
  },
  VALUE_BELOW_LINES: {
    severity: 'reject',
    aceCode: '119',
    title: 'Value less than all line-item values',
    fix: 'Make the declared value at least the sum of the line values.',
  },
  INSTANT_INVALID: {
    severity: 'reject',
    title: 'Not a real date and time',
    fix: 'Write the time as RFC 3339 with its offset, e.g. 2025-08-20T10:00:00-04:00.',
  },
  // Arrival dates (Type 86)
  EDA_MISSING: {
    severity: 'reject',
    aceCode: '282',
    title: 'Estimated date of arrival is required',
    fix: 'Give the estimated date of arrival of the conveyance.',
  },
  EDA_DUPLICATE: {
    severity: 'reject',
    aceCode: '288',
    title: 'Only one estimated date of arrival is allowed',
    fix: 'Give exactly one estimated date of arrival.',
  },
  FILED_AFTER_ARRIVAL: {
    severity: 'reject',
    title: 'Filed after the conveyance arrived',
    fix: 'File Type 86 entries before the goods arrive; now file an informal or formal entry.',
  },
  FILED_AFTER_ARRIVAL_WARN: {
    severity: 'warn',
    title: 'Filed after the conveyance arrived',
    fix: 'File before the conveyance arrives.',
  },
  // Descriptions and parties
  DESCRIPTION_VAGUE: {
    severity: 'reject',
    aceCode: 'MISSING_CARGO_DESC',
    title: 'Description too vague to identify the goods',
    fix: "Say what the goods are, what they are made of and what they are for (e.g. men's cotton knit T-shirt), not gift, parts or merchandise.",
  },
  DESCRIPTION_VAGUE_TRUCK: {
    severity: 'reject',
    aceCode: '8H',
    title: 'Invalid description (truck hold)',
    fix: 'Say what the goods are, what they are made of and what they are for.',
  },
  CONSIGNEE_PLACEHOLDER: {
    severity: 'reject',
    aceCode: '9H',
    title: 'Consignee name or address is missing or a placeholder',
    fix: 'Give the real name and full street address of the person or business receiving the goods.',
  },
  SHIPPER_PLACEHOLDER: {
    severity: 'reject',
    aceCode: '4H',
    title: 'Shipper name or address is missing or a placeholder',
    fix: 'Give the real name and full address of the seller or shipper abroad.',
  },
  ZIP_INVALID: {
    severity: 'warn',
    title: 'U.S. ZIP code is malformed',
    fix: 'Give a 5-digit ZIP code (or ZIP+4).',
  },
  ZIP_STATE_MISMATCH: {
    severity: 'warn',
    title: 'U.S. ZIP code does not belong to the state given',
    fix: 'Check the ZIP code and the state: they must belong together.',
  },
  STATE_INVALID: {
    severity: 'warn',
    title: 'Not a U.S. state or territory code',
    fix: 'Use the two-letter USPS state or territory code.',
  },
  WEIGHT_VALUE_IMPLAUSIBLE: {
    severity: 'warn',
    title: 'Value per kilogram is implausible for the HTS chapter',
    fix: 'Check the declared value and weight of the line against the goods and the invoice.',
  },
  LINE_WEIGHT_EXCEEDS_GROSS: {
    severity: 'warn',
    title: 'Line weights add up to more than the gross weight',
    fix: 'Make the line weights add up to no more than the gross weight.',
  },
  // Versions
  VERSION_NOT_HIGHER: {
    severity: 'reject',
    title: 'An amendment must carry a higher version than the filing it amends',
    fix: 'Send the amendment with a version higher than the last one filed.',
  },
  VERSION_CONFLICT: {
    severity: 'reject',
    title: 'This filing id and version were already filed with different content',
    fix: 'Send changed content as an amendment with a higher version.',
  },
  AMENDMENT_UNKNOWN_FILING: {
    severity: 'warn',
    title: 'Amendment of a filing minimis has not seen; taken as a new filing',
    fix: 'Check the filing id; send the original filing first if it was never filed.',
  },
  CANCEL_UNKNOWN_FILING: {
    severity: 'reject',
    title: 'Cancellation of a filing minimis has not seen',
    fix: 'Check the filing id; nothing was filed under it.',
  },
  CANCEL_VERSION_MISMATCH: {
    severity: 'reject',
    title: 'Cancellation names an older version than the current one',
    fix: 'Cancel the current version of the filing.',
  },
  ARRIVAL_CONFLICT: {
    severity: 'warn',
    title: 'The conveyance was already reported arrived at another instant',
    fix: 'Report one arrival time per conveyance; correct the first report if it was wrong.',
  },
  // The $800 aggregation check
  AGG_MAY_EXCEED: {
    severity: 'warn',
    title: 'Consignee may exceed the de minimis limit on the estimated arrival day',
    fix: "If the consignee's shipments arriving that day exceed $800, file an informal or formal entry instead of Type 86.",
  },
  DE_MINIMIS_MET: {
    severity: 'warn',
    aceCode: '4M',
    title: 'Withhold entry release: de minimis met',
    fix: 'File an informal or formal entry for the withheld shipment, or abandon, export or return it.',
  },
} as const satisfies Record<string, FindingSpec>;

export type FindingCode = keyof typeof FINDINGS;

/** What the filer should do about a finding. */
export const fixFor = (code: FindingCode): string => FINDINGS[code].fix;
