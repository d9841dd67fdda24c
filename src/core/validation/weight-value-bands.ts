/**
 * Plausible declared value per kilogram (USD) by 2-digit HTS chapter: roughly 50× below and above what
 * e-commerce shipments of the chapter usually declare (typical range in the comment), so that only
 * values that make no physical sense are flagged: 40 kg of T-shirts for $3, a kilogram of phones for $0.50.
 * Estimates for screening, not statistics; chapters not listed get the wide default band.
 */
export interface Band {
  /** USD per kg. */
  readonly min: number;
  readonly max: number;
}

const BANDS: Readonly<Record<string, Band>> = {
  '09': { min: 0.2, max: 3_000 }, // coffee, tea, spices: $10–60/kg
  '21': { min: 0.2, max: 5_000 }, // food preparations, supplements: $10–100/kg
  '29': { min: 0.05, max: 100_000 }, // organic chemicals: bulk to research grade
  '30': { min: 1, max: 1_000_000 }, // pharmaceuticals: $50–20,000/kg
  '33': { min: 0.5, max: 5_000 }, // cosmetics, perfume: $20–100/kg
  '34': { min: 0.1, max: 1_500 }, // soap, candles: $5–30/kg
  '39': { min: 0.05, max: 1_000 }, // plastics and articles: $3–20/kg
  '40': { min: 0.1, max: 1_000 }, // rubber articles: $5–20/kg
  '42': { min: 0.3, max: 5_000 }, // bags, cases, leather goods: $15–100/kg
  '44': { min: 0.05, max: 1_000 }, // wood articles: $2–20/kg
  '48': { min: 0.02, max: 500 }, // paper articles: $1–10/kg
  '49': { min: 0.1, max: 2_000 }, // printed matter: $5–40/kg
  '52': { min: 0.1, max: 1_500 }, // cotton yarn, fabric: $5–30/kg
  '54': { min: 0.1, max: 1_500 }, // man-made filaments, fabric
  '55': { min: 0.1, max: 1_500 }, // man-made staple fibres, fabric
  '61': { min: 0.5, max: 3_000 }, // knitted apparel: $10–60/kg
  '62': { min: 0.5, max: 3_000 }, // woven apparel: $10–60/kg
  '63': { min: 0.2, max: 1_500 }, // made-up textile articles: $5–30/kg
  '64': { min: 0.3, max: 2_000 }, // footwear: $15–40/kg
  '65': { min: 0.3, max: 2_000 }, // headgear: $15–40/kg
  '67': { min: 0.5, max: 10_000 }, // wigs, artificial flowers: $20–200/kg
  '69': { min: 0.05, max: 1_000 }, // ceramics: $2–20/kg
  '70': { min: 0.05, max: 1_000 }, // glass: $2–20/kg
  '71': { min: 1, max: 1_000_000 }, // jewelry, precious metals: imitation $50/kg to gold $100,000/kg
  '73': { min: 0.05, max: 1_000 }, // iron and steel articles: $2–20/kg
  '76': { min: 0.05, max: 1_000 }, // aluminium articles: $3–20/kg
  '82': { min: 0.1, max: 2_000 }, // tools, cutlery: $5–40/kg
  '83': { min: 0.1, max: 1_000 }, // miscellaneous base-metal articles: $5–20/kg
  '84': { min: 0.2, max: 20_000 }, // machines, computers: $10–400/kg
  '85': { min: 0.2, max: 20_000 }, // electrical, electronics: $10–400/kg
  '87': { min: 0.1, max: 5_000 }, // vehicles and parts: $5–100/kg
  '90': { min: 0.5, max: 100_000 }, // optical, medical instruments: $20–2,000/kg
  '91': { min: 2, max: 1_000_000 }, // watches: $100–20,000/kg
  '92': { min: 0.2, max: 5_000 }, // musical instruments: $10–100/kg
  '94': { min: 0.1, max: 2_000 }, // furniture, lamps: $5–40/kg
  '95': { min: 0.2, max: 2_000 }, // toys, sports goods: $10–40/kg
  '96': { min: 0.1, max: 3_000 }, // miscellaneous manufactured: $5–60/kg
};

/** For chapters not listed: wide enough for anything but nonsense. */
export const DEFAULT_BAND: Band = { min: 0.01, max: 100_000 };

/** The $/kg band of a 2-digit HTS chapter ("61"), or the default band. */
export function bandForChapter(chapter: string): Band {
  return BANDS[chapter] ?? DEFAULT_BAND;
}
