/**
 * Dated parameters, as OpenFisca keeps them: each parameter is a value history, every value with the
 * instant it takes effect and its legal source. Rules read a parameter at the shipment's instant and
 * never the clock; the entry they read is part of the explanation they return.
 */
export interface DatedValue<T = unknown> {
  /** First instant (UTC ms) the value is in force; -Infinity for "before the first recorded change". */
  readonly fromMs: number;
  /** The effective date as written in the parameter file ("2025-05-02T00:01 Eastern"), or "origin". */
  readonly from: string;
  readonly value: T;
  readonly citation: string;
  /** Confidence of the source, as the domain brief tags it: V official text, S secondary, U unconfirmed. */
  readonly confidence?: 'V' | 'S' | 'U';
  readonly note?: string;
  /** Where the value was written, for errors and for `policy show`. */
  readonly source?: { readonly file: string; readonly line: number };
}

export interface ParameterHistory<T = unknown> {
  readonly name: string;
  readonly description: string;
  /** Values in time order; each is in force until the next one's `fromMs`. */
  readonly values: readonly DatedValue<T>[];
}

export type ParameterSet = ReadonlyMap<string, ParameterHistory>;

/** The entry in force at `atMs`, or undefined before the first one. */
export function valueAt<T>(history: ParameterHistory<T>, atMs: number): DatedValue<T> | undefined {
  const vs = history.values;
  // Histories are short (a handful of changes), and recent dates are the common question.
  for (let i = vs.length - 1; i >= 0; i--) if (vs[i]!.fromMs <= atMs) return vs[i];
  return undefined;
}

/** Problems with a history that would make a date ambiguous or leave it without a value. */
export interface HistoryProblem {
  readonly index: number;
  readonly code: 'HISTORY_UNORDERED' | 'HISTORY_OVERLAP' | 'HISTORY_GAP' | 'HISTORY_EMPTY';
  readonly message: string;
}

/**
 * Checks that entries are in time order and that each `until` (when written) meets the next `from`:
 * a value that ends before the next begins leaves a gap, one that ends after it overlaps.
 */
export function checkHistory(
  entries: readonly {
    fromMs: number;
    untilMs?: number | undefined;
    from: string;
    until?: string | undefined;
  }[],
): HistoryProblem[] {
  const problems: HistoryProblem[] = [];
  if (entries.length === 0)
    problems.push({ index: 0, code: 'HISTORY_EMPTY', message: 'the history has no values' });
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const next = entries[i + 1];
    if (e.untilMs !== undefined && e.untilMs <= e.fromMs)
      problems.push({
        index: i,
        code: 'HISTORY_UNORDERED',
        message: `until ${e.until} is not after from ${e.from}`,
      });
    if (next === undefined) {
      if (e.untilMs !== undefined)
        problems.push({
          index: i,
          code: 'HISTORY_GAP',
          message: `the last value ends at ${e.until} and nothing follows: add the value in force after it`,
        });
      continue;
    }
    if (next.fromMs <= e.fromMs)
      problems.push({
        index: i + 1,
        code: 'HISTORY_UNORDERED',
        message: `from ${next.from} is not after the previous value's from ${e.from}`,
      });
    else if (e.untilMs !== undefined && e.untilMs < next.fromMs)
      problems.push({
        index: i,
        code: 'HISTORY_GAP',
        message: `the value ends at ${e.until} but the next starts at ${next.from}: no value in between`,
      });
    else if (e.untilMs !== undefined && e.untilMs > next.fromMs)
      problems.push({
        index: i,
        code: 'HISTORY_OVERLAP',
        message: `the value runs until ${e.until}, after the next starts at ${next.from}`,
      });
  }
  return problems;
}
