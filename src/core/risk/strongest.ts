import { bandRank, type Hit, noHit } from './types.js';

/** The strongest of several hits (the first one on a tie), noting how many more there were. */
export function strongest(hits: readonly Hit[], noneReason: string): Hit {
  let best: Hit | undefined;
  for (const h of hits)
    if (h.band !== 'none' && (best === undefined || bandRank(h.band) > bandRank(best.band))) best = h;
  if (best === undefined) return noHit(noneReason);
  const more = hits.filter((h) => h.band !== 'none').length - 1;
  return more === 0 ? best : { ...best, reason: `${best.reason} (+${more} more)` };
}
