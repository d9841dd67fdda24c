import { SqliteCaseStore } from '../src/adapters/storage/sqlite/case-store.js';
import { SqliteStore } from '../src/adapters/storage/sqlite/sqlite-store.js';
import { type Actor, applyCaseCommand, type Case, type CaseCommand } from '../src/core/cases/index.js';
import { parseInstant } from '../src/core/time/index.js';

/** What the officer's exam of a held shipment finds, and how the case ends. */
export type ExamFinding = 'seizure-worthy' | 'discrepancy' | 'no-discrepancy';

const SYSTEM: Actor = { id: 'minimis', role: 'system', organization: 'CBP' };
const OFFICER: Actor = { id: 'officer-1', role: 'officer', organization: 'CBP' };
const POLICY = { params: new Map(), liquidatedDamages: { multiple: 0, citation: '' } };
const ENDING = {
  'seizure-worthy': 'seized',
  discrepancy: 'denied-entry',
  'no-discrepancy': 'released',
} as const;

export interface RecordedExams {
  readonly cases: number;
  readonly atFault: number;
  readonly randomlySelected: number;
}

/**
 * Works the case of every shipment held at arrival in a store the way an officer would, through the case
 * workflow and the case store: the system opens the case, the officer examines, records `find(filingId)`
 * and closes it (seized, denied entry, or released).
 */
export function recordExams(dbPath: string, find: (filingId: string) => ExamFinding): RecordedExams {
  const store = new SqliteStore(dbPath);
  const cases = new SqliteCaseStore(store.db);
  let n = 0;
  let atFault = 0;
  let random = 0;
  try {
    const held = [...store.decisions()].filter((d) => d.status === 'held');
    store.db.transaction(() => {
      for (const d of held) {
        const found = find(d.filingId);
        let at = parseInstant(d.decidedAt) + 60_000;
        const step = (c: Case | null, command: CaseCommand, actor: Actor): Case => {
          const r = applyCaseCommand(c, command, actor, new Date(at).toISOString(), POLICY);
          at += 600_000;
          if (!r.ok) throw new Error(`${d.filingId}: ${r.code}: ${r.message}`);
          const written =
            c === null ? cases.insert(r.case, d.lane, r.event) : cases.update(r.case, c.seq, r.event);
          if (!written) throw new Error(`${d.filingId}: case not written`);
          return r.case;
        };
        const origin = {
          filingId: d.filingId,
          version: d.version,
          status: d.status,
          codes: d.codes,
          filer: d.filer,
          broker: d.broker,
          valueUsd: d.valueUsd,
          decidedAt: d.decidedAt,
        };
        let c = step(null, { kind: 'open', caseId: `${d.filingId}.v${d.version}`, decision: origin }, SYSTEM);
        c = step(c, { kind: 'start-exam', notes: '' }, OFFICER);
        c = step(c, { kind: 'record-exam', result: found, notes: '', findings: [] }, OFFICER);
        step(c, { kind: 'close', disposition: ENDING[found], reason: `exam: ${found}` }, OFFICER);
        n++;
        if (found !== 'no-discrepancy') atFault++;
        if (d.risk.randomlySelected) random++;
      }
    })();
  } finally {
    store.close();
  }
  return { cases: n, atFault, randomlySelected: random };
}
