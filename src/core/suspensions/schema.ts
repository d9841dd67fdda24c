import { type Static, Type as T } from '@sinclair/typebox';
import { Instant } from '../filing/schema.js';

/**
 * Suspension of a filer from the Type 86 test, as CBP did to several brokers in May 2024: judged on
 * pattern, frequency and severity, with reinstatement after a remedial action plan (domain §3).
 */
const closed = { additionalProperties: false } as const;
const Text = (max: number, description?: string) =>
  T.String({ minLength: 1, maxLength: max, ...(description === undefined ? {} : { description }) });
const FilerCode = Text(20, 'Filer code, as in the filing and the suspended-filers parameter');

export const SuspensionCategory = T.Union(
  [
    T.Literal('narcotics'),
    T.Literal('counterfeits'),
    T.Literal('prohibited-goods'),
    T.Literal('undervaluation'),
    T.Literal('splitting'),
    T.Literal('data-quality'),
    T.Literal('other'),
  ],
  { description: 'What the compliance risk was (narcotics weigh more than counterfeits)' },
);

export const SuspensionReason = T.Object(
  { category: SuspensionCategory, text: Text(4000, 'The pattern, frequency and severity found') },
  closed,
);
export type SuspensionReason = Static<typeof SuspensionReason>;

export const RemedialPlan = T.Object(
  {
    summary: Text(4000),
    actions: T.Array(Text(1000), { minItems: 1, maxItems: 50, description: 'What the filer must do' }),
    dueAt: T.Union([Instant, T.Null()]),
  },
  closed,
);
export type RemedialPlan = Static<typeof RemedialPlan>;

export const Suspend = T.Object(
  {
    kind: T.Literal('suspend'),
    filer: FilerCode,
    effectiveAt: Instant,
    reason: SuspensionReason,
    remedialPlan: RemedialPlan,
  },
  closed,
);
export const Reinstate = T.Object(
  {
    kind: T.Literal('reinstate'),
    filer: FilerCode,
    effectiveAt: Instant,
    reason: Text(4000, 'Why the filer is reinstated, e.g. how the remedial plan was carried out'),
  },
  closed,
);
export const SuspensionCommand = T.Union([Suspend, Reinstate]);
export type SuspensionCommand = Static<typeof SuspensionCommand>;

export const Reinstatement = T.Object(
  { effectiveAt: Instant, reason: T.String(), recordedAt: Instant, recordedBy: T.String() },
  closed,
);

/** One suspension of one filer, open until reinstated. */
export const SuspensionPeriod = T.Object(
  {
    filer: T.String(),
    from: Instant,
    until: T.Union([Instant, T.Null()], { description: 'Reinstatement instant; null while suspended' }),
    reason: SuspensionReason,
    remedialPlan: RemedialPlan,
    recordedAt: Instant,
    recordedBy: T.String(),
    reinstatement: T.Union([Reinstatement, T.Null()]),
  },
  closed,
);
export type SuspensionPeriod = Static<typeof SuspensionPeriod>;
