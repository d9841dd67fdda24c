import type { FilingLike } from '../filing/schema.js';
import { type Finding, finding } from '../findings/index.js';
import { parseInstant } from '../time/index.js';

/**
 * Every instant must be a real date and time. A Type 86 must carry exactly one estimated date of
 * arrival (mandatory since 2024-07-25: ACE 282 when missing, 288 when more than one); an array of
 * exactly one date is accepted.
 */
export function checkArrivalDates(f: FilingLike, out: Finding[]): void {
  if (Number.isNaN(parseInstant(f.filedAt)))
    out.push(finding('INSTANT_INVALID', '/filedAt', `'${f.filedAt}' is not a calendar date and time`));
  const eda = f.estimatedArrival;
  let count = 0;
  if (typeof eda === 'string') {
    count = 1;
    if (Number.isNaN(parseInstant(eda)))
      out.push(finding('INSTANT_INVALID', '/estimatedArrival', `'${eda}' is not a calendar date and time`));
  } else if (eda !== undefined) {
    count = eda.length;
    for (let i = 0; i < eda.length; i++) {
      if (Number.isNaN(parseInstant(eda[i]!)))
        out.push(
          finding('INSTANT_INVALID', `/estimatedArrival/${i}`, `'${eda[i]}' is not a calendar date and time`),
        );
    }
  }
  if (f.kind !== 'type86') return;
  if (count === 0)
    out.push(
      finding(
        'EDA_MISSING',
        '/estimatedArrival',
        eda === undefined ? 'a Type 86 entry needs one' : 'the list is empty',
      ),
    );
  else if (count > 1) out.push(finding('EDA_DUPLICATE', '/estimatedArrival', `${count} dates given`));
}
