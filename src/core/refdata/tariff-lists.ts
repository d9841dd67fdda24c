/**
 * Tariff lists beside the HTS schedule: partner-government-agency (PGA) flags from CBP's HTS–PGA report,
 * the China Section 301 additional duties and their exclusions, Section 232 duties and antidumping /
 * countervailing duty hints. Adapters parse the official files into the row types below; the core only
 * answers lookups, in memory and synchronously, keyed by the 10-digit HTS number (digits, no dots).
 */

/** One line of CBP's HTS–PGA report. */
export interface PgaLine {
  readonly hts10: string;
  readonly description: string;
  /** ISO dates (YYYY-MM-DD) from which and until which the line is valid in ACE. */
  readonly effective: string;
  readonly expires: string;
  readonly adDuty: boolean;
  readonly cvDuty: boolean;
  /** PGA flag codes as published, e.g. ["AM7", "FD3"]. */
  readonly codes: readonly string[];
}

/** A Section 301 additional duty on an 8-digit subheading (25 = lists 1–3, 7.5 = list 4A). */
export interface Section301Rate {
  readonly hts8: string;
  readonly percent: number;
}

/** A USTR Section 301 exclusion: an 8- or 10-digit number that the duty does not apply to. */
export interface Section301Exclusion {
  readonly hts: string;
  readonly description: string;
}

/** A Section 232 duty on every line under a 4- to 10-digit prefix. */
export interface Section232Rate {
  readonly prefix: string;
  readonly percent: number;
  readonly category: string;
}

/** An AD/CVD case that may cover lines under an HTS prefix from one origin country (a hint, not the order). */
export interface AdcvdWarning {
  readonly prefix: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  readonly caseDesc: string;
}

export interface PgaFlags {
  /** Agencies whose flags the line carries, in the order of their first code, e.g. ["USDA-AMS", "FDA"]. */
  readonly agencies: readonly string[];
  readonly codes: readonly string[];
  /** The line may be subject to antidumping / countervailing duties (ACE "AD Duty" / "CV Duty" = Y). */
  readonly adFlag: boolean;
  readonly cvFlag: boolean;
  readonly effective: string;
  readonly expires: string;
}

export interface Section232Duty {
  readonly percent: number;
  readonly category: string;
}

export type TariffListKind = 'pga' | 's301' | 's301-exclusions' | 's232' | 'adcvd';

export interface TariffLists {
  /** Edition label of each list that is loaded; a list not loaded answers "nothing" to every lookup. */
  readonly editions: Readonly<Partial<Record<TariffListKind, string>>>;
  pgaFlags(hts10: string): PgaFlags | undefined;
  /** The Section 301 additional duty on the line (by its 8-digit subheading), undefined if none or excluded. */
  section301Percent(hts10: string): number | undefined;
  /** The description of the USTR exclusion covering the line, if any. */
  section301Exclusion(hts10: string): string | undefined;
  /** The Section 232 duty of the longest listed prefix of the line (a 10-digit key wins over 8 digits). */
  section232(hts10: string): Section232Duty | undefined;
  /** Case descriptions listed for the longest prefix of the line that has cases for `country`. */
  adcvdHints(hts10: string, country: string): readonly string[];
}

/**
 * PGA flag families (the two letters of a code) and their agency, after CBP's ACE Appendix PGA. A family
 * not listed here is reported under its own two letters rather than dropped, so that a new agency shows.
 */
export const PGA_AGENCIES: Readonly<Record<string, string>> = {
  AL: 'APHIS',
  AM: 'USDA-AMS',
  AQ: 'APHIS',
  DE: 'DEA',
  DT: 'NHTSA',
  EH: 'CDC',
  EP: 'EPA',
  FD: 'FDA',
  FS: 'FSIS',
  FW: 'FWS',
  NM: 'NOAA',
  OM: 'NOAA',
  TB: 'TTB',
};

export function pgaAgency(code: string): string {
  const family = code.slice(0, 2);
  return PGA_AGENCIES[family] ?? family;
}

export interface TariffListParts {
  readonly pga?: Iterable<PgaLine>;
  readonly s301?: Iterable<Section301Rate>;
  readonly s301Exclusions?: Iterable<Section301Exclusion>;
  readonly s232?: Iterable<Section232Rate>;
  readonly adcvd?: Iterable<AdcvdWarning>;
  readonly editions?: Partial<Record<TariffListKind, string>>;
}

const NON_DIGITS = /\D/g;
const NO_HINTS: readonly string[] = Object.freeze([]);

/**
 * Builds the lookups. Exact keys are hashed; prefix lists are hashed per key length and probed from the
 * longest length down, so a lookup costs at most one probe per distinct length (four for Section 232).
 */
export function createTariffLists(parts: TariffListParts): TariffLists {
  const pga = new Map<string, PgaFlags>();
  for (const l of parts.pga ?? []) pga.set(l.hts10, pgaFlagsOf(l));

  const s301 = new Map<string, number>();
  for (const r of parts.s301 ?? []) s301.set(r.hts8, r.percent);
  const exclusions = prefixIndex<string>();
  for (const e of parts.s301Exclusions ?? []) exclusions.put(e.hts, e.description);

  const s232 = prefixIndex<Section232Duty>();
  for (const r of parts.s232 ?? []) s232.put(r.prefix, { percent: r.percent, category: r.category });

  const adcvd = new Map<string, PrefixIndex<string[]>>();
  for (const w of parts.adcvd ?? []) {
    let byPrefix = adcvd.get(w.country);
    if (byPrefix === undefined) {
      byPrefix = prefixIndex<string[]>();
      adcvd.set(w.country, byPrefix);
    }
    const cases = byPrefix.exact(w.prefix);
    if (cases === undefined) byPrefix.put(w.prefix, [w.caseDesc]);
    else if (!cases.includes(w.caseDesc)) cases.push(w.caseDesc);
  }

  const section301Exclusion = (hts10: string) => exclusions.longest(digits(hts10));
  return {
    editions: { ...parts.editions },
    pgaFlags: (hts10) => pga.get(digits(hts10)),
    section301Percent: (hts10) => {
      const d = digits(hts10);
      const percent = s301.get(d.slice(0, 8));
      return percent === undefined || exclusions.longest(d) !== undefined ? undefined : percent;
    },
    section301Exclusion,
    section232: (hts10) => s232.longest(digits(hts10)),
    adcvdHints: (hts10, country) => adcvd.get(country)?.longest(digits(hts10)) ?? NO_HINTS,
  };
}

function pgaFlagsOf(l: PgaLine): PgaFlags {
  const agencies: string[] = [];
  for (const c of l.codes) {
    const a = pgaAgency(c);
    if (!agencies.includes(a)) agencies.push(a);
  }
  return {
    agencies,
    codes: [...l.codes],
    adFlag: l.adDuty,
    cvFlag: l.cvDuty,
    effective: l.effective,
    expires: l.expires,
  };
}

/** Callers pass 10 digits; dotted numbers ("6109.10.00.12") are accepted too, at the cost of a replace. */
function digits(hts: string): string {
  return hts.length === 10 ? hts : hts.replace(NON_DIGITS, '');
}

/** Values keyed by digit prefixes of any length; `longest` finds the longest key that prefixes a number. */
interface PrefixIndex<V> {
  put(prefix: string, value: V): void;
  exact(prefix: string): V | undefined;
  longest(hts: string): V | undefined;
}

function prefixIndex<V>(): PrefixIndex<V> {
  const byLength = new Map<number, Map<string, V>>();
  let lengths: number[] = [];
  return {
    put(prefix, value) {
      let m = byLength.get(prefix.length);
      if (m === undefined) {
        m = new Map();
        byLength.set(prefix.length, m);
        lengths = [...byLength.keys()].sort((a, b) => b - a);
      }
      m.set(prefix, value);
    },
    exact(prefix) {
      return byLength.get(prefix.length)?.get(prefix);
    },
    longest(hts) {
      for (const len of lengths) {
        if (len > hts.length) continue;
        const v = byLength.get(len)!.get(hts.slice(0, len));
        if (v !== undefined) return v;
      }
      return undefined;
    },
  };
}
