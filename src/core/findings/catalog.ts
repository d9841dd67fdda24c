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
}

export const FINDINGS = {
  // Reading the input
  PARSE_ERROR: { severity: 'reject', title: 'The line is not valid JSON' },
  ENCODING_ERROR: { severity: 'reject', title: 'The line is not valid UTF-8' },
  TRUNCATED_RECORD: { severity: 'reject', title: 'The file ends in the middle of a record' },
  UNKNOWN_RECORD_TYPE: {
    severity: 'reject',
    title: 'The record type is not one of filing, amendment, arrival, cancellation',
  },
  SCHEMA_INVALID: { severity: 'reject', title: 'A field is missing or has the wrong type' },
  UNKNOWN_FIELD: { severity: 'reject', title: 'The record has a field the filing format does not define' },
  CSV_INCONSISTENT: { severity: 'reject', title: 'CSV rows of one filing disagree on a header field' },
  // Codes and numbers
  HTS_FORMAT: { severity: 'reject', title: 'HTS number must have 10 digits' },
  HTS_UNKNOWN: { severity: 'reject', title: 'HTS number is not a line of the loaded schedule' },
  COUNTRY_INVALID: { severity: 'reject', title: 'Not an ISO 3166-1 alpha-2 country code' },
  CURRENCY_INVALID: { severity: 'reject', title: 'Not an ISO 4217 currency code' },
  CURRENCY_NO_RATE: { severity: 'reject', title: 'No exchange rate to USD for this currency' },
  VALUE_NOT_POSITIVE: { severity: 'reject', title: 'Value must be present and greater than zero' },
  WEIGHT_NOT_POSITIVE: { severity: 'reject', title: 'Weight must be present and greater than zero' },
  QUANTITY_NOT_POSITIVE: { severity: 'reject', title: 'Quantity must be greater than zero' },
  VALUE_BELOW_LINES: { severity: 'reject', aceCode: '119', title: 'Value less than all line-item values' },
  INSTANT_INVALID: { severity: 'reject', title: 'Not a real date and time' },
  // Arrival dates (Type 86)
  EDA_MISSING: { severity: 'reject', aceCode: '282', title: 'Estimated date of arrival is required' },
  EDA_DUPLICATE: {
    severity: 'reject',
    aceCode: '288',
    title: 'Only one estimated date of arrival is allowed',
  },
  FILED_AFTER_ARRIVAL: { severity: 'reject', title: 'Filed after the conveyance arrived' },
  FILED_AFTER_ARRIVAL_WARN: { severity: 'warn', title: 'Filed after the conveyance arrived' },
  // Descriptions and parties
  DESCRIPTION_VAGUE: {
    severity: 'reject',
    aceCode: 'MISSING_CARGO_DESC',
    title: 'Description too vague to identify the goods',
  },
  DESCRIPTION_VAGUE_TRUCK: { severity: 'reject', aceCode: '8H', title: 'Invalid description (truck hold)' },
  CONSIGNEE_PLACEHOLDER: {
    severity: 'reject',
    aceCode: '9H',
    title: 'Consignee name or address is missing or a placeholder',
  },
  SHIPPER_PLACEHOLDER: {
    severity: 'reject',
    aceCode: '4H',
    title: 'Shipper name or address is missing or a placeholder',
  },
  ZIP_INVALID: { severity: 'warn', title: 'U.S. ZIP code is malformed' },
  ZIP_STATE_MISMATCH: { severity: 'warn', title: 'U.S. ZIP code does not belong to the state given' },
  STATE_INVALID: { severity: 'warn', title: 'Not a U.S. state or territory code' },
  WEIGHT_VALUE_IMPLAUSIBLE: {
    severity: 'warn',
    title: 'Value per kilogram is implausible for the HTS chapter',
  },
  LINE_WEIGHT_EXCEEDS_GROSS: { severity: 'warn', title: 'Line weights add up to more than the gross weight' },
  // Versions
  VERSION_NOT_HIGHER: {
    severity: 'reject',
    title: 'An amendment must carry a higher version than the filing it amends',
  },
  VERSION_CONFLICT: {
    severity: 'reject',
    title: 'This filing id and version were already filed with different content',
  },
  AMENDMENT_UNKNOWN_FILING: {
    severity: 'warn',
    title: 'Amendment of a filing minimis has not seen; taken as a new filing',
  },
  CANCEL_UNKNOWN_FILING: { severity: 'reject', title: 'Cancellation of a filing minimis has not seen' },
  CANCEL_VERSION_MISMATCH: {
    severity: 'reject',
    title: 'Cancellation names an older version than the current one',
  },
  ARRIVAL_CONFLICT: {
    severity: 'warn',
    title: 'The conveyance was already reported arrived at another instant',
  },
  // The $800 aggregation check
  AGG_MAY_EXCEED: {
    severity: 'warn',
    title: 'Consignee may exceed the de minimis limit on the estimated arrival day',
  },
  DE_MINIMIS_MET: { severity: 'warn', aceCode: '4M', title: 'Withhold entry release: de minimis met' },
} as const satisfies Record<string, FindingSpec>;

export type FindingCode = keyof typeof FINDINGS;
