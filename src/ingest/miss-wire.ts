import type { RuleOutcome } from '../core/risk/index.js';
import type { Prepared } from '../core/screen/index.js';

/**
 * How a prepare worker sends the stateless rules' misses to the main thread. Most filings hit nothing, and
 * a miss says the same thing for every filing ("no listed CAS number in the filing"), yet as plain objects
 * they were about 0.9 KB of every record's message, copied and rebuilt on the main thread, which is the one
 * that limits throughput. So each distinct miss crosses once, as a numbered entry, and records carry its
 * number; the main thread gives every record the same frozen object for it. Hits cross as they are.
 */
export type MissEntry = readonly [id: number, rule: RuleOutcome['rule'], reason: string];

/** Past this many distinct misses (reasons that name the filing's own data), new ones cross whole. */
const MAX_ENTRIES = 10_000;

/** Worker side: numbers the misses of `out` in place, returning the entries not sent before. */
export class MissEncoder {
  private readonly ids = new Map<string, number>();

  encode(out: Prepared[]): MissEntry[] {
    const added: MissEntry[] = [];
    for (const p of out) {
      if ((p.type !== 'filing' && p.type !== 'amendment') || p.risk === undefined) continue;
      const wire = p.risk.outcomes.map((o): RuleOutcome | number => {
        if (o.band !== 'none' || o.path !== '') return o;
        const key = `${o.rule}\u0000${o.reason}`;
        let id = this.ids.get(key);
        if (id === undefined) {
          if (this.ids.size >= MAX_ENTRIES) return o;
          id = this.ids.size;
          this.ids.set(key, id);
          added.push([id, o.rule, o.reason]);
        }
        return id;
      });
      (p.risk as { outcomes: unknown }).outcomes = wire;
    }
    return added;
  }
}

/** Main-thread side, one per worker: gives the numbered misses back as shared objects, in place. */
export class MissDecoder {
  private readonly table: RuleOutcome[] = [];

  decode(out: Prepared[], added: readonly MissEntry[]): void {
    for (const [id, rule, reason] of added)
      this.table[id] = Object.freeze({ rule, band: 'none', reason, path: '' });
    for (const p of out) {
      if ((p.type !== 'filing' && p.type !== 'amendment') || p.risk === undefined) continue;
      const wire = p.risk.outcomes as readonly (RuleOutcome | number)[];
      (p.risk as { outcomes: readonly RuleOutcome[] }).outcomes = wire.map((o) => {
        if (typeof o !== 'number') return o;
        const shared = this.table[o];
        // Entries come before the records that use them on the same port, so this is a broken worker.
        if (shared === undefined) throw new Error(`prepare worker sent miss ${o} before its entry`);
        return shared;
      });
    }
  }
}
