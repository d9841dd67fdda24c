import { DEFAULT_THRESHOLD, type PartyIndex } from '../parties/index.js';
import type { PartyKey } from './static-risk.js';
import type { HitBand } from './types.js';
import type { WatchList, WatchMatch } from './watch-list.js';

/**
 * Restricted-party lists (OFAC SDN, the user's own) as a watch list for the targeting rule: each shipper
 * or seller is screened with the fuzzy matcher, and a match at the threshold is a hit of `band`. Parties
 * repeat across filings, so answers are remembered (up to `cacheSize` parties) and a day of traffic costs
 * one screening per distinct party, not per filing.
 */
export class PartyListWatch implements WatchList {
  private readonly cache = new Map<string, WatchMatch | null>();

  constructor(
    private readonly index: PartyIndex,
    private readonly opts: { band?: HitBand; threshold?: number; cacheSize?: number } = {},
  ) {}

  match(party: PartyKey): WatchMatch | undefined {
    const key = `${party.name}\u0000${party.country}`;
    const known = this.cache.get(key);
    if (known !== undefined) return known ?? undefined;
    const r = this.index.screen(
      { name: party.name, country: party.country },
      { threshold: this.opts.threshold ?? DEFAULT_THRESHOLD },
    );
    const m: WatchMatch | null =
      r.hit && r.best !== undefined
        ? {
            band: this.opts.band ?? 'critical',
            list: r.best.listId,
            entry: `${r.best.entryId} ${r.best.listName}`,
            note: `score ${r.best.score.toFixed(2)}: ${r.best.explanation}`,
          }
        : null;
    if (this.cache.size >= (this.opts.cacheSize ?? 200_000)) this.cache.clear();
    this.cache.set(key, m);
    return m ?? undefined;
  }
}
