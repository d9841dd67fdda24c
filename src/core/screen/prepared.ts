import type { FilingKind, Mode } from '../filing/schema.js';
import type { Finding } from '../findings/index.js';
import type { NormalizedAddress, NormalizedName } from '../identity/index.js';
import type { ShipmentFacts } from '../policy/index.js';
import type { StaticRisk } from '../risk/index.js';

/**
 * A record after the stateless stage (parse, schema, data quality, normalization). It carries
 * only what the stateful stage needs, so it is cheap to pass between worker threads.
 */
export interface PreparedFiling {
  readonly type: 'filing' | 'amendment';
  readonly line: number;
  readonly id: string;
  readonly version: number;
  readonly kind: FilingKind;
  readonly mode: Mode;
  readonly filer: string;
  readonly broker: string | null;
  readonly conveyanceId: string;
  readonly filedAt: string;
  readonly filedAtMs: number;
  /** Eastern day of the (first) estimated arrival; undefined when none was filed. */
  readonly edaDay: string | undefined;
  /** Declared value in USD cents; null when it cannot be converted. */
  readonly valueCents: number | null;
  readonly findings: readonly Finding[];
  readonly consigneeName: NormalizedName;
  readonly consigneeAddress: NormalizedAddress;
  /** What the eligibility rules read; independent of the date, so worked out here once. */
  readonly facts: ShipmentFacts;
  /** The record as stored (JSON). */
  readonly body: string;
  readonly hash: number;
  /** The stateless targeting rules' results and the keys the stateful ones read; absent when targeting is off. */
  readonly risk?: StaticRisk;
}

export interface PreparedArrival {
  readonly type: 'arrival';
  readonly line: number;
  readonly conveyanceId: string;
  readonly arrivedAt: string;
  readonly arrivedAtMs: number;
  readonly port: string;
}

export interface PreparedCancellation {
  readonly type: 'cancellation';
  readonly line: number;
  readonly id: string;
  readonly version: number;
}

/** A line that could not become a record: its findings carry the line number. */
export interface PreparedInvalid {
  readonly type: 'invalid';
  readonly line: number;
  readonly findings: readonly Finding[];
  /** The filing id when one could be read, so the filer can be told. */
  readonly id: string | undefined;
}

export type Prepared = PreparedFiling | PreparedArrival | PreparedCancellation | PreparedInvalid;
