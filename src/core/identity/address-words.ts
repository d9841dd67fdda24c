/**
 * USPS Publication 28 word tables for address normalization, built once at module load.
 */

/**
 * Street suffixes (Pub. 28 appendix C1): each line is the standard abbreviation followed by the
 * spellings that map to it. SAINT shares ST with STREET: both spellings of "St. Marks" then meet.
 */
const SUFFIX_LINES: readonly string[] = [
  'ALY ALLEY ALLEE ALLY',
  'ANX ANNEX ANEX ANNX',
  'ARC ARCADE',
  'AVE AVENUE AV AVEN AVENU AVN AVNUE',
  'BYU BAYOU BAYOO',
  'BCH BEACH',
  'BND BEND',
  'BLF BLUFF BLUF',
  'BTM BOTTOM BOT BOTTM',
  'BLVD BOULEVARD BOUL BOULV',
  'BR BRANCH BRNCH',
  'BRG BRIDGE BRDGE',
  'BRK BROOK',
  'BYP BYPASS BYPA BYPAS BYPS',
  'CP CAMP CMP',
  'CYN CANYON CANYN CNYN',
  'CPE CAPE',
  'CSWY CAUSEWAY CAUSWA',
  'CTR CENTER CENTRE CEN CENT CENTR CNTER CNTR',
  'CIR CIRCLE CIRC CIRCL CRCL CRCLE',
  'CLF CLIFF',
  'CLB CLUB',
  'CMN COMMON',
  'COR CORNER',
  'CORS CORNERS',
  'CRSE COURSE',
  'CT COURT',
  'CTS COURTS',
  'CV COVE',
  'CRK CREEK',
  'CRES CRESCENT CRSENT CRSNT',
  'CRST CREST',
  'XING CROSSING CRSSNG',
  'CURV CURVE',
  'DL DALE',
  'DM DAM',
  'DV DIVIDE DIV DVD',
  'DR DRIVE DRIV DRV',
  'EST ESTATE',
  'ESTS ESTATES',
  'EXPY EXPRESSWAY EXP EXPR EXPRESS EXPW',
  'EXT EXTENSION EXTN EXTNSN',
  'FLS FALLS',
  'FRY FERRY FRRY',
  'FLD FIELD',
  'FLDS FIELDS',
  'FLT FLAT',
  'FRD FORD',
  'FRST FOREST FORESTS',
  'FRG FORGE FORG',
  'FRK FORK',
  'FT FORT FRT',
  'FWY FREEWAY FREEWY FRWAY FRWY',
  'GDN GARDEN GARDN GRDEN GRDN',
  'GDNS GARDENS',
  'GTWY GATEWAY GATEWY GATWAY GTWAY',
  'GLN GLEN',
  'GRN GREEN',
  'GRV GROVE GROV',
  'HBR HARBOR HARB HARBR HRBOR',
  'HVN HAVEN',
  'HTS HEIGHTS HT',
  'HWY HIGHWAY HIGHWY HIWAY HIWY HWAY',
  'HL HILL',
  'HLS HILLS',
  'HOLW HOLLOW HLLW HOLLOWS HOLWS',
  'INLT INLET',
  'IS ISLAND ISLND',
  'ISS ISLANDS ISLNDS',
  'JCT JUNCTION JCTION JCTN JUNCTN JUNCTON',
  'KY KEY',
  'KNL KNOLL KNOL',
  'LK LAKE',
  'LKS LAKES',
  'LNDG LANDING LNDNG',
  'LN LANE',
  'LGT LIGHT',
  'LCK LOCK',
  'LDG LODGE LDGE LODG',
  'LOOP LOOPS',
  'MALL',
  'MNR MANOR',
  'MDW MEADOW',
  'MDWS MEADOWS MEDOWS',
  'ML MILL',
  'MSN MISSION MISSN MSSN',
  'MT MOUNT MNT',
  'MTN MOUNTAIN MNTAIN MNTN MOUNTIN MTIN',
  'ORCH ORCHARD ORCHRD',
  'OVAL OVL',
  'PARK PRK',
  'PKWY PARKWAY PARKWY PKWAY PKY',
  'PASS',
  'PATH PATHS',
  'PIKE PIKES',
  'PNE PINE',
  'PNES PINES',
  'PL PLACE',
  'PLN PLAIN',
  'PLNS PLAINS',
  'PLZ PLAZA PLZA',
  'PT POINT',
  'PRT PORT',
  'PR PRAIRIE PRR',
  'RNCH RANCH RANCHES RNCHS',
  'RPDS RAPIDS',
  'RST REST',
  'RDG RIDGE RDGE',
  'RIV RIVER RVR RIVR',
  'RD ROAD',
  'RDS ROADS',
  'RTE ROUTE',
  'ROW',
  'RUN',
  'SHL SHOAL',
  'SHR SHORE SHOAR',
  'SHRS SHORES',
  'SKWY SKYWAY',
  'SPG SPRING SPNG SPRNG',
  'SPGS SPRINGS SPNGS SPRNGS',
  'SQ SQUARE SQR SQRE SQU',
  'STA STATION STATN STN',
  'STRM STREAM STREME',
  'ST STREET STRT STR SAINT',
  'STS STREETS',
  'SMT SUMMIT SUMIT SUMITT',
  'TER TERRACE TERR',
  'TRWY THROUGHWAY',
  'TRCE TRACE TRACES',
  'TRAK TRACK TRACKS TRK TRKS',
  'TRL TRAIL TRAILS TRLS',
  'TUNL TUNNEL TUNEL TUNLS TUNNELS TUNNL',
  'TPKE TURNPIKE TRNPK TURNPK',
  'UN UNION',
  'VLY VALLEY VALLY VLLY',
  'VIA VIADUCT VDCT VIADCT',
  'VW VIEW',
  'VLG VILLAGE VILL VILLAG VILLG VILLIAGE',
  'VL VILLE',
  'VIS VISTA VIST VST VSTA',
  'WALK WALKS',
  'WAY WY',
  'WL WELL',
  'WLS WELLS',
];

/**
 * Suffix words that are also ordinary words of street names ("Pine", "Lake", "View"): abbreviated
 * only as the last word, where they are the suffix. The others are abbreviated wherever they stand,
 * so "Avenue B" and "Ave B" still meet.
 */
const NAME_LIKE_SUFFIX_WORDS =
  'ANNEX ARCADE BAYOU BEACH BEND BLUFF BOTTOM BRANCH BRIDGE BROOK CAMP CANYON CAPE CENTER CENTRE CLIFF CLUB COMMON ' +
  'CORNER CORNERS COURSE COVE CREEK CREST CURVE DALE DAM DIVIDE ESTATE ESTATES EXPRESS EXTENSION FALLS FERRY FIELD ' +
  'FIELDS FLAT FORD FOREST FORGE FORK GARDEN GARDENS GATEWAY GLEN GREEN GROVE HARBOR HAVEN HEIGHTS HILL HILLS HOLLOW ' +
  'INLET ISLAND ISLANDS JUNCTION KEY KNOLL LAKE LAKES LANDING LIGHT LOCK LODGE MANOR MEADOW MEADOWS MILL MISSION ' +
  'ORCHARD PINE PINES PLAIN PLAINS PORT PRAIRIE RANCH RAPIDS REST RIDGE RIVER SHOAL SHORE SHORES SPRING SPRINGS ' +
  'STATION STREAM SUMMIT TRACE TRACK UNION VALLEY VIEW VILLAGE VILLE VISTA WELL WELLS';

/** Suffixes after which a number is the road's number (County Road 45), not a unit. */
export const NUMBERED_ROAD_SUFFIXES: ReadonlySet<string> = new Set([
  'HWY',
  'RD',
  'RTE',
  'FWY',
  'EXPY',
  'TPKE',
  'PIKE',
  'CR',
]);

function suffixTables(): { anywhere: Map<string, string>; last: Map<string, string>; standard: Set<string> } {
  const nameLike = new Set(NAME_LIKE_SUFFIX_WORDS.split(' '));
  const anywhere = new Map<string, string>();
  const last = new Map<string, string>();
  const standard = new Set<string>();
  for (const line of SUFFIX_LINES) {
    const [abbr, ...spellings] = line.split(' ') as [string, ...string[]];
    standard.add(abbr);
    for (const s of spellings) (nameLike.has(s) ? last : anywhere).set(s, abbr);
  }
  return { anywhere, last, standard };
}
const SUFFIXES = suffixTables();
/** Suffix spellings abbreviated wherever they stand. */
export const SUFFIX_ANYWHERE: ReadonlyMap<string, string> = SUFFIXES.anywhere;
/** Suffix spellings abbreviated only as the last word of the street. */
export const SUFFIX_LAST: ReadonlyMap<string, string> = SUFFIXES.last;
/** The standard suffix abbreviations themselves. */
export const STANDARD_SUFFIXES: ReadonlySet<string> = SUFFIXES.standard;

/** Directionals, spelled out or abbreviated. */
export const DIRECTIONALS: ReadonlyMap<string, string> = new Map([
  ['NORTH', 'N'],
  ['SOUTH', 'S'],
  ['EAST', 'E'],
  ['WEST', 'W'],
  ['NORTHEAST', 'NE'],
  ['NORTHWEST', 'NW'],
  ['SOUTHEAST', 'SE'],
  ['SOUTHWEST', 'SW'],
  ['N', 'N'],
  ['S', 'S'],
  ['E', 'E'],
  ['W', 'W'],
  ['NE', 'NE'],
  ['NW', 'NW'],
  ['SE', 'SE'],
  ['SW', 'SW'],
]);

/** Ordinal words as USPS writes them ("Fifth Avenue" = "5th Ave"). */
export const ORDINALS: ReadonlyMap<string, string> = new Map([
  ['FIRST', '1ST'],
  ['SECOND', '2ND'],
  ['THIRD', '3RD'],
  ['FOURTH', '4TH'],
  ['FIFTH', '5TH'],
  ['SIXTH', '6TH'],
  ['SEVENTH', '7TH'],
  ['EIGHTH', '8TH'],
  ['NINTH', '9TH'],
  ['TENTH', '10TH'],
  ['ELEVENTH', '11TH'],
  ['TWELFTH', '12TH'],
]);

/** Secondary unit designators (Pub. 28 appendix C2) and their common spellings; `#` included. */
export const UNIT_DESIGNATORS: ReadonlySet<string> = new Set([
  '#',
  'APT',
  'APARTMENT',
  'UNIT',
  'STE',
  'SUITE',
  'ROOM',
  'RM',
  'FLOOR',
  'FL',
  'FLR',
  'BLDG',
  'BUILDING',
  'PMB',
  'DEPT',
  'DEPARTMENT',
  'LOT',
  'SPACE',
  'SPC',
  'TRLR',
  'TRAILER',
  'HNGR',
  'HANGAR',
  'OFC',
  'OFFICE',
  'PIER',
  'SLIP',
  'FLAT',
]);

/** A designator glued to its number ("APT4", "STE200"): alternatives of literals, no nested quantifier. */
export const GLUED_UNIT = /^(?:APT|UNIT|STE|SUITE|RM|ROOM|FL|FLR|BLDG|LOT|SPC|PMB)(\d+[A-Z]?)$/;

/** Words that may stand between a designator and its number ("Apt. No. 4", "Suite # 4"). */
export const UNIT_NUMBER_MARKERS: ReadonlySet<string> = new Set(['#', 'NO', 'NUM', 'NUMBER']);

/** Countries whose postal code is a U.S. ZIP code. */
export const ZIP_COUNTRIES: ReadonlySet<string> = new Set(['US', 'PR', 'VI', 'GU', 'AS', 'MP', 'UM']);

/** Country spellings that are not ISO alpha-2 but unambiguous. */
export const COUNTRY_ALIASES: ReadonlyMap<string, string> = new Map([
  ['USA', 'US'],
  ['UNITED STATES', 'US'],
  ['UNITED STATES OF AMERICA', 'US'],
]);

/** U.S. states and territories spelled out, to their USPS codes. */
export const STATE_CODES: ReadonlyMap<string, string> = new Map(
  (
    'AL ALABAMA|AK ALASKA|AZ ARIZONA|AR ARKANSAS|CA CALIFORNIA|CO COLORADO|CT CONNECTICUT|DE DELAWARE|' +
    'DC DISTRICT OF COLUMBIA|FL FLORIDA|GA GEORGIA|HI HAWAII|ID IDAHO|IL ILLINOIS|IN INDIANA|IA IOWA|KS KANSAS|' +
    'KY KENTUCKY|LA LOUISIANA|ME MAINE|MD MARYLAND|MA MASSACHUSETTS|MI MICHIGAN|MN MINNESOTA|MS MISSISSIPPI|' +
    'MO MISSOURI|MT MONTANA|NE NEBRASKA|NV NEVADA|NH NEW HAMPSHIRE|NJ NEW JERSEY|NM NEW MEXICO|NY NEW YORK|' +
    'NC NORTH CAROLINA|ND NORTH DAKOTA|OH OHIO|OK OKLAHOMA|OR OREGON|PA PENNSYLVANIA|RI RHODE ISLAND|' +
    'SC SOUTH CAROLINA|SD SOUTH DAKOTA|TN TENNESSEE|TX TEXAS|UT UTAH|VT VERMONT|VA VIRGINIA|WA WASHINGTON|' +
    'WV WEST VIRGINIA|WI WISCONSIN|WY WYOMING|PR PUERTO RICO|GU GUAM|VI VIRGIN ISLANDS|AS AMERICAN SAMOA|' +
    'MP NORTHERN MARIANA ISLANDS'
  )
    .split('|')
    .map((pair) => [pair.slice(3), pair.slice(0, 2)] as [string, string]),
);
