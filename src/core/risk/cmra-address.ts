import type { Address, Party } from '../filing/schema.js';
import { addressWords } from '../identity/fold.js';
import { normalizeAddress } from '../identity/normalize-address.js';
import type { FilingView } from './filing-view.js';
import type { PartyRole, RuleParams } from './rule-set.js';
import { strongest } from './strongest.js';
import { PhraseMatcher, quote } from './text.js';
import type { Hit } from './types.js';

/**
 * Private mailboxes at commercial mail receiving agencies (domain brief §7: "PMB, CMRA"). USPS has
 * CMRA boxes written "PMB 123" or "#123" after the agency's own street address (DMM 508.1.8.3), so a
 * "#" after a suite is a stronger sign than a bare "#", which apartments use too. The address
 * normalizer drops designators (PMB is one of them), so this rule reads the address words as filed.
 */
export interface CompiledCmra {
  readonly params: RuleParams<'cmra-address'>;
  readonly mailbox: PhraseMatcher<string>;
  readonly agency: PhraseMatcher<string>;
  readonly known: ReadonlyMap<string, string>;
}

const GLUED_PMB = /^PMB\d+[A-Z]?$/;

export function compileCmra(p: RuleParams<'cmra-address'>): CompiledCmra {
  return {
    params: p,
    mailbox: new PhraseMatcher(p.mailboxWords.map((w) => ({ phrase: w, value: w }))),
    agency: new PhraseMatcher(p.agencyWords.map((w) => ({ phrase: w, value: w }))),
    known: new Map(
      p.knownAddresses.map((k) => [knownKey({ line1: k.line1, postalCode: k.postalCode }), k.note]),
    ),
  };
}

function knownKey(a: Pick<Address, 'line1' | 'postalCode'> & { line2?: string }): string {
  const n = normalizeAddress({ line1: a.line1, city: '', country: 'US', postalCode: a.postalCode ?? '' });
  return `${n.street}|${n.zip5}`;
}

export function cmraAddress(v: FilingView, c: CompiledCmra): Hit {
  const hits: Hit[] = [];
  for (const role of c.params.roles) {
    const party = partyOf(v, role);
    if (party === undefined) continue;
    const h = judgeAddress(party.address, role, c);
    if (h !== undefined) hits.push(h);
  }
  return strongest(hits, 'no private-mailbox wording in the addresses');
}

function judgeAddress(a: Address, role: PartyRole, c: CompiledCmra): Hit | undefined {
  const p = c.params;
  const path = `/${role}/address`;
  const lines: [string, string][] = [[a.line1, 'line1']];
  if (a.line2 !== undefined) lines.push([a.line2, 'line2']);
  const hits: Hit[] = [];
  let hashes = 0;
  for (const [text, key] of lines) {
    const w = addressWords(text);
    const mb = c.mailbox.find(w)[0]?.value ?? w.find((x) => GLUED_PMB.test(x));
    if (mb !== undefined)
      hits.push({
        band: p.mailboxBand,
        reason: `${role} address ${quote(text)} names a private mailbox ("${mb}")`,
        path: `${path}/${key}`,
      });
    const ag = c.agency.find(w)[0];
    if (ag !== undefined)
      hits.push({
        band: p.agencyBand,
        reason: `${role} address ${quote(text)} is a mail receiving agency ("${ag.value}")`,
        path: `${path}/${key}`,
      });
    for (const x of w) if (x === '#') hashes++;
  }
  const n = normalizeAddress(a);
  const note = c.known.get(`${n.street}|${n.zip5}`);
  if (note !== undefined)
    hits.push({
      band: p.knownAddressBand,
      reason: `${role} address ${n.street} ${n.zip5} is a known CMRA (${note})`,
      path: `${path}/line1`,
    });
  // Two unit numbers ("Suite 1200 #123", "Ste R, PMB 4") are the CMRA way of writing a box.
  if (n.unit.includes(' ') && p.boxAfterSuiteBand !== 'none')
    hits.push({
      band: p.boxAfterSuiteBand,
      reason: `${role} address has a box number after a suite (units ${n.unit})`,
      path: `${path}/line1`,
    });
  else if (hashes > 0 && p.hashUnitBand !== 'none')
    hits.push({
      band: p.hashUnitBand,
      reason: `${role} address has a "#" unit (${n.unit}), as mailbox addresses are written`,
      path: `${path}/line1`,
    });
  return hits.length === 0 ? undefined : strongest(hits, '');
}

export function partyOf(v: FilingView, role: PartyRole): Party | undefined {
  return v.filing[role];
}
