import type { FilingLike } from '../filing/schema.js';
import { type Finding, finding } from '../findings/index.js';
import type { ReferenceData } from '../refdata/index.js';

const SEPARATORS = /[.\s-]/g;
const TEN_DIGITS = /^\d{10}$/;
const NON_DIGITS = /\D/g;

/** The HTS number without dots, spaces or dashes: `htsDigits('6109.10.00.12') === '6109100012'`. */
export const htsDigits = (hts: string): string => hts.replace(SEPARATORS, '');

/** HTS must be 10 digits and, when a schedule is loaded, a real statistical line of it. */
export function checkHts(f: FilingLike, ref: ReferenceData, out: Finding[]): void {
  const lines = f.lines;
  for (let i = 0; i < lines.length; i++) {
    const hts = lines[i]!.hts;
    const digits = htsDigits(hts);
    if (!TEN_DIGITS.test(digits)) {
      out.push(finding('HTS_FORMAT', `/lines/${i}/hts`, formatDetail(hts, digits)));
    } else if (ref.hts !== undefined && ref.hts.get(digits) === undefined) {
      out.push(
        finding(
          'HTS_UNKNOWN',
          `/lines/${i}/hts`,
          `'${hts}' is not a 10-digit line of the HTS ${ref.hts.edition}`,
        ),
      );
    }
  }
}

function formatDetail(hts: string, stripped: string): string {
  const digits = stripped.replace(NON_DIGITS, '');
  const count = `'${hts}' has ${digits.length} digit${digits.length === 1 ? '' : 's'}`;
  return digits.length === stripped.length ? count : `${count} and other characters`;
}
