import type { FilingLike, Party } from '../filing/schema.js';
import { type Finding, finding } from '../findings/index.js';
import type { ReferenceData } from '../refdata/index.js';

const PARTIES = ['shipper', 'consignee', 'seller', 'purchaser', 'deliverTo'] as const;

/** ISO 3166-1 countries of every party and line origin; ISO 4217 currencies with a USD rate. */
export function checkCodes(f: FilingLike, ref: ReferenceData, out: Finding[]): void {
  for (const role of PARTIES) {
    const p: Party | undefined = f[role];
    if (p !== undefined) country(p.address.country, `/${role}/address/country`, ref, out);
  }
  currency(f.currency, '/currency', ref, out);
  if (f.marketplace?.currency !== undefined)
    currency(f.marketplace.currency, '/marketplace/currency', ref, out);
  const lines = f.lines;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    country(line.origin, `/lines/${i}/origin`, ref, out);
    currency(line.currency, `/lines/${i}/currency`, ref, out);
  }
}

function country(code: string, path: string, ref: ReferenceData, out: Finding[]): void {
  if (ref.isCountry(code)) return;
  const hint = ref.isCountry(code.toUpperCase()) ? ` (codes are upper case: '${code.toUpperCase()}')` : '';
  out.push(finding('COUNTRY_INVALID', path, `'${code}'${hint}`));
}

function currency(code: string, path: string, ref: ReferenceData, out: Finding[]): void {
  if (!ref.isCurrency(code)) {
    const hint = ref.isCurrency(code.toUpperCase()) ? ` (codes are upper case: '${code.toUpperCase()}')` : '';
    out.push(finding('CURRENCY_INVALID', path, `'${code}'${hint}`));
  } else if (ref.usdPerUnit(code) === undefined) {
    out.push(finding('CURRENCY_NO_RATE', path, `'${code}' has no USD rate in the rate table in use`));
  }
}
