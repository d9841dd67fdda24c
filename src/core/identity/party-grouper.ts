import { compareNames, type MatchKind, type NameConflict, type NameMatch } from './name-match.js';
import type { NormalizedAddress } from './normalize-address.js';
import type { NormalizedName } from './normalize-name.js';

export interface GroupAssignment {
  /** The group's key: `${addressKey}#${first variant's name key}`; every filing of the group carries it. */
  readonly partyKey: string;
  /** Name key of this record's variant. */
  readonly variant: string;
  readonly match: MatchKind;
  /** The existing variant this one matched ('' for new-group). */
  readonly matched: string;
  /** Plain sentence for officers, e.g. 'J SMITH matches JOHN SMITH at the same address: initial J of JOHN'. */
  readonly reason: string;
}

interface Variant {
  readonly name: NormalizedName;
  readonly group: Group;
  /** The assignment returned when the variant comes again, built once. */
  again: GroupAssignment | undefined;
}

interface Group {
  readonly partyKey: string;
  readonly variants: Variant[];
}

/** Everything known at one address key; groups in creation order, which decides "earliest". */
interface Place {
  readonly groups: Group[];
  readonly byPartyKey: Map<string, Group>;
  readonly variants: Map<string, Variant>;
}

type Verdict =
  | { readonly join: true; readonly with: Variant; readonly match: NameMatch }
  | { readonly join: false; readonly with: Variant | undefined; readonly conflict: NameConflict | undefined };

const NO_MATCH: Verdict = { join: false, with: undefined, conflict: undefined };

/**
 * Groups consignee name variants at one delivery point into parties, so that one person's orders
 * split under spelling variants still meet in one $800 check. State grows with distinct variants
 * only; a repeated variant is one map lookup.
 */
export class PartyGrouper {
  private readonly places = new Map<string, Place>();
  private variantCount = 0;

  /** Deterministic: the same sequence of calls always yields the same keys. Joins the EARLIEST group at the same address key whose some variant matches; otherwise starts a new group. A variant seen before returns its remembered assignment with match 'same-name' (or its original assignment). */
  assign(name: NormalizedName, address: NormalizedAddress): GroupAssignment {
    const place = this.place(address.key);
    const known = place.variants.get(name.key);
    if (known !== undefined) return again(known);
    let blocked: { with: Variant; conflict: NameConflict } | undefined;
    for (const group of place.groups) {
      const v = verdict(group, name);
      if (v.join) {
        this.add(place, group, name);
        return {
          partyKey: group.partyKey,
          variant: name.key,
          match: v.match.kind,
          matched: v.with.name.key,
          reason: `${label(name)} matches ${label(v.with.name)} at the same address: ${v.match.detail}`,
        };
      }
      if (blocked === undefined && v.with !== undefined && v.conflict !== undefined)
        blocked = { with: v.with, conflict: v.conflict };
    }
    const partyKey = `${address.key}#${name.key}`;
    const reason =
      place.groups.length === 0
        ? `${label(name)} is the first name seen at this address`
        : blocked !== undefined
          ? `${label(name)} starts a new consignee at this address: ${blocked.conflict.detail} (${label(blocked.with.name)})`
          : `${label(name)} starts a new consignee at this address: it matches none of the names seen there`;
    // A restored group may already carry this key (its first variant was not restored): join it.
    this.add(place, place.byPartyKey.get(partyKey) ?? this.newGroup(place, partyKey), name);
    return { partyKey, variant: name.key, match: 'new-group', matched: '', reason };
  }

  /** Restores a remembered variant (used at start-up from the database) without re-matching. */
  restore(addressKey: string, name: NormalizedName, partyKey: string): void {
    const place = this.place(addressKey);
    if (place.variants.has(name.key)) return;
    this.add(place, place.byPartyKey.get(partyKey) ?? this.newGroup(place, partyKey), name);
  }

  /** Number of distinct variants held. */
  get size(): number {
    return this.variantCount;
  }

  private place(addressKey: string): Place {
    let place = this.places.get(addressKey);
    if (place === undefined) {
      place = { groups: [], byPartyKey: new Map(), variants: new Map() };
      this.places.set(addressKey, place);
    }
    return place;
  }

  private newGroup(place: Place, partyKey: string): Group {
    const group: Group = { partyKey, variants: [] };
    place.groups.push(group);
    place.byPartyKey.set(partyKey, group);
    return group;
  }

  private add(place: Place, group: Group, name: NormalizedName): void {
    const v: Variant = { name, group, again: undefined };
    group.variants.push(v);
    place.variants.set(name.key, v);
    this.variantCount++;
  }
}

/**
 * A name joins a group when it matches one of its variants and conflicts with none: "J SMITH" may
 * join "JOHN SMITH", but "JANE SMITH" must not then join through "J SMITH".
 */
function verdict(group: Group, name: NormalizedName): Verdict {
  let found: { with: Variant; match: NameMatch } | undefined;
  for (const v of group.variants) {
    const c = compareNames(name, v.name);
    if (c === undefined) continue;
    if (c.kind === 'different') return { join: false, with: v, conflict: c };
    found ??= { with: v, match: c };
  }
  return found === undefined ? NO_MATCH : { join: true, with: found.with, match: found.match };
}

/**
 * The assignment of a variant seen before. Its reason depends only on what a restart restores (the
 * name and the group key), so a screener restarted from the store explains it in the same words.
 */
function again(v: Variant): GroupAssignment {
  if (v.again !== undefined) return v.again;
  const key = v.name.key;
  const groupFirst = v.group.partyKey.slice(v.group.partyKey.lastIndexOf('#') + 1);
  const grouped = groupFirst === key ? '' : `, grouped with ${groupFirst}`;
  v.again = {
    partyKey: v.group.partyKey,
    variant: key,
    match: 'same-name',
    matched: key,
    reason: `${label(v.name)} is a name seen before at this address${grouped} (order, case, punctuation, accents and titles ignored)`,
  };
  return v.again;
}

/** The name's words in filed order ("SMITH JOHN" reads better than the sorted key "JOHN SMITH" here). */
function label(name: NormalizedName): string {
  return name.tokens.length === 0 ? '(blank name)' : name.tokens.join(' ');
}
