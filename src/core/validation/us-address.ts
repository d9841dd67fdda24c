import type { Address, FilingLike, Party } from '../filing/schema.js';
import { type Finding, finding } from '../findings/index.js';
import type { ReferenceData } from '../refdata/index.js';

/** Countries whose addresses use USPS ZIP codes and state codes. */
const US_AREAS: ReadonlySet<string> = new Set(['US', 'PR', 'GU', 'VI', 'AS', 'MP']);
/** 12345, 12345-6789 or 123456789. */
const ZIP = /^(\d{5})(?:-?\d{4})?$/;

function check(p: Party | undefined, role: string, ref: ReferenceData, out: Finding[]): void {
  if (p === undefined || !US_AREAS.has(p.address.country)) return;
  const a: Address = p.address;
  const base = `/${role}/address`;
  // A territory given as the country is its own state when no state is given.
  const state = (a.state ?? (a.country === 'US' ? '' : a.country)).trim().toUpperCase();
  const zip = ZIP.exec((a.postalCode ?? '').trim());
  const stateOk = ref.isUsState(state);
  if (zip === null)
    out.push(
      finding(
        'ZIP_INVALID',
        `${base}/postalCode`,
        a.postalCode === undefined ? 'missing' : `'${a.postalCode}' is not 5 digits or ZIP+4`,
      ),
    );
  if (!stateOk)
    out.push(
      finding(
        'STATE_INVALID',
        `${base}/state`,
        a.state === undefined ? 'missing' : `'${a.state}' is not a USPS code such as 'NY'`,
      ),
    );
  if (zip === null) return;
  const states = ref.statesForZip(zip[1]!);
  if (states === undefined)
    out.push(finding('ZIP_INVALID', `${base}/postalCode`, `'${a.postalCode}' is not a ZIP code in use`));
  else if (stateOk && !states.includes(state))
    out.push(
      finding(
        'ZIP_STATE_MISMATCH',
        `${base}/postalCode`,
        `${zip[1]} is in ${states.join('/')}, not ${state}`,
      ),
    );
}

/** U.S. ZIP and state codes well formed and consistent for every U.S. party that receives the goods. */
export function checkUsAddresses(f: FilingLike, ref: ReferenceData, out: Finding[]): void {
  check(f.consignee, 'consignee', ref, out);
  check(f.deliverTo, 'deliverTo', ref, out);
  check(f.purchaser, 'purchaser', ref, out);
}
