import countries from 'i18n-iso-countries';
import { foldUpper } from '../identity/fold.js';

/**
 * Country names as OFAC and filers write them that the ISO English names miss. Regions that are not
 * countries (Crimea, Gaza) map to the country that holds the addresses in question for agreement.
 */
const ALIASES: Readonly<Record<string, string>> = {
  'KOREA, NORTH': 'KP',
  'NORTH KOREA': 'KP',
  DPRK: 'KP',
  'KOREA, SOUTH': 'KR',
  'SOUTH KOREA': 'KR',
  BURMA: 'MM',
  SYRIA: 'SY',
  MOLDOVA: 'MD',
  LAOS: 'LA',
  BRUNEI: 'BN',
  MACAU: 'MO',
  MACAO: 'MO',
  'CABO VERDE': 'CV',
  'COTE D IVOIRE': 'CI',
  'IVORY COAST': 'CI',
  'CONGO, DEMOCRATIC REPUBLIC OF THE': 'CD',
  'CONGO, REPUBLIC OF THE': 'CG',
  'BAHAMAS, THE': 'BS',
  'GAMBIA, THE': 'GM',
  'NORTH MACEDONIA, THE REPUBLIC OF': 'MK',
  'NETHERLANDS ANTILLES': 'CW',
  'WEST BANK': 'PS',
  PALESTINIAN: 'PS',
  'REGION: GAZA': 'PS',
  'REGION: CRIMEA': 'UA',
  'REGION: KAFIA KINGI': 'SD',
  'REGION: NORTHERN MALI': 'ML',
  RUSSIA: 'RU',
  IRAN: 'IR',
  UK: 'GB',
  USA: 'US',
  'UNITED STATES OF AMERICA': 'US',
  UAE: 'AE',
  KOSOVO: 'XK',
};

/**
 * The ISO 3166-1 alpha-2 code of a country written as a code (CN, CHN) or an English name ("China",
 * "Korea, North", "Burma"); undefined when it is not recognisable, so that an unknown country neither
 * agrees nor disagrees.
 */
export function countryCode(text: string): string | undefined {
  const t = foldUpper(text.trim()).replace(/\s+/g, ' ').replace(/\.$/, '');
  if (t === '') return undefined;
  if (t.length === 2) return t === 'XK' || countries.isValid(t) ? t : undefined;
  if (t.length === 3 && /^[A-Z]{3}$/.test(t)) {
    const a2 = countries.alpha3ToAlpha2(t);
    if (a2 !== undefined) return a2;
  }
  return ALIASES[t] ?? countries.getAlpha2Code(t, 'en') ?? undefined;
}
