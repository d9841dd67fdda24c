import { Type as T } from '@sinclair/typebox';
import { ROLES } from '../adapters/storage/sqlite/server-store.js';
import { CASE_STATES, Case, CaseCommand, CaseEvent } from '../core/cases/index.js';
import { Decision, Message } from '../core/decision/index.js';
import { Period, ScorecardRow, SubjectKind } from '../core/scorecards/index.js';
import { SuspensionCommand, SuspensionPeriod } from '../core/suspensions/index.js';
import { ErrorBody } from './errors.js';
import { CHECKED_BY_HANDLER } from './validation.js';

/** Request and response schemas of the API: they validate requests and make up the OpenAPI document. */

export const FilingIdParams = T.Object({ id: T.String({ minLength: 1, maxLength: 64 }) });
export const IdParams = T.Object({ id: T.Integer({ minimum: 1 }) });

export const DecisionReply = T.Object({ decision: Decision });
export const HistoryReply = T.Object({
  filingId: T.String(),
  decisions: T.Array(Decision, { description: 'One decision per version, oldest first' }),
});

export const RecordReply = T.Object(
  {
    decision: T.Optional(Decision),
    arrival: T.Optional(T.Object({ conveyanceId: T.String(), arrivedAt: T.String(), port: T.String() })),
    decisionsChanged: T.Optional(
      T.Integer({ description: 'Decisions of your filings that the arrival changed' }),
    ),
  },
  {
    description:
      'A filing or amendment answers with its decision (201 when new, 200 when the same version was filed before); ' +
      'a cancellation with the cancelled decision; an arrival with the number of your decisions it changed.',
  },
);

export const MessagesQuery = T.Object(
  {
    after: T.Optional(T.Integer({ minimum: 0, description: 'Cursor: the last message id already read' })),
    limit: T.Optional(T.Integer({ minimum: 1, maximum: 1000, default: 100 })),
    recipient: T.Optional(
      T.String({ maxLength: 20, description: 'Officers and analysts: a filer or broker code' }),
    ),
  },
  { additionalProperties: false },
);
export const StoredMessage = T.Object({ id: T.Integer(), ...Message.properties });
export const MessagesReply = T.Object({
  messages: T.Array(StoredMessage),
  next: T.Integer({ description: 'Pass as `after` to read on' }),
});

export const WebhookCreate = T.Object(
  {
    url: T.String({ maxLength: 2000, pattern: '^https?://', description: 'Receives POSTs of new messages' }),
    org: T.Optional(T.String({ maxLength: 20, description: 'Admins only: the organization (filer code)' })),
  },
  { additionalProperties: false },
);
export const Webhook = T.Object({ id: T.Integer(), org: T.String(), url: T.String(), createdAt: T.String() });
export const WebhookCreated = T.Object({
  webhook: Webhook,
  secret: T.String({
    description:
      'Shown once. Deliveries carry x-minimis-timestamp and x-minimis-signature: sha256=HMAC-SHA256(secret, timestamp + "." + body)',
  }),
});
export const WebhookList = T.Object({ webhooks: T.Array(Webhook) });
export const DeliveriesQuery = T.Object(
  {
    state: T.Optional(T.Union([T.Literal('pending'), T.Literal('delivered'), T.Literal('dead')])),
    limit: T.Optional(T.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
);
export const Delivery = T.Object({
  id: T.Integer(),
  firstMessage: T.Integer(),
  lastMessage: T.Integer(),
  state: T.String({ description: 'pending, delivered, or dead (dead-lettered after the last attempt)' }),
  attempts: T.Integer(),
  lastStatus: T.Union([T.Integer(), T.Null()]),
  lastError: T.Union([T.String(), T.Null()]),
  createdAt: T.String(),
  updatedAt: T.String(),
});
export const DeliveryList = T.Object({ deliveries: T.Array(Delivery) });

export const Role = T.Union(ROLES.map((r) => T.Literal(r)));
export const KeyCreate = T.Object(
  {
    org: T.String({ minLength: 1, maxLength: 20 }),
    role: Role,
    label: T.Optional(T.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export const KeyInfo = T.Object({
  id: T.Integer(),
  org: T.String(),
  role: Role,
  label: T.Union([T.String(), T.Null()]),
  createdAt: T.String(),
  revokedAt: T.Union([T.String(), T.Null()]),
});
export const KeyCreated = T.Object({
  id: T.Integer(),
  org: T.String(),
  role: Role,
  key: T.String({ description: 'Shown once; only its sha256 is stored' }),
});
export const KeyList = T.Object({ keys: T.Array(KeyInfo) });

export const AuditQuery = T.Object(
  {
    after: T.Optional(T.Integer({ minimum: 0 })),
    limit: T.Optional(T.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
);
export const AuditRecord = T.Object({
  id: T.Integer(),
  at: T.String(),
  actor: T.String(),
  org: T.Union([T.String(), T.Null()]),
  role: T.Union([T.String(), T.Null()]),
  action: T.String(),
  target: T.Union([T.String(), T.Null()]),
  before: T.Unknown(),
  after: T.Unknown(),
});
export const AuditReply = T.Object({ entries: T.Array(AuditRecord), next: T.Integer() });

/** Error replies every authenticated route can give. */
export const errors = (...statuses: number[]) =>
  Object.fromEntries([401, 429, 500, ...statuses].map((s) => [s, ErrorBody]));

export const CaseIdParams = T.Object({ id: T.String({ minLength: 1, maxLength: 100 }) });
export const CaseOpen = T.Object(
  {
    filingId: T.String({ minLength: 1, maxLength: 64 }),
    version: T.Optional(T.Integer({ minimum: 1, description: 'Default: the filing’s current version' })),
  },
  { additionalProperties: false },
);
export const CaseItem = T.Object({
  case: Case,
  lane: T.Optional(
    T.Union([T.String(), T.Null()], { description: 'Lane of the decision (officers and analysts only)' }),
  ),
});
export const CaseReply = T.Object({
  case: Case,
  lane: T.Optional(T.Union([T.String(), T.Null()])),
  events: T.Array(CaseEvent, { description: 'Every event, oldest first (append-only)' }),
});
export const CaseCommandReply = T.Object({ case: Case, event: CaseEvent });
export const CaseListQuery = T.Object(
  {
    state: T.Optional(T.Union(CASE_STATES.map((s) => T.Literal(s)))),
    filer: T.Optional(T.String({ maxLength: 20 })),
    lane: T.Optional(T.String({ maxLength: 20, description: 'Officers and analysts only' })),
    after: T.Optional(T.String({ maxLength: 100, description: 'Cursor: the last case id already read' })),
    limit: T.Optional(T.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  },
  { additionalProperties: false },
);
export const CaseList = T.Object({
  cases: T.Array(CaseItem),
  next: T.Union([T.String(), T.Null()], { description: 'Pass as `after` to read on; null at the end' }),
});
/** Any case command but `open`, as the case workflow defines it; 422 CASE_COMMAND_INVALID when it is not one. */
export const CaseCommandBody = T.Union(
  CaseCommand.anyOf.filter((c) => c.properties.kind.const !== 'open'),
  {
    description:
      'One case command. Officers: assign, request-documents, answer-dispute, start-exam, record-exam, ' +
      'assess-penalty, close, annotate. The case’s filer: filer-answer, filer-dispute, annotate.',
  },
);
CHECKED_BY_HANDLER.add(CaseCommandBody);

export const ScorecardQuery = T.Object(
  {
    subject: T.Optional(SubjectKind),
    period: T.Optional(Period),
    code: T.Optional(T.String({ maxLength: 20, description: 'Officers and analysts: one filer or broker' })),
  },
  { additionalProperties: false },
);
export const ScorecardReply = T.Object({
  rows: T.Array(ScorecardRow, {
    description:
      'One row per subject and period; a filer key gets only its own rows (each with the baseline)',
  }),
});

export const SuspensionBody = T.Union([...SuspensionCommand.anyOf], {
  description: 'suspend a filer from Type 86 from an instant, with reason and remedial plan; or reinstate it',
});
CHECKED_BY_HANDLER.add(SuspensionBody);
export const SuspensionReply = T.Object({
  period: SuspensionPeriod,
  appliedToPolicy: T.Boolean({
    description: 'false when the server runs a policy without dated parameters (nothing to feed)',
  }),
});
export const SuspensionQuery = T.Object(
  { filer: T.Optional(T.String({ maxLength: 20 })) },
  { additionalProperties: false },
);
export const SuspensionList = T.Object({ periods: T.Array(SuspensionPeriod) });
