/**
 * `minimis generate`: a realistic, deterministic synthetic day of Section 321 traffic with planted,
 * labelled cases and the outcome the default policy should reach for every filing.
 *
 * Shape of the day: conveyances (flights, trucks, a vessel, mail dispatches) arrive during the Eastern
 * calendar day; each filing belongs to one and is filed hours before it arrives. Records come in time
 * order: filings by filedAt, amendments and cancellations later, each conveyance's arrival at its
 * instant, late Type 86 filings after their arrival. The generator streams: it holds the conveyances,
 * a heap of their next filing times and compact per-filing truth, never the records.
 */
import { DEFAULT_USD_RATES } from '../adapters/refdata/usd-rates.js';
import type { FilingKind, InputRecord, Mode, Party } from '../core/filing/schema.js';
import { easternDay } from '../core/time/index.js';
import * as C from './catalog.js';
import { Heap } from './heap.js';
import { houseBill, MAX_FILINGS, masterAirWaybill } from './ids.js';
import { easternDayStart, formatInstant } from './instants.js';
import {
  ADDRESS_VARIANTS,
  type AddressVariant,
  consignee,
  type Mailbox,
  makeShippers,
  NAME_VARIANTS,
  type NameVariant,
  type Person,
  personAt,
  pickCumulative,
} from './parties.js';
import { hash32, Random } from './random.js';
import {
  arrivalJson,
  cancellationJson,
  type FilingDraft,
  filingJson,
  type LineDraft,
  partyJson,
} from './render.js';
import { FILERS, ORIGIN_CODES, type PlantedKind, type RejectCode, type Truth, TruthStore } from './truth.js';

export type { Expected, Planted, PlantedKind, Truth } from './truth.js';

export interface GenerateOptions {
  /** Number of filing records (amendments, cancellations and arrivals come on top). */
  filings: number;
  seed: number;
  /** Eastern calendar day of the arrivals, default 2025-08-20 (after the 4M withhold went live). */
  day?: string;
  /** Real schedule lines when a schedule is loaded; the built-in products are kept only where they exist. */
  htsCodes?: readonly { hts10: string; description: string }[];
}

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Parcels of one filing stay under this, like a filer claiming Section 321 would. */
const MAX_ORDINARY_CENTS = 78_000;

/** Planted cases per filing (groups for split-order and over-limit). */
const RATES: Readonly<Record<PlantedKind, number>> = {
  'split-order': 0.0025,
  'over-limit': 0.0015,
  'vague-description': 0.004,
  'late-filing': 0.002,
  'bad-hts': 0.003,
  'weight-value-outlier': 0.003,
  precursor: 0.001,
  'pill-press': 0.001,
  'private-mailbox': 0.002,
  'missing-eda': 0.0015,
  'duplicate-eda': 0.001,
  'placeholder-consignee': 0.002,
};

/** Streams records in file order; `truth()` is complete once the iterator is exhausted. */
export function generateDay(opts: GenerateOptions): { records: Iterable<InputRecord>; truth(): Truth } {
  const day = openDay(opts);
  return { records: day.records, truth: day.truth };
}

/**
 * generateDay, plus the truth as JSON text in chunks (what `writeGeneratedDay` writes), so that a
 * large day's truth file is written without building the object or one huge string.
 */
export function openDay(opts: GenerateOptions): {
  records: Iterable<InputRecord>;
  /** The same records as JSON text, one per record (what the NDJSON file holds, without newlines). */
  lines: Iterable<string>;
  truth(): Truth;
  truthJson(): Iterable<string>;
} {
  const day = opts.day ?? '2025-08-20';
  if (!Number.isInteger(opts.filings) || opts.filings < 0 || opts.filings > MAX_FILINGS)
    throw new RangeError(`filings must be a whole number from 0 to ${MAX_FILINGS}, got ${opts.filings}`);
  if (!Number.isFinite(opts.seed)) throw new RangeError(`seed must be a number, got ${opts.seed}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T12:00:00Z`)))
    throw new RangeError(`day must be a calendar date YYYY-MM-DD, got '${day}'`);
  let done: DayGenerator | undefined;
  const finished = (): DayGenerator => {
    if (done === undefined)
      throw new Error('generateDay: the truth is complete only once the records have been read to the end');
    return done;
  };
  const lines = (): Iterator<string> => {
    done = undefined;
    const gen = new DayGenerator({ ...opts, day });
    const inner = gen.lines();
    return {
      next: () => {
        const r = inner.next();
        if (r.done === true) done = gen;
        return r;
      },
    };
  };
  function* records(): Generator<InputRecord> {
    for (const text of { [Symbol.iterator]: lines }) yield JSON.parse(text) as InputRecord;
  }
  return {
    records: { [Symbol.iterator]: records },
    lines: { [Symbol.iterator]: lines },
    truth: () => finished().truth(),
    truthJson: () => finished().truthJson(),
  };
}

interface Conveyance {
  readonly index: number;
  readonly id: string;
  readonly mode: Mode;
  readonly port: string;
  readonly arrivedAtMs: number;
  /** The schedule filers know when they estimate the arrival. */
  readonly scheduledMs: number;
  readonly fromMs: number;
  readonly toMs: number;
  readonly size: number;
  /** First global slot of its filings. */
  readonly start: number;
  readonly carrier: C.CarrierSpec | undefined;
  readonly post: C.FilerSpec | undefined;
  readonly origin: string | undefined;
  readonly masterBill: string | undefined;
}

interface Plan {
  readonly kind: PlantedKind;
  /** Dedicated person, or -1 for the filing's own. */
  readonly person: number;
  note: string;
  readonly members: number[];
  /** USD cents per role (split-order, over-limit). */
  readonly cents?: readonly number[];
  readonly variants?: readonly (readonly [NameVariant, AddressVariant])[];
  readonly mailbox?: Mailbox;
  readonly badHts?: 0 | 1 | 2;
  readonly press?: (typeof C.PILL_PRESSES)[number];
}

type Scheduled =
  | { readonly t: number; readonly seq: number; readonly kind: 'record'; readonly text: string }
  | {
      readonly t: number;
      readonly seq: number;
      readonly kind: 'late';
      readonly conv: number;
      readonly plan: Plan;
    };

interface ResolvedCatalog {
  readonly products: readonly C.Product[];
  readonly productTable: Float64Array;
  readonly manifestProducts: readonly C.Product[];
  readonly manifestTable: Float64Array;
  readonly precursors: typeof C.PRECURSORS;
  readonly covers: typeof C.PRECURSOR_COVERS;
  readonly presses: typeof C.PILL_PRESSES;
  readonly unknownHts: readonly string[];
  readonly lowOutliers: readonly C.Product[];
  readonly highOutliers: readonly C.Product[];
}

const digitsOf = (hts: string) => hts.replace(/\D/g, '');
const dotted = (d: string) => `${d.slice(0, 4)}.${d.slice(4, 6)}.${d.slice(6, 8)}.${d.slice(8, 10)}`;
const cumulative = (weights: readonly number[]): Float64Array => {
  const out = new Float64Array(weights.length);
  let sum = 0;
  for (let k = 0; k < weights.length; k++) out[k] = sum += weights[k]!;
  return out;
};

/** Keeps the built-in lines that exist in the given schedule; others move to a line of the same heading. */
function resolveCatalog(htsCodes: GenerateOptions['htsCodes']): ResolvedCatalog {
  let fix = (hts: string): string | undefined => hts;
  let unknownHts = C.NON_EXISTENT_HTS10;
  let fallback: C.Product[] = [];
  if (htsCodes !== undefined) {
    const codes = [...new Set(htsCodes.map((h) => digitsOf(h.hts10)).filter((d) => d.length === 10))].sort();
    const have = new Set(codes);
    fix = (hts) => {
      const d = digitsOf(hts);
      if (have.has(d)) return hts;
      for (const len of [8, 6, 4]) {
        const match = codes.find((c) => c.startsWith(d.slice(0, len)));
        if (match !== undefined) return dotted(match);
      }
      return undefined;
    };
    unknownHts = unknownHts.filter((h) => !have.has(digitsOf(h)));
    fallback = htsCodes
      .filter((h) => digitsOf(h.hts10).length === 10)
      .slice(0, 60)
      .map((h) => ({
        hts: dotted(digitsOf(h.hts10)),
        description: h.description,
        usdPerKg: 30,
        medianUsd: 15,
        unit: 'PCS',
        weight: 1,
      }));
  }
  const mapHts = <T extends { hts: string }>(items: readonly T[]): T[] =>
    items.flatMap((item) => {
      const hts = fix(item.hts);
      return hts === undefined ? [] : [{ ...item, hts }];
    });
  let products = mapHts(C.PRODUCTS);
  if (products.length === 0) products = fallback;
  if (products.length === 0)
    throw new Error('generateDay: none of the product lines exists in the given HTS codes');
  const manifestProducts = products.filter((p) => p.pga === undefined);
  const chapter = (p: C.Product) => p.hts.slice(0, 2);
  const low = products.filter((p) => ['61', '62', '64', '42', '95', '39', '73', '63'].includes(chapter(p)));
  const high = products.filter((p) => ['84', '85'].includes(chapter(p)) && p.usdPerKg <= 300);
  return {
    products,
    productTable: cumulative(products.map((p) => p.weight)),
    manifestProducts: manifestProducts.length > 0 ? manifestProducts : products,
    manifestTable: cumulative(
      (manifestProducts.length > 0 ? manifestProducts : products).map((p) => p.weight),
    ),
    precursors: mapHts(C.PRECURSORS),
    covers: mapHts(C.PRECURSOR_COVERS),
    presses: mapHts(C.PILL_PRESSES),
    unknownHts,
    lowOutliers: low.length > 0 ? low : products,
    highOutliers: high,
  };
}

const ORIGIN_TABLE = cumulative(C.ORIGINS.map(([, w]) => w));
const AIR_ORIGINS = C.ORIGINS.filter(([c]) => c !== 'CA' && c !== 'MX');
const AIR_ORIGIN_TABLE = cumulative(AIR_ORIGINS.map(([, w]) => w));
const BROKER_TABLE = cumulative(C.BROKERS.map((b) => b.weight));
const AIR_CARRIERS = C.CARRIERS.filter((c) => c.mode === 'air');
const AIR_CARRIER_TABLE = cumulative(AIR_CARRIERS.map((c) => c.weight));
const POST_TABLE = cumulative(C.POSTS.map((p) => p.weight));
const FILER_INDEX = new Map(FILERS.map((f, k) => [f.code, k]));
const ORIGIN_INDEX = new Map(ORIGIN_CODES.map((c, k) => [c, k]));
const PLACEHOLDER_NAMES = ['N/A', 'Customer', 'CUSTOMER', 'UNKNOWN', 'XXX', 'Consignee', 'TBD', 'na'];
/** Parcels a person receives in the day: P(k) ∝ k^-1.8 for k = 1…12 (mean about 2.2). */
const PARCELS_TABLE = cumulative(Array.from({ length: 12 }, (_, k) => (k + 1) ** -1.8));

const ORG_JSON = new Map(
  FILERS.map((f) => [f.code, JSON.stringify({ code: f.code, name: f.name, role: f.role })]),
);
const pgaJson = (pga: NonNullable<C.Product['pga']>) =>
  JSON.stringify([{ agency: pga.agency, code: pga.code }]);
const SUSPECT_ORIGINS = ['CN', 'CN', 'CN', 'HK', 'IN'];
/** Lines per filing: 1 (70 %), 2 (20 %), 3 (7 %), 4 (3 %). */
const LINES_TABLE = cumulative([70, 20, 7, 3]);

class DayGenerator {
  private readonly seed: number;
  private readonly day: string;
  private readonly n: number;
  private readonly rng: Random;
  private readonly cat: ResolvedCatalog;
  private readonly dayStart: number;
  private readonly convs: Conveyance[] = [];
  private readonly nonMail: number[] = [];
  private slotPerson: Int32Array;
  private nextPerson = 0;
  /** Per filing slot: 1 + index into allPlans of its planted case (0 = ordinary), and its role there. */
  private slotPlan = new Int32Array(0);
  private slotRole = new Uint8Array(0);
  private readonly lates: Scheduled[] = [];
  private readonly allPlans: Plan[] = [];
  private readonly store: TruthStore;
  private readonly shippers = new Map<string, { json: string }[]>();
  private seq = 0;
  private readonly dateTag: string;
  /** Seconds from which the truth counts filing and arrival times (ten days before the day). */
  private readonly baseSec: number;

  constructor(opts: Required<Pick<GenerateOptions, 'filings' | 'seed' | 'day'>> & GenerateOptions) {
    this.seed = opts.seed;
    this.day = opts.day;
    this.n = opts.filings;
    this.rng = new Random(hash32(Math.floor(opts.seed), 0x6e4e));
    this.cat = resolveCatalog(opts.htsCodes);
    this.dayStart = easternDayStart(opts.day);
    this.dateTag = opts.day.replaceAll('-', '');
    const counts = this.plantedCounts();
    this.buildConveyances(this.n - counts['late-filing']);
    this.slotPerson = this.assignPersons();
    this.planCases(counts);
    const base = Math.floor(this.dayStart / SEC) - 10 * 86_400;
    this.baseSec = base;
    const arrivedSec = new Int32Array(this.convs.length);
    const dayIdx = new Int32Array(this.convs.length);
    const counted = new Uint8Array(this.convs.length);
    const days = new Map<string, number>();
    for (const cv of this.convs) {
      arrivedSec[cv.index] = Math.floor(cv.arrivedAtMs / SEC) - base;
      const d = easternDay(cv.arrivedAtMs);
      if (!days.has(d)) days.set(d, days.size);
      dayIdx[cv.index] = days.get(d)!;
      counted[cv.index] = cv.mode === 'mail' ? 0 : 1;
    }
    this.store = new TruthStore(this.n, { arrivedSec, day: dayIdx, counted });
    for (const country of ORIGIN_CODES) {
      const share = (C.ORIGINS.find(([c]) => c === country)?.[1] ?? 1) / 100;
      const count = Math.max(3, Math.min(400, Math.round((this.n * share) / 2500)));
      this.shippers.set(
        country,
        makeShippers(this.seed, country, count).map((party) => ({ json: partyJson(party) })),
      );
    }
  }

  private view: Truth | undefined;

  truth(): Truth {
    this.view ??= this.store.view(this.seed, this.day);
    return this.view;
  }

  truthJson(): Iterable<string> {
    return this.store.json(this.seed, this.day);
  }

  // ---------------------------------------------------------------- set-up

  private plantedCounts(): Record<PlantedKind, number> {
    const out = {} as Record<PlantedKind, number>;
    for (const [kind, rate] of Object.entries(RATES) as [PlantedKind, number][]) {
      const c = Math.round(this.n * rate);
      out[kind] = this.n >= 2000 ? Math.max(1, c) : c;
    }
    if (this.cat.presses.length === 0) out['pill-press'] = 0;
    if (this.cat.precursors.length === 0 && this.cat.covers.length === 0) out.precursor = 0;
    return out;
  }

  private buildConveyances(slots: number): void {
    const r = this.rng;
    const share: Record<'air' | 'mail' | 'truck' | 'ocean', number> = {
      air: 0.855,
      mail: 0.1,
      truck: 0.03,
      ocean: 0.015,
    };
    const range: Record<'air' | 'mail' | 'truck' | 'ocean', readonly [number, number]> = {
      air: [80, 1500],
      mail: [100, 900],
      truck: [20, 300],
      ocean: [200, 2500],
    };
    const cap = Math.max(10, Math.ceil(this.n / 50));
    const assigned = { air: 0, mail: 0, truck: 0, ocean: 0 };
    const drafts: { mode: 'air' | 'mail' | 'truck' | 'ocean'; size: number; arrivedAtMs: number }[] = [];
    let total = 0;
    while (total < slots) {
      let mode: 'air' | 'mail' | 'truck' | 'ocean' = 'air';
      let best = Number.NEGATIVE_INFINITY;
      for (const m of ['air', 'mail', 'truck', 'ocean'] as const) {
        const deficit = share[m] * slots - assigned[m];
        if (deficit > best) [best, mode] = [deficit, m];
      }
      const [lo, hi] = range[mode];
      const size = Math.min(r.int(lo, hi), cap, slots - total);
      // Arrival windows, Eastern: flights and mail around the clock, trucks 06–22, the vessel 07–17.
      const [from, to] =
        mode === 'truck'
          ? [6 * HOUR, 22 * HOUR]
          : mode === 'ocean'
            ? [7 * HOUR, 17 * HOUR]
            : [20 * MIN, DAY - 20 * MIN];
      const arrivedAtMs = this.dayStart + Math.floor((from + r.next() * (to - from)) / MIN) * MIN;
      drafts.push({ mode, size, arrivedAtMs });
      assigned[mode] += size;
      total += size;
    }
    drafts.sort((a, b) => a.arrivedAtMs - b.arrivedAtMs);
    const used = new Set<string>();
    const unique = (make: () => string) => {
      for (;;) {
        const id = make();
        if (!used.has(id)) {
          used.add(id);
          return id;
        }
      }
    };
    let start = 0;
    drafts.forEach((d, index) => {
      const lead: Record<typeof d.mode, readonly [number, number]> = {
        air: [HOUR, 20 * HOUR],
        mail: [2 * HOUR, 30 * HOUR],
        truck: [45 * MIN, 8 * HOUR],
        ocean: [12 * HOUR, 96 * HOUR],
      };
      const [minLead, maxLead] = lead[d.mode];
      const scheduledMs =
        d.arrivedAtMs + Math.round(Math.max(-3, Math.min(3, r.normal() * 0.7)) * 12) * 5 * MIN;
      let id: string;
      let port: string;
      let carrier: C.CarrierSpec | undefined;
      let post: C.FilerSpec | undefined;
      let origin: string | undefined;
      let masterBill: string | undefined;
      switch (d.mode) {
        case 'air': {
          carrier = AIR_CARRIERS[pickCumulative(AIR_CARRIER_TABLE, r.next())]!;
          const airline = r.pick(C.AIRLINES);
          id = unique(() => `${airline.iata}${String(r.int(100, 9899)).padStart(4, '0')}-${this.dateTag}`);
          port = r.weighted(C.AIR_PORTS);
          masterBill = masterAirWaybill(airline.awbPrefix, r.int(0, 9_999_999));
          break;
        }
        case 'truck': {
          carrier = C.CARRIERS.find((c) => c.mode === 'truck')!;
          origin = r.chance(0.55) ? 'MX' : 'CA';
          port = C.TRUCK_PORTS[origin as 'MX' | 'CA'];
          id = unique(() => `${carrier!.code}-T${String(r.int(10_000, 99_999))}-${this.dateTag}`);
          masterBill = `${carrier.code}${String(r.int(1_000_000, 9_999_999))}`;
          break;
        }
        case 'ocean': {
          carrier = C.CARRIERS.find((c) => c.mode === 'ocean')!;
          origin = 'CN';
          port = C.OCEAN_PORT;
          id = unique(() => `${carrier!.code}-${r.int(100, 999)}E-${this.dateTag}`);
          masterBill = `${carrier.code}${String(r.int(1_000_000_000, 9_999_999_999))}`;
          break;
        }
        case 'mail': {
          post = C.POSTS[pickCumulative(POST_TABLE, r.next())]!;
          const [p, office] = r.weighted(
            C.MAIL_PORTS.map(([code, oe, w]) => [[code, oe] as const, w] as const),
          );
          port = p;
          origin = ORIGIN_CODES[pickCumulative(ORIGIN_TABLE, r.next())]!;
          const from = r.pick(C.ORIGIN_OFFICES[origin] ?? ['CNBJSA']);
          id = unique(() => `${from}${office}AUN${this.day[3]}${String(r.int(1, 9999)).padStart(4, '0')}`);
          break;
        }
      }
      const cv: Conveyance = {
        index,
        id,
        mode: d.mode,
        port,
        arrivedAtMs: d.arrivedAtMs,
        scheduledMs,
        fromMs: d.arrivedAtMs - maxLead,
        toMs: d.arrivedAtMs - minLead,
        size: d.size,
        start,
        carrier,
        post,
        origin,
        masterBill,
      };
      this.convs.push(cv);
      if (d.mode !== 'mail') this.nonMail.push(index);
      start += d.size;
    });
  }

  /** Every filing slot gets a person; most people get one parcel, some several (up to 12). */
  private assignPersons(): Int32Array {
    const out = new Int32Array(this.n);
    let filled = 0;
    let p = 0;
    while (filled < this.n) {
      const k = Math.min(1 + pickCumulative(PARCELS_TABLE, this.rng.next()), this.n - filled);
      for (let j = 0; j < k; j++) out[filled++] = p;
      p++;
    }
    for (let i = this.n - 1; i > 0; i--) {
      const j = Math.floor(this.rng.next() * (i + 1));
      const t = out[i]!;
      out[i] = out[j]!;
      out[j] = t;
    }
    this.nextPerson = p;
    return out;
  }

  private convOfSlot(g: number): Conveyance {
    let lo = 0;
    let hi = this.convs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.convs[mid]!.start <= g) lo = mid;
      else hi = mid - 1;
    }
    return this.convs[lo]!;
  }

  /** A free slot, on a non-mail conveyance when asked; -1 when none is found. */
  private freeSlot(nonMail: boolean, conv?: Conveyance): number {
    const last = this.convs[this.convs.length - 1];
    const total = last === undefined ? 0 : last.start + last.size;
    if (total === 0) return -1;
    for (let tries = 0; tries < 2000; tries++) {
      const g = conv === undefined ? this.rng.int(0, total - 1) : conv.start + this.rng.int(0, conv.size - 1);
      if (this.slotPlan[g] !== 0) continue;
      if (nonMail && this.convOfSlot(g).mode === 'mail') continue;
      return g;
    }
    return -1;
  }

  private planCases(counts: Record<PlantedKind, number>): void {
    const r = this.rng;
    const last = this.convs[this.convs.length - 1];
    const slots = last === undefined ? 0 : last.start + last.size;
    this.slotPlan = new Int32Array(slots);
    this.slotRole = new Uint8Array(slots);
    for (let k = 0; k < counts['split-order']; k++) {
      const person = this.nextPerson++;
      const total = r.int(90_000, 200_000);
      const parts = Math.max(r.int(2, 5), Math.ceil(total / MAX_ORDINARY_CENTS));
      const cents = splitCents(r, total, parts);
      const variants = this.variantsFor(personAt(this.seed, person), parts);
      const plan: Plan = {
        kind: 'split-order',
        person,
        note: `one $${(total / 100).toFixed(2)} order split into ${parts} parcels under $800, consignee written ${parts} ways`,
        members: [],
        cents,
        variants,
      };
      this.placeGroup(plan, parts, r.chance(0.35));
    }
    for (let k = 0; k < counts['over-limit']; k++) {
      const person = this.nextPerson++;
      const total = r.int(85_000, 160_000);
      const parts = Math.max(r.int(2, 4), Math.ceil(total / MAX_ORDINARY_CENTS));
      const plan: Plan = {
        kind: 'over-limit',
        person,
        note: `${parts} ordinary parcels to one consignee, $${(total / 100).toFixed(2)} in the day`,
        members: [],
        cents: splitCents(r, total, parts),
      };
      this.placeGroup(plan, parts, r.chance(0.2));
    }
    const singles: PlantedKind[] = [
      'vague-description',
      'bad-hts',
      'weight-value-outlier',
      'precursor',
      'pill-press',
      'private-mailbox',
      'missing-eda',
      'duplicate-eda',
      'placeholder-consignee',
    ];
    for (const kind of singles) {
      for (let k = 0; k < counts[kind]; k++) {
        let person = -1;
        let note: string = kind;
        let mailbox: Mailbox | undefined;
        let badHts: 0 | 1 | 2 | undefined;
        let press: (typeof C.PILL_PRESSES)[number] | undefined;
        let nonMail = kind === 'missing-eda' || kind === 'duplicate-eda';
        switch (kind) {
          case 'private-mailbox': {
            person = this.nextPerson++;
            mailbox = { cmra: r.pick(C.CMRA), box: r.int(100, 9999), form: r.int(0, 2) as 0 | 1 | 2 };
            note = `private mailbox at ${mailbox.cmra.line1}, ${mailbox.cmra.city} ${mailbox.cmra.state}`;
            break;
          }
          case 'bad-hts':
            badHts = this.cat.unknownHts.length > 0 ? (r.int(0, 2) as 0 | 1 | 2) : (r.int(0, 1) as 0 | 1);
            break;
          case 'pill-press':
            press = r.pick(this.cat.presses);
            nonMail = press.kg[1] > 5;
            break;
          default:
        }
        const g = this.freeSlot(nonMail);
        if (g < 0) continue;
        const plan: Plan = {
          kind,
          person,
          note,
          members: [],
          ...(mailbox === undefined ? {} : { mailbox }),
          ...(badHts === undefined ? {} : { badHts }),
          ...(press === undefined ? {} : { press }),
        };
        this.allPlans.push(plan);
        this.slotPlan[g] = this.allPlans.length;
      }
    }
    for (let k = 0; k < counts['late-filing'] && this.nonMail.length > 0; k++) {
      const cv = this.convs[r.pick(this.nonMail)]!;
      const t = Math.floor((cv.arrivedAtMs + r.int(5, 180) * MIN + r.int(0, 59) * SEC) / SEC) * SEC;
      const plan: Plan = {
        kind: 'late-filing',
        person: -1,
        note: `Type 86 filed after ${cv.id} arrived`,
        members: [],
      };
      this.allPlans.push(plan);
      this.lates.push({ t, seq: this.seq++, kind: 'late', conv: cv.index, plan });
    }
  }

  /** Places the parcels of a group on one conveyance or on several, all non-mail. */
  private placeGroup(plan: Plan, parts: number, sameConveyance: boolean): void {
    const slots: number[] = [];
    if (sameConveyance) {
      const big = this.nonMail.filter((c) => this.convs[c]!.size >= parts * 4);
      if (big.length > 0) {
        const cv = this.convs[this.rng.pick(big)]!;
        for (let k = 0; k < parts; k++) {
          const g = this.freeSlot(true, cv);
          if (g < 0 || slots.includes(g)) break;
          slots.push(g);
        }
      }
    }
    if (slots.length < parts) {
      slots.length = 0;
      for (let k = 0; k < parts; k++) {
        const g = this.freeSlot(true);
        if (g < 0 || slots.includes(g)) return;
        slots.push(g);
      }
    }
    this.allPlans.push(plan);
    slots.forEach((g, role) => {
      this.slotPlan[g] = this.allPlans.length;
      this.slotRole[g] = role;
    });
  }

  /** Name/address variants, pairwise different, one per parcel of a split order. */
  private variantsFor(p: Person, parts: number): [NameVariant, AddressVariant][] {
    const r = this.rng;
    const out: [NameVariant, AddressVariant][] = [];
    const seen = new Set<string>();
    for (let role = 0; role < parts; role++) {
      for (let tries = 0; tries < 60; tries++) {
        // The first parcel written the person's usual way; each other one a step away from it.
        const name: NameVariant = role === 0 ? 'canonical' : r.pick(NAME_VARIANTS);
        const address: AddressVariant = role > 0 && r.chance(0.55) ? r.pick(ADDRESS_VARIANTS) : 'canonical';
        const party = consignee(p, name, address);
        const key = JSON.stringify(party);
        // A variant that does not apply to this person writes the canonical form: skip it then.
        if (seen.has(key) || (name !== 'canonical' && party.name === `${p.first} ${p.last}`)) continue;
        seen.add(key);
        out.push([name, address]);
        break;
      }
      if (out.length === role) out.push(['canonical', 'canonical']);
    }
    return out;
  }

  // ---------------------------------------------------------------- the stream

  /** The records as JSON text, one per record, in file order. */
  *lines(): Generator<string> {
    const convs = this.convs;
    const count = convs.length;
    const cur = new Float64Array(count);
    const next = new Float64Array(count);
    const rem = new Int32Array(count);
    const ord = new Int32Array(count);
    const streams = new Heap<number>((a, b) => next[a]! < next[b]! || (next[a] === next[b] && a < b));
    const advance = (c: number) => {
      const cv = convs[c]!;
      // The earliest of the rem[c] filing times still to come, uniform over the window: 1 - V^(1/m).
      const t = cur[c]! + (cv.toMs - cur[c]!) * (1 - this.rng.next() ** (1 / rem[c]!));
      cur[c] = t;
      next[c] = Math.floor(t / SEC) * SEC;
    };
    for (const cv of convs) {
      if (cv.size === 0) continue;
      cur[cv.index] = cv.fromMs;
      rem[cv.index] = cv.size;
      advance(cv.index);
      streams.push(cv.index);
    }
    const events = new Heap<Scheduled>((a, b) => a.t < b.t || (a.t === b.t && a.seq < b.seq));
    for (const e of this.lates) events.push(e);
    let arrivalPtr = 0;
    const store = this.store;
    const none = Number.POSITIVE_INFINITY;
    for (;;) {
      const c = streams.peek();
      const tf = c === undefined ? none : next[c]!;
      const e = events.peek();
      const te = e === undefined ? none : e.t;
      const ta = arrivalPtr < count ? convs[arrivalPtr]!.arrivedAtMs : none;
      if (c !== undefined && tf <= te && tf <= ta) {
        const cv = convs[c]!;
        const g = cv.start + ord[c]!++;
        const k = this.slotPlan[g]!;
        yield k === 0
          ? this.filing(cv, tf, undefined, 0)
          : this.filing(cv, tf, this.allPlans[k - 1], this.slotRole[g]!);
        if (--rem[c]! > 0) {
          advance(c);
          streams.updateTop();
        } else streams.pop();
      } else if (e !== undefined && te <= ta) {
        events.pop();
        yield e.kind === 'record' ? e.text : this.filing(convs[e.conv]!, e.t, e.plan, 0);
      } else if (arrivalPtr < count) {
        const cv = convs[arrivalPtr++]!;
        yield arrivalJson(cv.id, formatInstant(cv.arrivedAtMs), cv.port);
      } else break;
      store.records++;
      // Amendments and cancellations decided while building a filing wait for their time.
      if (this.pending.length > 0) {
        for (const p of this.pending) events.push(p);
        this.pending.length = 0;
      }
    }
    for (const plan of this.allPlans) {
      if (plan.members.length > 0) store.plant(plan.kind, plan.members, plan.person, plan.note);
    }
    // Only the truth is needed from here on.
    this.slotPerson = new Int32Array(0);
    this.slotPlan = new Int32Array(0);
    this.slotRole = new Uint8Array(0);
  }

  private readonly pending: Scheduled[] = [];

  private pickProduct(manifest: boolean): C.Product {
    const cat = this.cat;
    return manifest
      ? cat.manifestProducts[pickCumulative(cat.manifestTable, this.rng.next())]!
      : cat.products[pickCumulative(cat.productTable, this.rng.next())]!;
  }

  /** Grams of a line of `prod` worth `usdCents`, around the product's typical value per kilogram. */
  private gramsFor(prod: C.Product, usdCents: number): number {
    return Math.max(10, Math.round((usdCents / 100 / prod.usdPerKg) * 1000 * (0.75 + 0.6 * this.rng.next())));
  }

  private line(
    prod: { hts: string; description: string; unit: string; pga?: C.Product['pga'] },
    usdCents: number,
    grams: number,
    ctx: { rate: number; currency: string; origin: string; plainHts: boolean; type86: boolean },
  ): LineDraft {
    const l: LineDraft = {
      hts: ctx.plainHts ? digitsOf(prod.hts) : prod.hts,
      description: prod.description,
      quantity: prod.unit === 'SET' || usdCents > 5000 ? 1 : this.rng.int(1, 3),
      unit: prod.unit,
      valueCents: Math.max(1, Math.round(usdCents / ctx.rate)),
      currency: ctx.currency,
      origin: ctx.origin,
      grams,
    };
    if (prod.pga !== undefined && ctx.type86) l.pga = pgaJson(prod.pga);
    return l;
  }

  /** Builds the next filing (index = filings so far), records its ground truth, returns its JSON. */
  private filing(cv: Conveyance, filedMs: number, plan: Plan | undefined, role: number): string {
    const r = this.rng;
    const index = this.store.filings;
    const kind = plan?.kind;
    const mail = cv.mode === 'mail';
    const forceType86 = kind === 'late-filing' || kind === 'missing-eda' || kind === 'duplicate-eda';
    const filingKind: FilingKind = mail
      ? 'postal'
      : forceType86 || r.chance(0.62 / 0.9)
        ? 'type86'
        : 'manifest321';
    const type86 = filingKind === 'type86';
    const filer: C.FilerSpec =
      filingKind === 'postal'
        ? cv.post!
        : type86
          ? C.BROKERS[pickCumulative(BROKER_TABLE, r.next())]!
          : cv.carrier!;
    const person = plan !== undefined && plan.person >= 0 ? plan.person : this.slotPerson[index]!;
    const origin =
      cv.origin ??
      (kind === 'precursor' || kind === 'pill-press'
        ? r.pick(SUSPECT_ORIGINS)
        : AIR_ORIGINS[pickCumulative(AIR_ORIGIN_TABLE, r.next())]![0]);
    let currency = 'USD';
    const local = C.LOCAL_CURRENCY[origin];
    if (plan === undefined && local !== undefined && r.chance(local[1])) currency = local[0];
    const rate = DEFAULT_USD_RATES.get(currency) ?? 1;
    const ctx = { rate, currency, origin, plainHts: filer.plainHts, type86 };
    const manifest = filingKind === 'manifest321';

    // Lines: values in cents of the currency, weights in grams.
    const lines: LineDraft[] = [];
    let packaging = true;
    if (plan?.cents !== undefined) {
      // Split order or over limit: the exact USD value, on one or two lines.
      const total = plan.cents[role]!;
      const first = total > 4000 && r.chance(0.4) ? Math.round(total * (0.3 + 0.4 * r.next())) : total;
      for (const part of first === total ? [total] : [first, total - first]) {
        const prod = this.pickProduct(manifest);
        lines.push(this.line(prod, part, this.gramsFor(prod, part), ctx));
      }
    } else if (kind === 'weight-value-outlier') {
      packaging = false;
      if (this.cat.highOutliers.length > 0 && r.chance(0.25)) {
        // A device declared at a few grams: far above any plausible value per kilogram.
        lines.push(this.line(r.pick(this.cat.highOutliers), r.int(12_000, 40_000), r.int(1, 4), ctx));
      } else {
        // 80–150 kg of goods declared at $1–3.50: far below any plausible value per kilogram.
        lines.push(this.line(r.pick(this.cat.lowOutliers), r.int(100, 350), r.int(80_000, 150_000), ctx));
      }
    } else if (kind === 'precursor') {
      packaging = false;
      const chem = this.cat.precursors.length > 0 ? r.pick(this.cat.precursors) : undefined;
      const cover = r.pick(this.cat.covers.length > 0 ? this.cat.covers : C.PRECURSOR_COVERS);
      const onCover = chem === undefined || r.chance(0.35);
      const cas = chem?.cas ?? '79-03-8';
      const hts = onCover ? cover.hts : chem.hts;
      const withCas = onCover || r.chance(0.5);
      const unit = hts.startsWith('8471') ? 'PCS' : 'KG';
      const l = this.line(
        { hts, description: cover.description, unit },
        r.int(800, 6000),
        r.int(200, 2000),
        ctx,
      );
      l.quantity = 1;
      if (withCas) l.cas = cas;
      lines.push(l);
      plan!.note = `${chem?.name ?? 'propionyl chloride'} (CAS ${cas}) declared as "${cover.description}" under ${hts}${withCas ? ', CAS number on the line' : ''}`;
    } else if (kind === 'pill-press') {
      packaging = false;
      const press = plan!.press!;
      const grams = Math.round((press.kg[0] + r.next() * (press.kg[1] - press.kg[0])) * 1000);
      const l = this.line(
        { ...press, unit: 'PCS' },
        r.int(press.usd[0] * 100, press.usd[1] * 100),
        grams,
        ctx,
      );
      l.quantity = 1;
      lines.push(l);
      plan!.note = `"${press.description}" under ${press.hts} shipped to a residence`;
    } else {
      const nLines = 1 + pickCumulative(LINES_TABLE, r.next());
      let total = 0;
      for (let k = 0; k < nLines; k++) {
        const prod = this.pickProduct(manifest);
        const usdCents = Math.round(Math.min(450, Math.max(1.5, r.logNormal(prod.medianUsd, 0.7))) * 100);
        if (k > 0 && total + usdCents > MAX_ORDINARY_CENTS) break;
        total += usdCents;
        lines.push(this.line(prod, usdCents, this.gramsFor(prod, usdCents), ctx));
      }
    }

    // The one data-quality defect of a planted filing.
    let reject: RejectCode | undefined;
    switch (kind) {
      case 'vague-description':
        r.pick(lines).description = r.pick(C.VAGUE_DESCRIPTIONS);
        reject = cv.mode === 'truck' ? '8H' : 'MISSING_CARGO_DESC';
        break;
      case 'bad-hts': {
        const l = r.pick(lines);
        const d = digitsOf(l.hts);
        const form = plan!.badHts!;
        l.hts =
          form === 0
            ? filer.plainHts
              ? d.slice(0, 8)
              : `${d.slice(0, 4)}.${d.slice(4, 6)}.${d.slice(6, 8)}`
            : form === 1
              ? `${d.slice(0, 4)}.${d.slice(4, 6)}`
              : r.pick(this.cat.unknownHts);
        reject = form === 2 ? 'HTS_UNKNOWN' : 'HTS_FORMAT';
        plan!.note = `HTS '${l.hts}' (${form === 2 ? 'not a line of the 2026 schedule' : 'not 10 digits'})`;
        break;
      }
      case 'late-filing':
        reject = 'FILED_AFTER_ARRIVAL';
        break;
      case 'missing-eda':
        reject = '282';
        break;
      case 'duplicate-eda':
        reject = '288';
        break;
      case 'placeholder-consignee':
        reject = '9H';
        break;
      default:
    }

    let declaredCents = 0;
    let grams = 0;
    for (const l of lines) {
      declaredCents += l.valueCents;
      grams += l.grams;
    }
    const usdCents = Math.round((declaredCents / 100) * rate * 100);
    if (packaging) grams += r.int(30, 250);

    // Parties.
    const p = personAt(this.seed, person);
    let party: Party;
    if (plan?.variants !== undefined) {
      // Spellings in file order: the first parcel filed carries the usual one.
      const [nv, av] = plan.variants[plan.members.length]!;
      party = consignee(p, nv, av);
    } else party = consignee(p, 'canonical', 'canonical', plan?.mailbox);
    if (kind === 'placeholder-consignee') {
      party.name = r.pick(PLACEHOLDER_NAMES);
      plan!.note = `consignee name '${party.name}'`;
    }
    const shippers = this.shippers.get(origin)!;
    const shipper = shippers[r.zipf(shippers.length, 1.1)]!;

    // Times.
    const eastern = filer.easternTimes;
    const edaMs = cv.scheduledMs + r.int(-18, 18) * 5 * MIN;
    let estimatedArrival: string | string[] | undefined = formatInstant(edaMs, eastern);
    if (kind === 'missing-eda') estimatedArrival = undefined;
    else if (kind === 'duplicate-eda')
      estimatedArrival = [estimatedArrival, formatInstant(edaMs + r.int(1, 24) * HOUR, eastern)];

    const id = this.store.add({
      person,
      conv: cv.index,
      filedSec: Math.floor(filedMs / SEC) - this.baseSec,
      usdCents,
      reject,
      filer: FILER_INDEX.get(filer.code)!,
      origin: ORIGIN_INDEX.get(origin) ?? 0,
    });
    plan?.members.push(index);

    const filerJson = ORG_JSON.get(filer.code)!;
    const draft: FilingDraft = {
      id,
      kind: filingKind,
      mode: cv.mode,
      filer: filerJson,
      broker: type86 ? filerJson : undefined,
      carrier: cv.carrier === undefined ? undefined : ORG_JSON.get(cv.carrier.code)!,
      masterBill: cv.masterBill,
      houseBill: mail ? undefined : manifest ? id : houseBill(cv.carrier!.code, index, true),
      conveyanceId: cv.id,
      portOfEntry: cv.port,
      filedAt: formatInstant(filedMs, eastern),
      estimatedArrival,
      shipper: shipper.json,
      consignee: partyJson(party, true),
      marketplace: !mail && r.chance(0.2) ? this.marketplace() : undefined,
      grossGrams: grams,
      currency,
      lines,
    };

    // A few ordinary filings are corrected or withdrawn while the parcel is in transit.
    if (plan === undefined && !mail) {
      const room = cv.arrivedAtMs - 20 * MIN - filedMs;
      if (room > 10 * MIN) {
        const t = Math.floor((filedMs + room * (0.1 + 0.9 * r.next())) / SEC) * SEC;
        if (r.chance(0.004)) this.amend(draft, index, t, rate, eastern);
        else if (r.chance(0.002)) {
          this.pending.push({ t, seq: this.seq++, kind: 'record', text: cancellationJson(id, 1) });
          this.store.cancel(index);
        }
      }
    }
    return filingJson(draft);
  }

  /** Version 2 with a corrected value, filed at `t` (before arrival). */
  private amend(draft: FilingDraft, index: number, t: number, rate: number, eastern: boolean): void {
    const factor = this.rng.chance(0.5) ? 0.8 : 1.25;
    const cents = draft.lines.map((l) => Math.max(1, Math.round(l.valueCents * factor)));
    const text = filingJson(draft, 'amendment', 2, formatInstant(t, eastern), cents);
    this.pending.push({ t, seq: this.seq++, kind: 'record', text });
    const declared = cents.reduce((s, c) => s + c, 0);
    this.store.amend(index, Math.round((declared / 100) * rate * 100), Math.floor(t / SEC) - this.baseSec);
  }

  private marketplace(): FilingDraft['marketplace'] {
    const r = this.rng;
    const m = r.pick(C.MARKETPLACES);
    const listingId = String(r.int(1_000_000_000, 9_999_999_999));
    return { name: m.name, listingId, listingUrl: `https://${m.host}/item/${listingId}` };
  }
}

/** `total` cents in `parts` parcels, each between $20 and $780, adding up exactly. */
function splitCents(r: Random, total: number, parts: number): number[] {
  const out: number[] = [];
  let left = total;
  for (let k = 0; k < parts - 1; k++) {
    const rest = parts - 1 - k;
    const lo = Math.max(2000, left - MAX_ORDINARY_CENTS * rest);
    const hi = Math.min(MAX_ORDINARY_CENTS, left - 2000 * rest);
    const target = Math.round((left / (rest + 1)) * (0.6 + 0.8 * r.next()));
    const v = Math.min(hi, Math.max(lo, target));
    out.push(v);
    left -= v;
  }
  out.push(left);
  return out;
}
