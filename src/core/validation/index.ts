import type { FilingLike } from '../filing/schema.js';
import type { Finding } from '../findings/index.js';
import type { ReferenceData } from '../refdata/index.js';
import { checkAmounts } from './amounts.js';
import { checkArrivalDates } from './arrival-dates.js';
import { checkCodes } from './codes.js';
import { checkHts } from './hts-number.js';
import { checkParties } from './placeholder-parties.js';
import { checkUsAddresses } from './us-address.js';
import { checkDescriptions } from './vague-descriptions.js';
import { checkWeightValue } from './weight-value.js';

export { VALUE_TOLERANCE_CENTS } from './amounts.js';
export { htsDigits } from './hts-number.js';
export { isPlaceholder, isPlaceholderStreet } from './placeholder-parties.js';
export { isVagueDescription, normalizeDescription } from './vague-descriptions.js';
export { LINE_WEIGHT_SLACK } from './weight-value.js';
export { type Band, bandForChapter, DEFAULT_BAND } from './weight-value-bands.js';

/**
 * Every data-quality check of one filing that passed the schema, in the order a filer would fix them.
 * Pure and synchronous; returns an empty array for a clean filing.
 */
export function validateFiling(f: FilingLike, ref: ReferenceData): Finding[] {
  const out: Finding[] = [];
  checkArrivalDates(f, out);
  checkHts(f, ref, out);
  checkCodes(f, ref, out);
  checkAmounts(f, ref, out);
  checkDescriptions(f, out);
  checkParties(f, out);
  checkUsAddresses(f, ref, out);
  checkWeightValue(f, ref, out);
  return out;
}
