import currencyCodesLib from 'currency-codes';
import countries from 'i18n-iso-countries';

/**
 * ISO 4217 codes that are not money a price can be stated in: precious metals, bond-market units,
 * the SDR and the ADB unit, the testing code XTS and XXX "no currency".
 */
const NOT_MONEY: ReadonlySet<string> = new Set([
  'XAG',
  'XAU',
  'XPD',
  'XPT',
  'XBA',
  'XBB',
  'XBC',
  'XBD',
  'XDR',
  'XSU',
  'XUA',
  'XTS',
  'XXX',
]);

/** ISO 3166-1 alpha-2 codes (i18n-iso-countries), plus XK (Kosovo, user-assigned but used by CBP). */
export function countryCodes(): string[] {
  return [...new Set([...Object.keys(countries.getAlpha2Codes()), 'XK'])];
}

/** Active ISO 4217 currency codes (currency-codes), without metals, units of account and test codes. */
export function currencyCodes(): string[] {
  return currencyCodesLib.codes().filter((c) => !NOT_MONEY.has(c));
}
