import { COUNT_FIELDS, type Counts, type ScoreRecord, type TallyJson } from './schema.js';

type Scope = 'filer' | 'broker' | 'all';
const SEP = '\t';

export const zeroCounts = (): Counts => ({
  decisions: 0,
  rejected: 0,
  withheld: 0,
  held: 0,
  released: 0,
  exams: 0,
  examDiscrepancies: 0,
  seizureWorthy: 0,
  seizures: 0,
});

export function addCounts(a: Counts, b: Counts): Counts {
  const out = zeroCounts();
  for (const f of COUNT_FIELDS) out[f] = a[f] + b[f];
  return out;
}

export function subtractCounts(a: Counts, b: Counts): Counts {
  const out = zeroCounts();
  for (const f of COUNT_FIELDS) out[f] = a[f] - b[f];
  return out;
}

/**
 * Counts per filer, per broker and for all filers, per day. Days are the finest grain and sums
 * are associative and commutative, so weeks and months are derived at query time and tallies built
 * by separate processes (one per partition of the stream) merge into exactly the tally of the
 * whole stream.
 */
export class ScoreTally {
  private readonly cells = new Map<string, Counts>();

  add(record: ScoreRecord): this {
    this.bump('filer', record.filer, record.day, record);
    if (record.broker !== null) this.bump('broker', record.broker, record.day, record);
    this.bump('all', '*', record.day, record);
    return this;
  }

  addAll(records: Iterable<ScoreRecord>): this {
    for (const r of records) this.add(r);
    return this;
  }

  /** A new tally holding both; neither input changes. */
  merge(other: ScoreTally): ScoreTally {
    const out = new ScoreTally();
    for (const t of [this, other])
      for (const [k, c] of t.cells) {
        const prev = out.cells.get(k);
        out.cells.set(k, prev === undefined ? { ...c } : addCounts(prev, c));
      }
    return out;
  }

  /** Every cell: scope, code (* for all), day and counts. */
  *entries(): IterableIterator<readonly [Scope, string, string, Counts]> {
    for (const [k, c] of this.cells) {
      const [scope, code, day] = k.split(SEP) as [Scope, string, string];
      yield [scope, code, day, c];
    }
  }

  toJSON(): TallyJson {
    const cells: TallyJson['cells'] = [...this.entries()]
      .map(
        ([scope, code, day, c]) =>
          [scope, code, day, COUNT_FIELDS.map((f) => c[f])] as TallyJson['cells'][number],
      )
      .sort((a, b) => compare(a[0], b[0]) || compare(a[1], b[1]) || compare(a[2], b[2]));
    return { version: 1, cells };
  }

  static fromJSON(json: TallyJson): ScoreTally {
    const t = new ScoreTally();
    for (const [scope, code, day, values] of json.cells) {
      const c = zeroCounts();
      COUNT_FIELDS.forEach((f, i) => {
        c[f] = values[i] ?? 0;
      });
      const k = key(scope, code, day);
      const prev = t.cells.get(k);
      t.cells.set(k, prev === undefined ? c : addCounts(prev, c));
    }
    return t;
  }

  private bump(scope: Scope, code: string, day: string, r: ScoreRecord): void {
    const k = key(scope, code, day);
    let c = this.cells.get(k);
    if (c === undefined) {
      c = zeroCounts();
      this.cells.set(k, c);
    }
    switch (r.type) {
      case 'decision':
        c.decisions++;
        c[r.status]++;
        break;
      case 'exam':
        c.exams++;
        if (r.result !== 'no-discrepancy') c.examDiscrepancies++;
        if (r.result === 'seizure-worthy') c.seizureWorthy++;
        break;
      case 'seizure':
        c.seizures++;
        break;
    }
  }
}

const key = (scope: Scope, code: string, day: string) => `${scope}${SEP}${code}${SEP}${day}`;
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
