/**
 * The ground truth of a generated day, kept compactly: one slot per filing in typed arrays (about 25
 * bytes a filing), ids rebuilt from the index on demand. `expected` applies the default policy
 * (ACE from 2025-08-12) to the ground truth: rejected data-quality defects, cancellations, and the
 * $800 check per PERSON and actual-arrival day (Eastern), mail excluded, in manifest order.
 */
import * as C from './catalog.js';
import { entryNumber, houseBill, indexOfId, postalItemId } from './ids.js';

export type PlantedKind =
  | 'split-order'
  | 'over-limit'
  | 'vague-description'
  | 'late-filing'
  | 'bad-hts'
  | 'weight-value-outlier'
  | 'precursor'
  | 'pill-press'
  | 'private-mailbox'
  | 'missing-eda'
  | 'duplicate-eda'
  | 'placeholder-consignee';

export type ExpectedStatus = 'released' | 'withheld' | 'rejected' | 'cancelled';

export interface Expected {
  status: ExpectedStatus;
  codes: string[];
}

export interface Planted {
  kind: PlantedKind;
  filingIds: string[];
  personId?: string;
  note: string;
}

export interface Truth {
  seed: number;
  day: string;
  filings: number;
  records: number;
  /** Filing id → ground-truth person id of the consignee (every filing). */
  person: Record<string, string>;
  /** The planted cases. */
  planted: Planted[];
  /** Filing id → expected final status and ACE codes (else finding codes) under the default policy. */
  expected: Record<string, Expected>;
}

/** Codes of the planted rejections: the ACE code where there is one, else the finding code. */
export const REJECT_CODES = [
  '',
  'MISSING_CARGO_DESC',
  '8H',
  'FILED_AFTER_ARRIVAL',
  'HTS_FORMAT',
  'HTS_UNKNOWN',
  '282',
  '288',
  '9H',
] as const;
export type RejectCode = Exclude<(typeof REJECT_CODES)[number], ''>;
const CANCELLED = 255;

/** Filers in one table: brokers, then carriers, then postal operators. */
export const FILERS: readonly C.FilerSpec[] = [...C.BROKERS, ...C.CARRIERS, ...C.POSTS];
export const ORIGIN_CODES: readonly string[] = C.ORIGINS.map(([c]) => c);
const FIRST_CARRIER = C.BROKERS.length;
const FIRST_POST = C.BROKERS.length + C.CARRIERS.length;

/** The id of filing `index` filed by FILERS[filer] (postal items also carry their origin country). */
export function filingId(index: number, filer: number, origin: number): string {
  const f = FILERS[filer]!;
  if (filer < FIRST_CARRIER) return entryNumber(f.code, index);
  if (filer < FIRST_POST) return houseBill(f.code, index);
  return postalItemId(index, ORIGIN_CODES[origin]!);
}

export const personId = (person: number): string => `P${String(person).padStart(7, '0')}`;

const THRESHOLD_CENTS = 80_000;
const S_RELEASED = 0;
const S_WITHHELD = 1;
const S_REJECTED = 2;
const S_CANCELLED = 3;

const frozen = (status: ExpectedStatus, codes: string[]): Expected =>
  Object.freeze({ status, codes: Object.freeze(codes) as string[] });
const RELEASED = frozen('released', ['1C']);
const WITHHELD = frozen('withheld', ['4M']);
const CANCELLED_EXPECTED = frozen('cancelled', []);
const REJECTED = REJECT_CODES.map((c) => frozen('rejected', [c]));

/** Per-conveyance facts the $800 check needs. */
export interface ConveyanceFacts {
  /** Arrival, seconds since the store's base. */
  readonly arrivedSec: Int32Array;
  /** Index of the Eastern arrival day. */
  readonly day: Int32Array;
  /** 1 when the conveyance's filings count toward the $800 (not mail). */
  readonly counted: Uint8Array;
}

interface PlantedRecord {
  kind: PlantedKind;
  members: number[];
  person: number;
  note: string;
}

export class TruthStore {
  private readonly person: Int32Array;
  private readonly conv: Int32Array;
  private readonly filedSec: Int32Array;
  private readonly cents: Int32Array;
  private readonly code: Uint8Array;
  private readonly filer: Uint8Array;
  private readonly origin: Uint8Array;
  private status: Uint8Array | undefined;
  private readonly plantedRecords: PlantedRecord[] = [];
  filings = 0;
  records = 0;

  constructor(
    capacity: number,
    private readonly conveyances: ConveyanceFacts,
  ) {
    this.person = new Int32Array(capacity);
    this.conv = new Int32Array(capacity);
    this.filedSec = new Int32Array(capacity);
    this.cents = new Int32Array(capacity);
    this.code = new Uint8Array(capacity);
    this.filer = new Uint8Array(capacity);
    this.origin = new Uint8Array(capacity);
  }

  /** Records filing `index` (the next one) and returns its id. */
  add(fact: {
    person: number;
    conv: number;
    filedSec: number;
    usdCents: number;
    reject: RejectCode | undefined;
    filer: number;
    origin: number;
  }): string {
    const i = this.filings++;
    this.person[i] = fact.person;
    this.conv[i] = fact.conv;
    this.filedSec[i] = fact.filedSec;
    this.cents[i] = fact.usdCents;
    this.code[i] = fact.reject === undefined ? 0 : REJECT_CODES.indexOf(fact.reject);
    this.filer[i] = fact.filer;
    this.origin[i] = fact.origin;
    return this.idOf(i);
  }

  /** A later version: its value and filing time replace the first one's (the check uses the latest). */
  amend(index: number, usdCents: number, filedSec: number): void {
    this.cents[index] = usdCents;
    this.filedSec[index] = filedSec;
  }

  cancel(index: number): void {
    this.code[index] = CANCELLED;
  }

  plant(kind: PlantedKind, members: number[], person: number, note: string): void {
    this.plantedRecords.push({ kind, members, person, note });
  }

  idOf(index: number): string {
    return filingId(index, this.filer[index]!, this.origin[index]!);
  }

  /** Index of a filing id, or -1. */
  indexOf(id: string): number {
    const i = indexOfId(id);
    return i >= 0 && i < this.filings && this.idOf(i) === id ? i : -1;
  }

  personOf(index: number): string {
    return personId(this.person[index]!);
  }

  expectedOf(index: number): Expected {
    const status = this.finish();
    switch (status[index]) {
      case S_WITHHELD:
        return WITHHELD;
      case S_REJECTED:
        return REJECTED[this.code[index]!]!;
      case S_CANCELLED:
        return CANCELLED_EXPECTED;
      default:
        return RELEASED;
    }
  }

  /** Statuses under the default policy, computed once from the ground truth. */
  private finish(): Uint8Array {
    if (this.status !== undefined) return this.status;
    const n = this.filings;
    const status = new Uint8Array(n);
    const { arrivedSec, day, counted } = this.conveyances;
    let persons = 0;
    for (let i = 0; i < n; i++) persons = Math.max(persons, this.person[i]! + 1);
    // Filings that count, grouped by person (counting sort).
    const start = new Int32Array(persons + 1);
    for (let i = 0; i < n; i++) {
      const c = this.code[i]!;
      if (c === CANCELLED) status[i] = S_CANCELLED;
      else if (c !== 0) status[i] = S_REJECTED;
      else if (counted[this.conv[i]!] === 1) start[this.person[i]! + 1]!++;
    }
    for (let p = 0; p < persons; p++) start[p + 1]! += start[p]!;
    const fill = start.slice(0, persons);
    const members = new Int32Array(start[persons]!);
    for (let i = 0; i < n; i++) {
      if (status[i] === S_RELEASED && counted[this.conv[i]!] === 1) members[fill[this.person[i]!]!++] = i;
    }
    const order = (a: number, b: number): number => {
      const ca = this.conv[a]!;
      const cb = this.conv[b]!;
      const byTime =
        day[ca]! - day[cb]! || arrivedSec[ca]! - arrivedSec[cb]! || this.filedSec[a]! - this.filedSec[b]!;
      if (byTime !== 0) return byTime;
      const idA = this.idOf(a);
      const idB = this.idOf(b);
      return idA < idB ? -1 : idA > idB ? 1 : 0;
    };
    for (let p = 0; p < persons; p++) {
      const from = start[p]!;
      const to = start[p + 1]!;
      if (to - from === 1) {
        const i = members[from]!;
        if (this.cents[i]! > THRESHOLD_CENTS) status[i] = S_WITHHELD;
        continue;
      }
      if (to - from === 0) continue;
      const list = Array.from(members.subarray(from, to)).sort(order);
      let running = 0;
      let currentDay = -1;
      for (const i of list) {
        const d = day[this.conv[i]!]!;
        if (d !== currentDay) {
          currentDay = d;
          running = 0;
        }
        running += this.cents[i]!;
        if (running > THRESHOLD_CENTS) status[i] = S_WITHHELD;
      }
    }
    this.status = status;
    return status;
  }

  planted(): Planted[] {
    return this.plantedRecords.map((r) => ({
      kind: r.kind,
      filingIds: [...r.members].sort((a, b) => a - b).map((i) => this.idOf(i)),
      ...(r.person >= 0 ? { personId: personId(r.person) } : {}),
      note: r.note,
    }));
  }

  /** The truth as an object whose `person` and `expected` are read-only views over the arrays. */
  view(seed: number, day: string): Truth {
    this.finish();
    return {
      seed,
      day,
      filings: this.filings,
      records: this.records,
      person: recordView(this, (i) => this.personOf(i)),
      planted: this.planted(),
      expected: recordView(this, (i) => this.expectedOf(i)),
    };
  }

  /** The truth as JSON text in chunks, equal to JSON.stringify(view()) without building it whole. */
  *json(seed: number, day: string): Generator<string> {
    this.finish();
    yield `{"seed":${JSON.stringify(seed)},"day":${JSON.stringify(day)},"filings":${this.filings},"records":${this.records},"person":{`;
    yield* this.entries((i) => JSON.stringify(this.personOf(i)));
    yield '},"planted":[';
    const planted = this.planted();
    for (let k = 0; k < planted.length; k += 1000) {
      yield (k === 0 ? '' : ',') +
        planted
          .slice(k, k + 1000)
          .map((p) => JSON.stringify(p))
          .join(',');
    }
    yield '],"expected":{';
    const memo = new Map<Expected, string>();
    yield* this.entries((i) => {
      const e = this.expectedOf(i);
      let text = memo.get(e);
      if (text === undefined) {
        text = JSON.stringify(e);
        memo.set(e, text);
      }
      return text;
    });
    yield '}}';
  }

  private *entries(value: (i: number) => string): Generator<string> {
    let chunk = '';
    for (let i = 0; i < this.filings; i++) {
      chunk += `${i === 0 ? '' : ','}${JSON.stringify(this.idOf(i))}:${value(i)}`;
      if (chunk.length > 1 << 16) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk !== '') yield chunk;
  }
}

/** A read-only Record<id, V> backed by the store: nothing is materialized until it is enumerated. */
function recordView<V>(store: TruthStore, valueAt: (index: number) => V): Record<string, V> {
  const index = (key: string | symbol): number => (typeof key === 'string' ? store.indexOf(key) : -1);
  return new Proxy(Object.create(null) as Record<string, V>, {
    get: (_t, key) => {
      const i = index(key);
      return i < 0 ? undefined : valueAt(i);
    },
    has: (_t, key) => index(key) >= 0,
    ownKeys: () => {
      const keys: string[] = new Array(store.filings);
      for (let i = 0; i < store.filings; i++) keys[i] = store.idOf(i);
      return keys;
    },
    getOwnPropertyDescriptor: (_t, key) => {
      const i = index(key);
      return i < 0 ? undefined : { value: valueAt(i), writable: false, enumerable: true, configurable: true };
    },
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
  });
}
