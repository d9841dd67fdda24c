import { normalizeName } from '../identity/normalize-name.js';
import type { RuleParams } from './rule-set.js';
import type { PartyKey } from './static-risk.js';
import { strongest } from './strongest.js';
import type { Hit, HitBand } from './types.js';

/** A party found on a watch list. */
export interface WatchMatch {
  readonly band: HitBand;
  readonly list: string;
  /** The entry as listed. */
  readonly entry: string;
  readonly note?: string;
}

/**
 * Anything that can tell whether a party is listed: the rule set's own entries (exact normalized
 * name, optionally the country), or a fuzzy sanctions matcher plugged in by the caller.
 */
export interface WatchList {
  match(party: PartyKey): WatchMatch | undefined;
}

interface Entry extends WatchMatch {
  readonly country: string | undefined;
}

/** The rule set's entries, matched on the normalized name key ("SMITH, JOHN" = "John Smith"). */
export class CompiledWatchList implements WatchList {
  private readonly byKey = new Map<string, Entry[]>();

  constructor(entries: RuleParams<'watch-list'>['entries']) {
    for (const e of entries) {
      const key = normalizeName(e.name).key;
      const entry: Entry = {
        band: e.band,
        list: e.list,
        entry: e.name,
        country: e.country,
        ...(e.note === undefined ? {} : { note: e.note }),
      };
      const list = this.byKey.get(key);
      if (list === undefined) this.byKey.set(key, [entry]);
      else list.push(entry);
    }
  }

  get size(): number {
    return this.byKey.size;
  }

  match(party: PartyKey): WatchMatch | undefined {
    const list = this.byKey.get(party.nameKey);
    return list?.find((e) => e.country === undefined || e.country === party.country);
  }
}

export function compileWatchList(p: RuleParams<'watch-list'>): CompiledWatchList {
  return new CompiledWatchList(p.entries);
}

export function watchList(parties: readonly PartyKey[], lists: readonly WatchList[]): Hit {
  const hits: Hit[] = [];
  for (const p of parties)
    for (const l of lists) {
      const m = l.match(p);
      if (m === undefined) continue;
      hits.push({
        band: m.band,
        reason: `${p.role} "${p.name}" matches "${m.entry}" on ${m.list}${m.note === undefined ? '' : ` (${m.note})`}`,
        path: `/${p.role}/name`,
      });
      break;
    }
  return strongest(hits, 'no party on a watch list');
}
