/**
 * One Korea Customs Service import declaration as published in the Customs-Declaration-Datasets (Institute
 * for Basic Science & KCS, MIT): 20 declaration attributes and two labels. Prices are KRW, mass kg.
 * The labels are optional so that unlabelled declarations can be scored with the same reader.
 */
export interface KcsDeclaration {
  readonly declarationId: string;
  /** YYYY-MM-DD */
  readonly date: string;
  readonly officeId: string;
  readonly processType: string;
  readonly importType: string;
  readonly importUse: string;
  readonly paymentType: string;
  readonly transportMode: string;
  readonly declarantId: string;
  readonly importerId: string;
  /** Empty when the declaration names no seller. */
  readonly sellerId: string;
  /** Empty when no courier carried the goods. */
  readonly courierId: string;
  /** HS code digits as declared (6 in the published file, 10 in the KCS form). */
  readonly hsCode: string;
  readonly departureCountry: string;
  readonly originCountry: string;
  /** Percent. */
  readonly taxRate: number;
  readonly taxType: string;
  readonly originIndicator: string;
  readonly netMassKg: number;
  readonly itemPriceKrw: number;
  readonly fraud?: boolean;
  /** 0 none, 1 fraud, 2 critical (a threat to public safety). */
  readonly criticalFraud?: 0 | 1 | 2;
}

/** Column names as in the published header, by field. */
export const KCS_COLUMNS = {
  declarationId: 'Declaration ID',
  date: 'Date',
  officeId: 'Office ID',
  processType: 'Process Type',
  importType: 'Import Type',
  importUse: 'Import Use',
  paymentType: 'Payment Type',
  transportMode: 'Mode of Transport',
  declarantId: 'Declarant ID',
  importerId: 'Importer ID',
  sellerId: 'Seller ID',
  courierId: 'Courier ID',
  hsCode: 'HS6 Code',
  departureCountry: 'Country of Departure',
  originCountry: 'Country of Origin',
  taxRate: 'Tax Rate',
  taxType: 'Tax Type',
  originIndicator: 'Country of Origin Indicator',
  netMassKg: 'Net Mass',
  itemPriceKrw: 'Item Price',
  fraud: 'Fraud',
  criticalFraud: 'Critical Fraud',
} as const satisfies Record<keyof KcsDeclaration, string>;

/** The upstream README and its Korean edition call the HS column "HS10 Code"; both are read. */
export const KCS_HS_ALIASES = ['HS6 Code', 'HS10 Code'] as const;

/**
 * What catching a fraudulent declaration recovers. The file carries no revenue column (its two labels
 * are the last columns), so it is estimated from the declaration: `duty` is the duty on the declared
 * value at the declared rate (Item Price × Tax Rate), `value` the declared value itself.
 */
export type KcsRevenueBasis = 'duty' | 'value';

export function kcsRevenue(d: KcsDeclaration, basis: KcsRevenueBasis): number {
  return basis === 'value' ? d.itemPriceKrw : (d.itemPriceKrw * d.taxRate) / 100;
}
