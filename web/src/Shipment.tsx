import { useState } from 'react';
import type { Case, CaseEvent } from '../../src/core/cases/index.js';
import { CASE_TRANSITIONS } from '../../src/core/cases/transitions.js';
import type { Decision } from '../../src/core/decision/index.js';
import { ApiFailure, api, type Me } from './api';
import { eastern, usd } from './time';
import { Confirm, ErrorBox, Show, useLoad } from './ui';

interface Shipment {
  filed: Record<string, unknown>;
  decision: Decision;
  group: {
    key: string;
    addressKey: string;
    variants: { raw: string; match: string; reason: string }[];
  } | null;
  day: {
    day: string;
    basis: string;
    limitUsd: number;
    filings: {
      filingId: string;
      filer: string;
      status: string;
      valueUsd: number | null;
      totalUsd: number | null;
      filedAt: string;
      arrivedAt: string | null;
    }[];
  } | null;
  sharedAddress: { partyKey: string; names: string[]; filings: number }[];
}

/** Every field as filed, flattened to path → value, so nothing filed is hidden. */
function flatten(v: unknown, path = ''): [string, string][] {
  if (v === null || typeof v !== 'object') return [[path || '/', String(v)]];
  return Object.entries(v as Record<string, unknown>).flatMap(([k, x]) => flatten(x, `${path}/${k}`));
}

export function ShipmentPage({ id, me }: { id: string; me: Me }) {
  const [s] = useLoad(() => api<Shipment>(`/v1/filings/${encodeURIComponent(id)}`), [id]);
  return (
    <Show value={s} what={`shipment ${id}`}>
      {(d) => <ShipmentView s={d} me={me} />}
    </Show>
  );
}

function ShipmentView({ s, me }: { s: Shipment; me: Me }) {
  const role = me.role;
  const d = s.decision;
  return (
    <article aria-labelledby="ship-title">
      <h1 id="ship-title">
        Shipment {d.filingId} <span className={`status st-${d.status}`}>{d.status}</span>
      </h1>
      <p>
        {d.kind} · {d.mode} · filer {d.filer}
        {d.broker === null ? '' : ` · broker ${d.broker}`} · conveyance {d.conveyanceId} · arrived{' '}
        {eastern(d.arrivedAt)} · value {usd(d.valueUsd)} · codes <code>{d.codes.join(' ') || '—'}</code>
      </p>
      {role !== 'filer' && (
        <section aria-labelledby="risk-title">
          <h2 id="risk-title">
            Risk: score {d.risk.score ?? '—'}, lane <span className={`lane lane-${d.lane}`}>{d.lane}</span>
          </h2>
          <ul>
            {d.risk.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
          <details>
            <summary>Every rule result ({d.risk.rules.length})</summary>
            <table className="plain">
              <thead>
                <tr>
                  <th scope="col">Rule</th>
                  <th scope="col">Band</th>
                  <th scope="col">Points</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {d.risk.rules.map((r) => (
                  <tr key={r.rule}>
                    <td>{r.rule}</td>
                    <td>{r.band}</td>
                    <td className="num">{r.points}</td>
                    <td>{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </section>
      )}
      {(d.status === 'held' || d.status === 'withheld' || d.case !== undefined) && (
        <CasePanel decision={d} me={me} />
      )}
      <section aria-labelledby="findings-title">
        <h2 id="findings-title">Findings ({d.findings.length})</h2>
        {d.findings.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <ul>
            {d.findings.map((f) => (
              <li key={`${f.code}${f.path}`}>
                <strong>{f.code}</strong> ({f.severity}) <code>{f.path}</code>: {f.message}
              </li>
            ))}
          </ul>
        )}
        <h3>Eligibility: {d.eligibility.outcome}</h3>
        <ul>
          {d.eligibility.rules.map((r) => (
            <li key={r.rule}>
              <span className={`rule-${r.result}`}>{r.result}</span> {r.rule}: {r.detail}{' '}
              <span className="muted">({r.citation})</span>
            </li>
          ))}
        </ul>
      </section>
      {s.day !== null && (
        <section aria-labelledby="day-title">
          <h2 id="day-title">
            Consignee-day {s.day.day} ({s.day.basis}) against {usd(s.day.limitUsd)}
          </h2>
          <table className="plain">
            <caption className="muted">In manifest order: arrival instant, then filing time</caption>
            <thead>
              <tr>
                <th scope="col">Filing</th>
                <th scope="col">Filer</th>
                <th scope="col">Status</th>
                <th scope="col">Value</th>
                <th scope="col">Running total</th>
                <th scope="col">Filed (ET)</th>
                <th scope="col">Arrived (ET)</th>
              </tr>
            </thead>
            <tbody>
              {s.day.filings.map((f) => (
                <tr key={f.filingId} className={f.filingId === d.filingId ? 'current' : ''}>
                  <td>
                    <a href={`#/shipment/${encodeURIComponent(f.filingId)}`}>{f.filingId}</a>
                  </td>
                  <td>{f.filer}</td>
                  <td>{f.status}</td>
                  <td className="num">{usd(f.valueUsd)}</td>
                  <td className={`num ${(f.totalUsd ?? 0) > (s.day?.limitUsd ?? 800) ? 'over' : ''}`}>
                    {usd(f.totalUsd)}
                  </td>
                  <td>{eastern(f.filedAt)}</td>
                  <td>{eastern(f.arrivedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {s.group !== null && (
        <section aria-labelledby="group-title">
          <h2 id="group-title">Consignee group</h2>
          <p>
            <code>{s.group.key}</code> ·{' '}
            <a href={`#/party/${encodeURIComponent(s.group.key)}`}>all filings of this group</a>
          </p>
          <ul>
            {s.group.variants.map((v) => (
              <li key={v.raw}>
                <strong>{v.raw}</strong> — {v.match}: {v.reason}
              </li>
            ))}
          </ul>
          <h3>Other parties at this address</h3>
          {s.sharedAddress.length === 0 ? (
            <p className="muted">None.</p>
          ) : (
            <ul>
              {s.sharedAddress.map((p) => (
                <li key={p.partyKey}>
                  <a href={`#/party/${encodeURIComponent(p.partyKey)}`}>{p.names.join(' / ')}</a> ({p.filings}{' '}
                  filings)
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <section aria-labelledby="filed-title">
        <h2 id="filed-title">As filed</h2>
        <table className="plain kv">
          <tbody>
            {flatten(s.filed).map(([k, v]) => (
              <tr key={k}>
                <th scope="row">
                  <code>{k}</code>
                </th>
                <td>{k.endsWith('At') || k.includes('estimatedArrival') ? `${v} · ${eastern(v)}` : v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </article>
  );
}

type Fields = 'documents' | 'exam' | 'penalty' | 'answer' | 'dispute-answer';
type Action = {
  key: string;
  label: string;
  /** Who issues it: officers work the case; the case's filer answers and disputes. */
  role: 'officer' | 'filer';
  command: (form: FormData) => unknown;
  fields?: Fields;
  /** Label of the free-text field (name `reason`). */
  note?: string;
};

const text = (f: FormData, name: string) => String(f.get(name) ?? '').trim();
const close = (disposition: string) => (f: FormData) => ({
  kind: 'close',
  disposition,
  reason: text(f, 'reason'),
});
const ACTIONS: Action[] = [
  {
    key: 'request-documents',
    label: 'Request documents',
    role: 'officer',
    fields: 'documents',
    command: (f) => ({
      kind: 'request-documents',
      documents: text(f, 'documents')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      message: text(f, 'reason'),
      dueAt: null,
    }),
  },
  {
    key: 'answer-dispute',
    label: 'Answer the dispute',
    role: 'officer',
    fields: 'dispute-answer',
    note: 'Answer to the filer',
    command: (f) => ({
      kind: 'answer-dispute',
      accepted: f.get('accepted') === 'yes',
      reason: text(f, 'reason'),
    }),
  },
  {
    key: 'start-exam',
    label: 'Start exam',
    role: 'officer',
    command: (f) => ({ kind: 'start-exam', notes: text(f, 'reason') }),
  },
  {
    key: 'record-exam',
    label: 'Record exam result',
    role: 'officer',
    fields: 'exam',
    command: (f) => ({
      kind: 'record-exam',
      result: String(f.get('result')),
      notes: text(f, 'reason'),
      findings: [],
    }),
  },
  { key: 'close:released', label: 'Release', role: 'officer', command: close('released') },
  { key: 'close:seized', label: 'Seize', role: 'officer', command: close('seized') },
  { key: 'close:abandoned', label: 'Abandon', role: 'officer', command: close('abandoned') },
  { key: 'close:denied-entry', label: 'Deny entry', role: 'officer', command: close('denied-entry') },
  {
    key: 'assess-penalty',
    label: 'Assess penalty',
    role: 'officer',
    fields: 'penalty',
    command: (f) => ({
      kind: 'assess-penalty',
      penalty: String(f.get('penalty')),
      violationAt: null,
      priorViolations: Number(f.get('prior') ?? 0),
      amountCents: null,
      reason: text(f, 'reason'),
    }),
  },
  {
    key: 'filer-answer',
    label: 'Answer the document request',
    role: 'filer',
    fields: 'answer',
    note: 'Your answer',
    command: (f) => {
      const names = f.getAll('docName').map(String);
      const refs = f.getAll('docRef').map(String);
      return {
        kind: 'filer-answer',
        documents: names.map((name, i) => ({ name: name.trim(), reference: (refs[i] ?? '').trim() })),
        message: text(f, 'reason'),
      };
    },
  },
  {
    key: 'filer-dispute',
    label: 'Dispute the decision',
    role: 'filer',
    note: 'Why you dispute the decision',
    command: (f) => ({ kind: 'filer-dispute', reason: text(f, 'reason') }),
  },
];

/** What each state means to the person looking at it. */
const STATE_HELP: Record<string, string> = {
  open: 'CBP holds the shipment and has not asked for anything yet.',
  'awaiting-documents': 'CBP asked the filer for documents; the case waits for the answer.',
  'documents-received': 'The filer answered; CBP reviews the documents.',
  'under-exam': 'The shipment is being examined.',
  examined: 'The exam is done; CBP decides.',
  disputed: 'The filer disputes the decision; CBP answers before the case moves on.',
};

function CasePanel({ decision, me }: { decision: Decision; me: Me }) {
  const role = me.role;
  const caseId = `${decision.filingId}.v${decision.version}`;
  const [c, reload] = useLoad(
    () =>
      api<{ case: Case; events: CaseEvent[] }>(`/v1/cases/${encodeURIComponent(caseId)}`).catch(
        (e: unknown) => {
          if (e instanceof ApiFailure && e.status === 404) return null;
          throw e;
        },
      ),
    [caseId],
  );
  const [pending, setPending] = useState<Action | undefined>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | undefined>();
  const [done, setDone] = useState('');

  const run = async (
    body: unknown,
    label: string,
    url = `/v1/cases/${encodeURIComponent(caseId)}/commands`,
  ) => {
    setBusy(true);
    setFailure(undefined);
    try {
      await api(url, { method: 'POST', body });
      setDone(`${label}: done.`);
      setPending(undefined);
      reload();
    } catch (e) {
      setFailure(e instanceof ApiFailure ? e : new ApiFailure(0, 'CLIENT', String(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="case-title">
      <h2 id="case-title">Case</h2>
      <p role="status" aria-live="polite">
        {done}
      </p>
      {failure !== undefined && pending === undefined && <ErrorBox error={failure} what="the case action" />}
      <Show value={c} what="the case">
        {(data) => {
          if (data === null)
            return role === 'officer' ? (
              <button
                type="button"
                onClick={() => run({ filingId: decision.filingId }, 'Open case', '/v1/cases')}
              >
                Open a case
              </button>
            ) : (
              <p className="muted">No case.</p>
            );
          const k = data.case;
          const allowed = (CASE_TRANSITIONS as Record<string, Record<string, unknown>>)[k.state] ?? {};
          // Only the case's own filer answers and disputes; a broker who sees it is told who can.
          const actor = role === 'officer' || (role === 'filer' && k.filer === me.org) ? role : undefined;
          const actions = ACTIONS.filter((a) => a.role === actor && a.key in allowed);
          return (
            <>
              <p>
                <code>{k.id}</code> · state <strong data-testid="case-state">{k.state}</strong>
                {k.disposition === null ? '' : ` · ${k.disposition}`} · opened {eastern(k.openedAt)}
                {k.closedAt === null ? '' : ` · closed ${eastern(k.closedAt)}`}
              </p>
              {STATE_HELP[k.state] !== undefined && <p className="muted">{STATE_HELP[k.state]}</p>}
              {k.documentRequests.length > 0 && (
                <>
                  <h3>Document requests</h3>
                  <ol className="requests" data-testid="document-requests">
                    {k.documentRequests.map((r) => (
                      <li key={r.requestedAt}>
                        <p>
                          Requested {eastern(r.requestedAt)}: <strong>{r.documents.join(', ')}</strong>
                          {r.message === '' ? '' : ` — ${r.message}`}
                          {r.dueAt === null ? '' : ` (due ${eastern(r.dueAt)})`}
                        </p>
                        {r.answer === null ? (
                          <p className="muted">Not answered yet.</p>
                        ) : (
                          <blockquote data-testid="document-answer">
                            <p>
                              <strong>Answered {eastern(r.answeredAt)}:</strong> {r.answer.message}
                            </p>
                            {r.answer.documents.length > 0 && (
                              <ul>
                                {r.answer.documents.map((doc) => (
                                  <li key={`${doc.name}${doc.reference}`}>
                                    {doc.name}: <code>{doc.reference}</code>
                                  </li>
                                ))}
                              </ul>
                            )}
                          </blockquote>
                        )}
                      </li>
                    ))}
                  </ol>
                </>
              )}
              {k.disputes.length > 0 && (
                <>
                  <h3>Disputes</h3>
                  <ol className="requests" data-testid="disputes">
                    {k.disputes.map((d) => (
                      <li key={d.raisedAt}>
                        <p>
                          Disputed {eastern(d.raisedAt)}: {d.reason}
                        </p>
                        {d.answeredAt === null ? (
                          <p className="muted">Not answered yet.</p>
                        ) : (
                          <blockquote>
                            <strong>
                              {d.accepted === true ? 'Accepted' : 'Rejected'} {eastern(d.answeredAt)}:
                            </strong>{' '}
                            {d.answer}
                          </blockquote>
                        )}
                      </li>
                    ))}
                  </ol>
                </>
              )}
              {k.exam !== null && (
                <p>
                  Exam {eastern(k.exam.examinedAt)}: <strong>{k.exam.result}</strong>
                  {k.exam.notes === '' ? '' : ` — ${k.exam.notes}`}
                </p>
              )}
              {k.penalties.map((p) => (
                <p key={p.assessedAt}>
                  Penalty {eastern(p.assessedAt)}: {p.penalty} {usd(p.amountCents / 100)} ({p.citation})
                </p>
              ))}
              {actor !== undefined && actions.length > 0 && (
                <fieldset className="actions">
                  <legend>{actor === 'officer' ? 'Case actions' : 'Your answer to CBP'}</legend>
                  {actions.map((a) => (
                    <button key={a.key} type="button" onClick={() => setPending(a)}>
                      {a.label}
                    </button>
                  ))}
                </fieldset>
              )}
              {role === 'filer' && actor === undefined && k.disposition === null && (
                <p className="muted">Only the filer {k.filer} can answer or dispute this case.</p>
              )}
              <details>
                <summary>Events ({data.events.length})</summary>
                <ol>
                  {data.events.map((e) => (
                    <li key={e.seq}>
                      {eastern(e.at)} {e.command} ({e.from ?? 'new'} → {e.to}) by {e.actor.role}
                    </li>
                  ))}
                </ol>
              </details>
            </>
          );
        }}
      </Show>
      {pending !== undefined && (
        <Confirm
          title={`${pending.label} — shipment ${decision.filingId}`}
          confirmLabel={`Confirm: ${pending.label}`}
          busy={busy}
          onCancel={() => {
            setPending(undefined);
            setFailure(undefined);
          }}
          onConfirm={() => {
            const form = document.getElementById('case-form') as HTMLFormElement | null;
            if (form === null || !form.reportValidity()) return;
            void run(pending.command(new FormData(form)), pending.label);
          }}
        >
          <div id="case-fields">
            <p>
              {pending.role === 'officer'
                ? 'This is recorded in the case and the audit log, and the filer and broker are told.'
                : 'This is sent to CBP and recorded in the case and the audit log.'}
            </p>
            <CaseFields action={pending} />
            {failure !== undefined && <ErrorBox error={failure} what="the case action" />}
          </div>
        </Confirm>
      )}
    </section>
  );
}

function CaseFields({ action }: { action: Action }) {
  const [docs, setDocs] = useState<number[]>([]);
  const [nextDoc, setNextDoc] = useState(0);
  // A form of its own inside the dialog, so FormData picks up exactly these fields.
  return (
    <form id="case-form" onSubmit={(e) => e.preventDefault()}>
      {action.fields === 'documents' && (
        <label>
          Documents (comma-separated){' '}
          <input name="documents" required defaultValue="commercial invoice, proof of payment" size={40} />
        </label>
      )}
      {action.fields === 'exam' && (
        <label>
          Result{' '}
          <select name="result" defaultValue="no-discrepancy">
            <option value="no-discrepancy">no discrepancy</option>
            <option value="discrepancy">discrepancy</option>
            <option value="seizure-worthy">seizure-worthy</option>
          </select>
        </label>
      )}
      {action.fields === 'penalty' && (
        <>
          <label>
            Penalty{' '}
            <select name="penalty" defaultValue="civil-1321c">
              <option value="civil-1321c">civil, 19 U.S.C. 1321(c)</option>
              <option value="liquidated-damages">liquidated damages</option>
            </select>
          </label>
          <label>
            Prior violations <input name="prior" type="number" min={0} defaultValue={0} />
          </label>
        </>
      )}
      {action.fields === 'dispute-answer' && (
        <fieldset>
          <legend>Is the filer right?</legend>
          <label>
            <input type="radio" name="accepted" value="yes" required /> Accept the dispute
          </label>
          <label>
            <input type="radio" name="accepted" value="no" /> Reject the dispute
          </label>
        </fieldset>
      )}
      <label>
        {action.note ?? 'Reason / notes'}{' '}
        <textarea name="reason" required rows={3} cols={40} maxLength={4000} />
      </label>
      {action.fields === 'answer' && (
        <fieldset>
          <legend>Documents (optional)</legend>
          <p className="muted">
            Name each document and say where CBP can get it (a file name, a link or a reference in your
            system).
          </p>
          {docs.map((n, i) => (
            <div key={n} className="doc-row">
              <label>
                Document {i + 1} name{' '}
                <input name="docName" required maxLength={200} placeholder="commercial invoice" />
              </label>
              <label>
                Document {i + 1} reference{' '}
                <input name="docRef" required maxLength={500} placeholder="invoice-4411.pdf" />
              </label>
              <button type="button" onClick={() => setDocs(docs.filter((x) => x !== n))}>
                Remove document {i + 1}
              </button>
            </div>
          ))}
          <button
            type="button"
            onClick={() => {
              setDocs([...docs, nextDoc]);
              setNextDoc(nextDoc + 1);
            }}
          >
            Add a document
          </button>
        </fieldset>
      )}
    </form>
  );
}
