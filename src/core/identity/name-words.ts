/**
 * Word lists for name normalization. Sets are built once at module load; lookups are O(1).
 */

/** Courtesy and professional titles: they vary between filings of one person. */
export const HONORIFICS: ReadonlySet<string> = new Set([
  'MR',
  'MRS',
  'MS',
  'MISS',
  'MX',
  'MISTER',
  'DR',
  'DOCTOR',
  'PROF',
  'PROFESSOR',
  'SIR',
  'MADAM',
  'MADAME',
  'MME',
  'MLLE',
  'REV',
  'HON',
  'HERR',
  'FRAU',
  'SRA',
  'SRTA',
]);

/** Generational suffixes and post-nominals. */
export const NAME_SUFFIXES: ReadonlySet<string> = new Set([
  'JR',
  'JNR',
  'SR',
  'SNR',
  'II',
  'III',
  'IV',
  'ESQ',
  'PHD',
]);

/** Legal-form words that cannot be part of a person's name: removed anywhere in an organization name. */
export const LEGAL_FORMS: ReadonlySet<string> = new Set([
  'LLC',
  'INC',
  'INCORPORATED',
  'LTD',
  'LIMITED',
  'CORP',
  'CORPORATION',
  'COMPANY',
  'GMBH',
  'SRL',
  'SARL',
  'PLC',
  'LLP',
  'PLLC',
  'LTDA',
  'PTY',
  'PTE',
  'PVT',
  'ULC',
  'AKTIENGESELLSCHAFT',
]);

/**
 * Short legal forms that are also plausible name syllables ("Sa", "Co"): they count only as the last
 * word, where legal forms are written ("ACME SA", "ACME CO").
 */
export const TRAILING_LEGAL_FORMS: ReadonlySet<string> = new Set([
  'CO',
  'SA',
  'AG',
  'AB',
  'AS',
  'BV',
  'NV',
  'KG',
  'KK',
  'OY',
  'LP',
  'PC',
  'SL',
  'SE',
  'SAS',
  'SPA',
]);

/** Legal forms written with dots between letters ("L.L.C."), found as runs of one-letter words. */
export const DOTTED_LEGAL_FORMS: ReadonlySet<string> = new Set([
  'LLC',
  'LLP',
  'PLC',
  'SRL',
  'SPA',
  'SARL',
  'GMBH',
  'PLLC',
]);

/** Words that mark an organization without being a legal form; kept in the key. */
export const ORGANIZATION_WORDS: ReadonlySet<string> = new Set([
  'LOGISTICS',
  'TRADING',
  'TRADERS',
  'WAREHOUSE',
  'WAREHOUSING',
  'FULFILLMENT',
  'FULFILMENT',
  'SHOP',
  'SHOPS',
  'STORE',
  'STORES',
  'ENTERPRISE',
  'ENTERPRISES',
  'GROUP',
  'HOLDINGS',
  'INDUSTRIES',
  'INTERNATIONAL',
  'INTL',
  'IMPORTS',
  'IMPORTERS',
  'EXPORTS',
  'EXPORTERS',
  'SUPPLY',
  'SUPPLIES',
  'SERVICES',
  'SOLUTIONS',
  'TECHNOLOGY',
  'TECHNOLOGIES',
  'DISTRIBUTION',
  'DISTRIBUTORS',
  'WHOLESALE',
  'RETAIL',
  'FREIGHT',
  'SHIPPING',
  'ECOMMERCE',
  'COMMERCE',
  'ASSOCIATES',
  'PARTNERS',
  'BROTHERS',
  'BROS',
  'FOUNDATION',
  'UNIVERSITY',
  'AGENCY',
  'DEPOT',
  'OUTLET',
  'BOUTIQUE',
  'MANUFACTURING',
  'MFG',
  'MARKETPLACE',
  'VENTURES',
  'SYSTEMS',
  'PRODUCTS',
  'ELECTRONICS',
  'APPAREL',
]);

/** Filler words of organization names ("The Acme Company" = "Acme Co"). */
export const ORGANIZATION_FILLERS: ReadonlySet<string> = new Set(['THE', 'AND']);
