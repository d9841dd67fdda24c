import type { Address } from '../../filing/schema.js';
import { normalizeAddress, normalizeName } from '../../identity/index.js';
import { easternDay } from '../../time/index.js';
import type { PreparedArrival, PreparedCancellation, PreparedFiling } from '../prepared.js';

export interface FilingSpec {
  id: string;
  version?: number;
  usd: number;
  name?: string;
  address?: Partial<Address>;
  conveyance?: string;
  filedAt?: string;
  eda?: string;
  kind?: PreparedFiling['kind'];
  mode?: PreparedFiling['mode'];
  type?: 'filing' | 'amendment';
  rejectCode?: boolean;
  origins?: string[];
  goods?: string[];
  filer?: string;
}

const HOME: Address = {
  line1: '123 Main Street',
  line2: 'Apt 4',
  city: 'Springfield',
  state: 'IL',
  postalCode: '62701',
  country: 'US',
};

/** A prepared filing as the stateless stage would hand it over; only what a test cares about is given. */
export function aPrepared(s: FilingSpec, line = 1): PreparedFiling {
  const filedAt = s.filedAt ?? '2025-08-20T10:00:00Z';
  const eda = s.eda ?? '2025-08-20T18:00:00Z';
  const body = JSON.stringify(s);
  return {
    type: s.type ?? 'filing',
    line,
    id: s.id,
    version: s.version ?? 1,
    kind: s.kind ?? 'type86',
    mode: s.mode ?? 'air',
    filer: s.filer ?? 'FLR1',
    broker: 'BRK1',
    conveyanceId: s.conveyance ?? 'CV1',
    filedAt,
    filedAtMs: Date.parse(filedAt),
    edaDay: easternDay(Date.parse(eda)),
    valueCents: Math.round(s.usd * 100),
    facts: {
      kind: s.kind ?? 'type86',
      mode: s.mode ?? 'air',
      claim: 'section321',
      filer: s.filer ?? 'FLR1',
      filerRole: 'broker',
      carrier: null,
      valueCents: Math.round(s.usd * 100),
      origins: s.origins ?? ['DE'],
      shipperCountry: (s.origins ?? ['DE'])[0]!,
      ecommerce: false,
      goods: s.goods ?? [],
    },
    findings:
      s.rejectCode === true
        ? [
            {
              code: 'HTS_FORMAT',
              severity: 'reject',
              path: '/lines/0/hts',
              message: 'HTS number must have 10 digits',
            },
          ]
        : [],
    consigneeName: normalizeName(s.name ?? 'John Smith'),
    consigneeAddress: normalizeAddress({ ...HOME, ...s.address }),
    body,
    hash: body.length * 7919 + s.usd,
  };
}

export function anArrival(conveyanceId: string, arrivedAt: string, line = 1): PreparedArrival {
  return { type: 'arrival', line, conveyanceId, arrivedAt, arrivedAtMs: Date.parse(arrivedAt), port: '4701' };
}

export function aCancellation(id: string, version = 1, line = 1): PreparedCancellation {
  return { type: 'cancellation', line, id, version };
}
