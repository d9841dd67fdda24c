import { useRef, useState } from 'react';
import type { ScorecardRow } from '../../src/core/scorecards/index.js';
import { ApiFailure, allPages, api, type Me, type Role } from './api';
import { VirtualRows } from './Queue';
import { eastern, pct, usd } from './time';
import { BarChart, ErrorBox, Loading, Show, useLoad } from './ui';

const METRICS = ['rejection', 'withhold', 'hold', 'examDiscrepancy', 'seizure'] as const;

/** Filer (or broker) scorecards: each rate beside all other filers', flagged when clearly above or below. */
export function Scorecards({ role }: { role: Role }) {
  const [subject, setSubject] = useState('filer');
  const [period, setPeriod] = useState('month');
  const [rows] = useLoad(
    () => api<{ rows: ScorecardRow[] }>(`/v1/scorecards?subject=${subject}&period=${period}`),
    [subject, period],
  );
  return (
    <section aria-labelledby="sc-title">
      <h1 id="sc-title">{role === 'filer' ? 'Your scorecard' : 'Scorecards'}</h1>
      <fieldset className="filters">
        <legend>View</legend>
        {role !== 'filer' && (
          <label>
            Subject{' '}
            <select value={subject} onChange={(e) => setSubject(e.target.value)}>
              <option value="filer">filers</option>
              <option value="broker">brokers</option>
            </select>
          </label>
        )}
        <label>
          Period{' '}
          <select value={period} onChange={(e) => setPeriod(e.target.value)}>
            <option value="day">day</option>
            <option value="week">week</option>
            <option value="month">month</option>
          </select>
        </label>
      </fieldset>
      <Show value={rows} what="scorecards">
        {(d) =>
          d.rows.length === 0 ? (
            <p className="muted">No shipments scored yet.</p>
          ) : (
            <table className="plain">
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Period</th>
                  <th scope="col">Shipments</th>
                  {METRICS.map((m) => (
                    <th key={m} scope="col">
                      {m} (vs all)
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {d.rows.slice(0, 500).map((r) => (
                  <tr key={`${r.code}${r.key}`}>
                    <th scope="row">{r.code}</th>
                    <td>{r.key}</td>
                    <td className="num">{r.counts.decisions}</td>
                    {METRICS.map((m) => {
                      const c = r.metrics[m];
                      return (
                        <td key={m} className={`flag-${c.flag}`}>
                          {c.subject.rate === null ? '—' : pct(c.subject.rate)} (
                          {c.baseline.rate === null ? '—' : pct(c.baseline.rate)}){' '}
                          {c.flag === 'above' ? '▲ above' : c.flag === 'below' ? '▼ below' : ''}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Show>
    </section>
  );
}

interface Side {
  policy: string;
  byStatus: Record<string, number>;
  eligible: number;
  withheld4M: number;
  entriesNeeded: { informal: number; formal: number };
  dutyUsd: number;
  feesUsd: number;
  dutyByOrigin: Record<string, number>;
}
interface Run {
  at: string;
  trafficDay: string;
  filings: number;
  changed: number;
  a: Side;
  b: Side;
  changes: { from: string; to: string; reason: string; count: number; examples: string[] }[];
}

/** The policy what-if: one stored day replayed under two policies, compared. */
export function WhatIf() {
  const [lists] = useLoad(
    () =>
      Promise.all([
        api<{ policies: { name: string; description: string }[] }>('/v1/policies'),
        api<{ datasets: { id: string; day: string; filings: number }[] }>('/v1/simulate/datasets'),
      ]),
    [],
  );
  const [result, setResult] = useState<{ runs: Run[] } | undefined>();
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | undefined>();
  const form = useRef<HTMLFormElement>(null);
  const submit = async () => {
    const f = new FormData(form.current!);
    const at = String(f.get('at') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    setRunning(true);
    setFailure(undefined);
    setResult(undefined);
    try {
      setResult(
        await api('/v1/simulate', {
          method: 'POST',
          body: {
            dataset: f.get('dataset'),
            policy: f.get('policy'),
            vs: f.get('vs'),
            ...(at.length > 0 ? { at } : {}),
          },
        }),
      );
    } catch (e) {
      setFailure(e instanceof ApiFailure ? e : new ApiFailure(0, 'CLIENT', String(e)));
    } finally {
      setRunning(false);
    }
  };
  return (
    <section aria-labelledby="wi-title">
      <h1 id="wi-title">Policy what-if</h1>
      <Show value={lists} what="policies and datasets">
        {([p, ds]) => (
          <form
            ref={form}
            className="filters"
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <label>
              Dataset{' '}
              <select name="dataset">
                {ds.datasets.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.day} ({d.filings.toLocaleString('en-US')} filings)
                  </option>
                ))}
              </select>
            </label>
            <label>
              Policy A{' '}
              <select name="policy" defaultValue="law">
                {p.policies.map((x) => (
                  <option key={x.name} value={x.name} title={x.description}>
                    {x.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Policy B{' '}
              <select name="vs" defaultValue="end-de-minimis">
                {p.policies.map((x) => (
                  <option key={x.name} value={x.name} title={x.description}>
                    {x.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Replay at (dates, comma-separated; empty = the day itself){' '}
              <input name="at" placeholder="2025-04-30,2025-08-30" size={24} />
            </label>
            <button type="submit" className="primary" disabled={running}>
              Compare
            </button>
          </form>
        )}
      </Show>
      {running && <Loading what="the comparison (the day is replayed twice)" />}
      {failure !== undefined && <ErrorBox error={failure} what="the comparison" />}
      {result?.runs.map((r) => (
        <RunView key={r.at} r={r} />
      ))}
    </section>
  );
}

function RunView({ r }: { r: Run }) {
  const statuses = [...new Set([...Object.keys(r.a.byStatus), ...Object.keys(r.b.byStatus)])].sort();
  return (
    <section aria-label={`Comparison at ${r.at}`}>
      <h2>
        At {r.at}: <span data-testid="whatif-changed">{r.changed.toLocaleString('en-US')}</span> of{' '}
        {r.filings.toLocaleString('en-US')} filings change
      </h2>
      <div className="charts">
        <BarChart
          title={`Eligible filings: ${r.a.policy} vs ${r.b.policy}`}
          bars={[
            { label: r.a.policy, value: r.a.eligible },
            { label: r.b.policy, value: r.b.eligible },
          ]}
        />
        <BarChart
          title="Estimated duty and fees (USD)"
          format={(n) => usd(n)}
          bars={[
            { label: r.a.policy, value: r.a.dutyUsd + r.a.feesUsd },
            { label: r.b.policy, value: r.b.dutyUsd + r.b.feesUsd },
          ]}
        />
      </div>
      <table className="plain">
        <caption>Outcomes</caption>
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col">{r.a.policy}</th>
            <th scope="col">{r.b.policy}</th>
          </tr>
        </thead>
        <tbody>
          {statuses.map((s) => (
            <tr key={s}>
              <th scope="row">{s}</th>
              <td className="num">{r.a.byStatus[s] ?? 0}</td>
              <td className="num">{r.b.byStatus[s] ?? 0}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">4M withheld</th>
            <td className="num">{r.a.withheld4M}</td>
            <td className="num">{r.b.withheld4M}</td>
          </tr>
          <tr>
            <th scope="row">entries needed (informal + formal)</th>
            <td className="num">{r.a.entriesNeeded.informal + r.a.entriesNeeded.formal}</td>
            <td className="num">{r.b.entriesNeeded.informal + r.b.entriesNeeded.formal}</td>
          </tr>
        </tbody>
      </table>
      <table className="plain">
        <caption>What changes, and why</caption>
        <thead>
          <tr>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">Reason</th>
            <th scope="col">Filings</th>
          </tr>
        </thead>
        <tbody>
          {r.changes.map((c) => (
            <tr key={`${c.from}${c.to}${c.reason}`}>
              <td>{c.from}</td>
              <td>{c.to}</td>
              <td>{c.reason}</td>
              <td className="num">{c.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

interface PrecheckLine {
  line: number;
  type: string;
  id: string | null;
  findings: { code: string; severity: string; path: string; message: string; fix: string }[];
  eligibility: { outcome: string; code: string | null; detail: string; fix: string | null } | null;
  refusal: { code: string; message: string } | null;
}

/** A filer checks a manifest file before filing it: every finding per line, with what to fix. */
export function Precheck() {
  const [result, setResult] = useState<
    { summary: Record<string, number>; lines: PrecheckLine[] } | undefined
  >();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | undefined>();
  const [onlyProblems, setOnlyProblems] = useState(true);
  const check = async (file: File) => {
    setBusy(true);
    setFailure(undefined);
    setResult(undefined);
    try {
      const csv = file.name.toLowerCase().endsWith('.csv');
      setResult(
        await api('/v1/precheck', {
          method: 'POST',
          raw: file,
          type: csv ? 'text/csv' : 'application/x-ndjson',
        }),
      );
    } catch (e) {
      setFailure(e instanceof ApiFailure ? e : new ApiFailure(0, 'CLIENT', String(e)));
    } finally {
      setBusy(false);
    }
  };
  const problem = (l: PrecheckLine) =>
    l.findings.length > 0 ||
    l.refusal !== null ||
    (l.eligibility !== null &&
      l.eligibility.outcome !== 'eligible' &&
      l.eligibility.outcome !== 'not-claimed');
  return (
    <section aria-labelledby="pc-title">
      <h1 id="pc-title">Check a manifest before filing</h1>
      <p className="muted">
        NDJSON (one record per line) or CSV (one row per line item, columns named by path). Nothing is filed
        or stored; the $800-a-day check runs only when you file.
      </p>
      <label>
        Manifest file{' '}
        <input
          type="file"
          accept=".ndjson,.jsonl,.json,.csv"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f !== undefined) void check(f);
          }}
        />
      </label>
      {busy && <Loading what="the findings" />}
      {failure !== undefined && <ErrorBox error={failure} what="the pre-check" />}
      {result !== undefined && (
        <>
          <p data-testid="precheck-summary" role="status">
            {result.summary.records} records: {result.summary.clean} clean, {result.summary.rejects} would be
            rejected, {result.summary.warnings} with warnings, {result.summary.ineligible} not eligible,{' '}
            {result.summary.refused} not yours to file.
          </p>
          <label>
            <input
              type="checkbox"
              checked={onlyProblems}
              onChange={(e) => setOnlyProblems(e.target.checked)}
            />{' '}
            Only lines with problems
          </label>
          <table className="plain" data-testid="precheck-table">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Record</th>
                <th scope="col">Finding</th>
                <th scope="col">Field</th>
                <th scope="col">What is wrong</th>
                <th scope="col">How to fix it</th>
              </tr>
            </thead>
            <tbody>
              {result.lines
                .filter((l) => !onlyProblems || problem(l))
                .slice(0, 2000)
                .flatMap((l) => {
                  const items = [
                    ...l.findings.map((f) => [`${f.code} (${f.severity})`, f.path, f.message, f.fix]),
                    ...(l.eligibility !== null && problem(l) && l.eligibility.code !== null
                      ? [
                          [
                            `${l.eligibility.code} (${l.eligibility.outcome})`,
                            '',
                            l.eligibility.detail,
                            l.eligibility.fix ?? '',
                          ],
                        ]
                      : []),
                    ...(l.refusal !== null
                      ? [
                          [
                            l.refusal.code,
                            '/filer/code',
                            l.refusal.message,
                            'File it with the key of that filer.',
                          ],
                        ]
                      : []),
                  ];
                  if (items.length === 0) items.push(['ok', '', 'No finding', '']);
                  return items.map((it) => (
                    <tr key={`${l.line}-${it[0]}-${it[1]}`}>
                      <td className="num">{l.line}</td>
                      <td>{l.id ?? l.type}</td>
                      <td>
                        <strong>{it[0]}</strong>
                      </td>
                      <td>
                        <code>{it[1]}</code>
                      </td>
                      <td>{it[2]}</td>
                      <td>{it[3]}</td>
                    </tr>
                  ));
                })}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

export function MyFilings() {
  const [rows] = useLoad(() => allPages('/v1/filings', 5000), []);
  return (
    <section aria-labelledby="mf-title">
      <h1 id="mf-title">Filings</h1>
      <Show value={rows} what="filings">
        {(r) => <VirtualRows rows={r} showRisk={false} />}
      </Show>
    </section>
  );
}

interface Message {
  id: number;
  filingId: string;
  code: string;
  text: string;
  at: string;
  recipient: string;
}

export function Messages({ me }: { me: Me }) {
  const [m] = useLoad(() => api<{ messages: Message[] }>('/v1/messages?limit=500'), []);
  const [cases] = useLoad(
    () =>
      api<{
        cases: {
          case: {
            id: string;
            filingId: string;
            filer: string;
            state: string;
            documentRequests: {
              requestedAt: string;
              documents: string[];
              message: string;
              answeredAt: string | null;
            }[];
          };
        }[];
      }>('/v1/cases?limit=500'),
    [],
  );
  return (
    <section aria-labelledby="msg-title">
      <h1 id="msg-title">Messages and document requests</h1>
      <h2>Document requests</h2>
      <Show value={cases} what="document requests">
        {(c) => {
          const reqs = c.cases.flatMap((x) => x.case.documentRequests.map((r) => ({ ...r, c: x.case })));
          // Unanswered first, then newest first.
          reqs.sort(
            (x, y) =>
              Number(x.answeredAt !== null) - Number(y.answeredAt !== null) ||
              y.requestedAt.localeCompare(x.requestedAt),
          );
          return reqs.length === 0 ? (
            <p className="muted">None.</p>
          ) : (
            <table className="plain" data-testid="document-requests">
              <thead>
                <tr>
                  <th scope="col">Shipment</th>
                  <th scope="col">Case state</th>
                  <th scope="col">Requested (ET)</th>
                  <th scope="col">Documents</th>
                  <th scope="col">Message</th>
                  <th scope="col">Answer</th>
                </tr>
              </thead>
              <tbody>
                {reqs.map((r) => {
                  const link = `#/shipment/${encodeURIComponent(r.c.filingId)}`;
                  const open = r.answeredAt === null && r.c.state === 'awaiting-documents';
                  return (
                    <tr key={`${r.c.id}${r.requestedAt}`}>
                      <td>
                        <a href={link}>{r.c.filingId}</a>
                      </td>
                      <td>{r.c.state}</td>
                      <td>{eastern(r.requestedAt)}</td>
                      <td>{r.documents.join(', ')}</td>
                      <td>{r.message}</td>
                      <td>
                        {r.answeredAt !== null ? (
                          `answered ${eastern(r.answeredAt)}`
                        ) : !open ? (
                          'not answered'
                        ) : r.c.filer === me.org ? (
                          <a href={link} aria-label={`Answer the request for ${r.c.filingId}`}>
                            <strong>Answer</strong>
                          </a>
                        ) : (
                          `awaiting filer ${r.c.filer}`
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          );
        }}
      </Show>
      <h2>Messages</h2>
      <Show value={m} what="messages">
        {(d) =>
          d.messages.length === 0 ? (
            <p className="muted">No messages.</p>
          ) : (
            <table className="plain">
              <thead>
                <tr>
                  <th scope="col">When (ET)</th>
                  <th scope="col">Filing</th>
                  <th scope="col">Code</th>
                  <th scope="col">Message</th>
                </tr>
              </thead>
              <tbody>
                {[...d.messages].reverse().map((x) => (
                  <tr key={x.id}>
                    <td>{eastern(x.at)}</td>
                    <td>
                      <a href={`#/shipment/${encodeURIComponent(x.filingId)}`}>{x.filingId}</a>
                    </td>
                    <td>{x.code}</td>
                    <td>{x.text}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Show>
    </section>
  );
}

export function PartyPage({ partyKey }: { partyKey: string }) {
  const [p] = useLoad(
    () =>
      api<{
        key: string;
        variants: { raw: string; match: string; reason: string }[];
        filings: Parameters<typeof VirtualRows>[0]['rows'];
      }>(`/v1/parties/${encodeURIComponent(partyKey)}`),
    [partyKey],
  );
  return (
    <Show value={p} what="the consignee group">
      {(d) => (
        <section aria-labelledby="party-title">
          <h1 id="party-title">Consignee group</h1>
          <p>
            <code>{d.key}</code>
          </p>
          <ul>
            {d.variants.map((v) => (
              <li key={v.raw}>
                <strong>{v.raw}</strong> — {v.match}: {v.reason}
              </li>
            ))}
          </ul>
          <VirtualRows rows={d.filings} />
        </section>
      )}
    </Show>
  );
}
