import type { Case, CaseEvent } from '../cases/schema.js';
import type { Decision } from '../decision/schema.js';
import { easternDay, parseInstant } from '../time/index.js';
import type { ScoreRecord } from './schema.js';

const SCORED = new Set(['rejected', 'withheld', 'held', 'released']);

/**
 * The scorecard record of a screening decision, on the Eastern day it was taken; undefined for
 * statuses that say nothing about the filer's compliance yet (accepted, cancelled).
 */
export function recordFromDecision(d: Decision): ScoreRecord | undefined {
  if (!SCORED.has(d.status)) return undefined;
  const ms = parseInstant(d.decidedAt);
  if (Number.isNaN(ms)) return undefined;
  return {
    type: 'decision',
    filer: d.filer,
    broker: d.broker,
    day: easternDay(ms),
    status: d.status as 'rejected' | 'withheld' | 'held' | 'released',
  };
}

/** The scorecard record of a case event: exams and seizures count, the other steps do not. */
export function recordFromCaseEvent(
  c: Pick<Case, 'filer' | 'broker'>,
  e: CaseEvent,
): ScoreRecord | undefined {
  const ms = parseInstant(e.at);
  if (Number.isNaN(ms)) return undefined;
  const who = { filer: c.filer, broker: c.broker, day: easternDay(ms) };
  if (e.payload.kind === 'record-exam') return { type: 'exam', ...who, result: e.payload.result };
  if (e.payload.kind === 'close' && e.to === 'closed-seized') return { type: 'seizure', ...who };
  return undefined;
}
