import { type Static, Type as T } from '@sinclair/typebox';
import { FINDINGS } from '../findings/catalog.js';

/** A finding as it appears in decisions and reports (same shape as core/findings `Finding`). */
export const FindingSchema = T.Object(
  {
    code: T.Union(Object.keys(FINDINGS).map((c) => T.Literal(c))),
    severity: T.Union([T.Literal('reject'), T.Literal('warn')]),
    path: T.String({ description: 'JSON pointer into the filing, e.g. /lines/0/hts' }),
    message: T.String(),
    aceCode: T.Optional(T.String({ description: 'ACE/ACAS code, e.g. 119, 282, 4M, MISSING_CARGO_DESC' })),
    line: T.Optional(T.Integer({ description: '1-based line of the input file' })),
  },
  { additionalProperties: false },
);

export const DecisionStatus = T.Union(
  [
    T.Literal('accepted'),
    T.Literal('released'),
    T.Literal('withheld'),
    T.Literal('rejected'),
    T.Literal('held'),
    T.Literal('cancelled'),
    T.Literal('disposed'),
  ],
  {
    description:
      'accepted = filed, not yet arrived; released (1C); withheld (4M, de minimis met); rejected (data errors or not eligible); held at arrival for documents or exam (yellow, red and do-not-load lanes); cancelled by the filer; disposed = a case closed without release (seized, destroyed, abandoned, exported, returned to sender, denied entry: `case.disposition` and the first code say which)',
  },
);
export type DecisionStatus = Static<typeof DecisionStatus>;

export const PartyOutcome = T.Object(
  {
    key: T.String({ description: 'Consignee group key: delivery point # first name variant' }),
    variant: T.String({ description: 'This filing’s normalized consignee name' }),
    match: T.String({
      description:
        'How the variant joined the group: new-group, same-name, initial, nickname, spelling, phonetic, token-order',
    }),
    reason: T.String(),
    day: T.String({ description: 'Aggregation day (U.S. Eastern), YYYY-MM-DD' }),
    dayBasis: T.Union([T.Literal('estimated-arrival'), T.Literal('actual-arrival')]),
    totalUsd: T.Number({ description: 'Running total for the consignee-day through this filing, USD' }),
    limitUsd: T.Number(),
  },
  { additionalProperties: false },
);

const Band = T.Union(
  ['none', 'low', 'medium', 'high', 'critical'].map((b) => T.Literal(b)),
  { description: 'Risk band, none to critical' },
);

/** Every targeting rule's result on the filing version, the score they add up to, and the lane's reasons. */
export const RiskOutcome = T.Object(
  {
    score: T.Union([T.Number(), T.Null()], { description: 'Weighted sum of band points, 0–100' }),
    band: T.Union([Band, T.Null()], { description: 'Highest band any rule reached' }),
    reasons: T.Array(T.String(), { description: 'The lane’s reason, then the hits, most points first' }),
    rules: T.Array(
      T.Object(
        {
          rule: T.String(),
          band: Band,
          weight: T.Number(),
          points: T.Number(),
          reason: T.String(),
          path: T.String({ description: 'JSON pointer to the evidence in the filing' }),
        },
        { additionalProperties: false },
      ),
      { description: 'Every enabled rule, hits and misses alike, in the rule set’s order' },
    ),
    laneSteps: T.Array(T.String(), { description: 'Every step that moved the lane, in order' }),
    randomlySelected: T.Boolean(),
    ruleSet: T.Union([T.String(), T.Null()], { description: 'name@version of the rule set' }),
    laneConfig: T.Union([T.String(), T.Null()]),
  },
  { additionalProperties: false },
);
export type RiskOutcome = Static<typeof RiskOutcome>;

/** How a case ended a held or withheld shipment, and what the screening had decided before it. */
export const CaseOutcome = T.Object(
  {
    id: T.String({ description: 'The case that decided' }),
    disposition: T.String({
      description: 'released, seized, abandoned, exported, returned-to-sender, destroyed or denied-entry',
    }),
    closedAt: T.String(),
    screened: T.Object(
      { status: DecisionStatus, codes: T.Array(T.String()), decidedAt: T.String() },
      { additionalProperties: false, description: 'The screening decision the case started from' },
    ),
  },
  {
    additionalProperties: false,
    description: 'Set when a case closed this filing version: the case, not the screening, decided',
  },
);
export type CaseOutcome = Static<typeof CaseOutcome>;

export const Decision = T.Object(
  {
    filingId: T.String(),
    version: T.Integer(),
    status: DecisionStatus,
    codes: T.Array(T.String(), { description: 'ACE codes and finding codes, status code first (1C, 4M …)' }),
    findings: T.Array(FindingSchema),
    party: T.Union([PartyOutcome, T.Null()]),
    valueUsd: T.Union([T.Number(), T.Null()]),
    kind: T.String(),
    mode: T.String(),
    filer: T.String({ description: 'Filer code' }),
    broker: T.Union([T.String(), T.Null()]),
    conveyanceId: T.String(),
    arrivedAt: T.Union([T.String(), T.Null()]),
    lane: T.Union(
      [
        T.Literal('green'),
        T.Literal('blue'),
        T.Literal('yellow'),
        T.Literal('red'),
        T.Literal('do-not-load'),
        T.Literal('unassigned'),
      ],
      {
        description:
          'Targeting lane: green release, blue release and audit later, yellow documents, red exam, do-not-load; unassigned when targeting is off',
      },
    ),
    risk: RiskOutcome,
    eligibility: T.Object(
      {
        outcome: T.Union(
          [
            T.Literal('eligible'),
            T.Literal('ineligible'),
            T.Literal('dutiable-postal'),
            T.Literal('not-claimed'),
          ],
          { description: 'Section 321 eligibility under the policy at the shipment’s instant' },
        ),
        code: T.Union([T.String(), T.Null()], { description: 'Deciding rule code when not eligible' }),
        at: T.Union([T.String(), T.Null()], {
          description: 'Instant the rules were read at (arrival, else filing)',
        }),
        rules: T.Array(
          T.Object(
            {
              rule: T.String(),
              result: T.Union([T.Literal('pass'), T.Literal('fail'), T.Literal('info')]),
              detail: T.String(),
              parameter: T.Optional(T.String()),
              since: T.Optional(T.String({ description: 'When the parameter value read took effect' })),
              citation: T.String(),
            },
            { additionalProperties: false },
          ),
          { description: 'The rules applied, in order, with the dated values and citations they read' },
        ),
      },
      { additionalProperties: false },
    ),
    policy: T.String({ description: 'name@version of the policy applied' }),
    decidedAt: T.String({
      description: 'Instant of the event that produced this decision (filing or arrival)',
    }),
    case: T.Optional(CaseOutcome),
  },
  { additionalProperties: false },
);
export type Decision = Static<typeof Decision>;

export const MessageRole = T.Union([T.Literal('filer'), T.Literal('broker')]);
export const Message = T.Object(
  {
    filingId: T.String(),
    version: T.Integer(),
    role: MessageRole,
    recipient: T.String({ description: 'Filer or broker code' }),
    code: T.String(),
    text: T.String(),
    at: T.String(),
  },
  { additionalProperties: false },
);
export type Message = Static<typeof Message>;
