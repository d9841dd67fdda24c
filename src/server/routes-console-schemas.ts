import { Type as T } from '@sinclair/typebox';
import { Decision, DecisionStatus } from '../core/decision/index.js';

/** Schemas of the console's read endpoints: they validate the queries and make up the OpenAPI document. */

const Code = T.String({ maxLength: 40 });

export const QueueQuery = T.Object(
  {
    status: T.Optional(
      T.String({
        maxLength: 100,
        pattern: '^[a-z]+(,[a-z]+)*$',
        description: 'Comma-separated statuses; default held,withheld',
      }),
    ),
    lane: T.Optional(Code),
    code: T.Optional(T.String({ maxLength: 40, description: 'An ACE or finding code the decision carries' })),
    port: T.Optional(Code),
    filer: T.Optional(Code),
    origin: T.Optional(T.String({ maxLength: 2, description: 'ISO country of origin of the first line' })),
    limit: T.Optional(T.Integer({ minimum: 1, maximum: 5000, default: 1000 })),
    after: T.Optional(T.String({ maxLength: 200, description: 'Cursor: `next` of the previous page' })),
  },
  { additionalProperties: false },
);

export const FilingsQuery = T.Object(
  {
    limit: T.Optional(T.Integer({ minimum: 1, maximum: 5000, default: 500 })),
    after: T.Optional(T.String({ maxLength: 200, description: 'Cursor: `next` of the previous page' })),
  },
  { additionalProperties: false },
);

export const QueueRow = T.Object({
  filingId: T.String(),
  version: T.Integer(),
  status: DecisionStatus,
  codes: T.Array(T.String()),
  lane: T.String({ description: '`unassigned` for filers, who never see lanes' }),
  score: T.Union([T.Number(), T.Null()], { description: 'Risk score 0–100; null for filers' }),
  kind: T.String(),
  mode: T.String(),
  filer: T.String(),
  broker: T.Union([T.String(), T.Null()]),
  port: T.Union([T.String(), T.Null()]),
  origin: T.Union([T.String(), T.Null()]),
  consignee: T.Union([T.String(), T.Null()]),
  valueUsd: T.Union([T.Number(), T.Null()]),
  filedAt: T.String(),
  arrivedAt: T.Union([T.String(), T.Null()]),
});

export const RowsReply = T.Object({
  rows: T.Array(QueueRow),
  next: T.Union([T.String(), T.Null()], {
    description: 'Pass as `after` for the next page; null at the end',
  }),
});

const DayFiling = T.Object({
  filingId: T.String(),
  version: T.Integer(),
  filer: T.String(),
  status: DecisionStatus,
  valueUsd: T.Union([T.Number(), T.Null()]),
  totalUsd: T.Union([T.Number(), T.Null()], {
    description: 'Running total of the consignee-day through this filing',
  }),
  filedAt: T.String(),
  arrivedAt: T.Union([T.String(), T.Null()]),
});

const Variant = T.Object({ raw: T.String(), nameKey: T.String(), match: T.String(), reason: T.String() });

export const ShipmentReply = T.Object({
  filed: T.Unknown({ description: 'The record as filed (current version)' }),
  decision: Decision,
  group: T.Union(
    [T.Object({ key: T.String(), addressKey: T.String(), variants: T.Array(Variant) }), T.Null()],
    { description: 'The consignee group and why each name variant joined; null for filers' },
  ),
  day: T.Union(
    [
      T.Object({
        day: T.String(),
        basis: T.String(),
        limitUsd: T.Number(),
        filings: T.Array(DayFiling, {
          description: 'In manifest order (arrival instant, then filing time); filers see only their own',
        }),
      }),
      T.Null(),
    ],
    { description: 'The consignee-day the $800 check ran on' },
  ),
  sharedAddress: T.Array(
    T.Object({ partyKey: T.String(), names: T.Array(T.String()), filings: T.Integer() }),
    { description: 'Other consignee groups at the same delivery point; empty for filers' },
  ),
});

export const PartyReply = T.Object({
  key: T.String(),
  variants: T.Array(Variant),
  filings: T.Array(QueueRow),
});
export const PartyParams = T.Object({ key: T.String({ minLength: 1, maxLength: 400 }) });

export const WhoAmIReply = T.Object({
  org: T.String(),
  role: T.String(),
  keyId: T.Integer({ description: 'Id of the key used (an admin sees which key is its own)' }),
});
