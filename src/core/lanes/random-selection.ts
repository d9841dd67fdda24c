import { hash53 } from '../screen/hash.js';

const TWO_53 = 2 ** 53;

/**
 * A uniform number in [0, 1) from the filing id and a seed: the same filing (every version of it) gets
 * the same draw on every run and machine, and changing the seed draws a new sample.
 */
export function selectionDraw(filingId: string, seed: string): number {
  return hash53(`${seed}\u0000${filingId}`) / TWO_53;
}

export function randomlySelected(filingId: string, seed: string, share: number): boolean {
  return share > 0 && selectionDraw(filingId, seed) < share;
}
