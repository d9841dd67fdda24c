import { type FormEvent, useState } from 'react';
import type { SuspensionPeriod } from '../../src/core/suspensions/index.js';
import { ApiFailure, api, type Me, type Role, session } from './api';
import { eastern, easternInput, fromEasternInput } from './time';
import { Confirm, ErrorBox, Show, useLoad } from './ui';

const failureOf = (e: unknown) => (e instanceof ApiFailure ? e : new ApiFailure(0, 'CLIENT', String(e)));

interface KeyInfo {
  id: number;
  org: string;
  role: Role;
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
}

const ROLES: Role[] = ['filer', 'officer', 'analyst', 'admin'];

/** API keys: create (the key is shown once), list, revoke with confirmation. */
export function KeysPage({ me }: { me: Me }) {
  const [keys, reload] = useLoad(() => api<{ keys: KeyInfo[] }>('/v1/keys'), []);
  const [created, setCreated] = useState<{ id: number; org: string; role: Role; key: string } | undefined>();
  const [creating, setCreating] = useState(false);
  const [createFailure, setCreateFailure] = useState<ApiFailure | undefined>();
  const [revoking, setRevoking] = useState<KeyInfo | undefined>();
  const [busy, setBusy] = useState(false);
  const [revokeFailure, setRevokeFailure] = useState<ApiFailure | undefined>();
  const [done, setDone] = useState('');
  const [showRevoked, setShowRevoked] = useState(false);
  const [orgFilter, setOrgFilter] = useState('');

  const create = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const label = String(f.get('label') ?? '').trim();
    setCreating(true);
    setCreateFailure(undefined);
    setCreated(undefined);
    try {
      const r = await api<{ id: number; org: string; role: Role; key: string }>('/v1/keys', {
        method: 'POST',
        body: {
          org: String(f.get('org') ?? '').trim(),
          role: String(f.get('role')),
          ...(label === '' ? {} : { label }),
        },
      });
      setCreated(r);
      setDone('');
      form.reset();
      reload();
    } catch (err) {
      setCreateFailure(failureOf(err));
    } finally {
      setCreating(false);
    }
  };

  const revoke = async (k: KeyInfo) => {
    setBusy(true);
    setRevokeFailure(undefined);
    try {
      await api(`/v1/keys/${k.id}`, { method: 'DELETE' });
      setRevoking(undefined);
      if (k.id === me.keyId) {
        // The admin revoked the key it is signed in with: it is signed out.
        session.clear();
        location.hash = '/';
        location.reload();
        return;
      }
      setDone(`Key ${k.id} (${k.org} · ${k.role}) revoked.`);
      reload();
    } catch (err) {
      setRevokeFailure(failureOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="keys-title">
      <h1 id="keys-title">API keys</h1>
      <p className="muted">
        A key belongs to one organization (a filer or broker code; for CBP roles any name) and one role. Only
        its sha256 is stored: the key is shown once, when it is created.
      </p>
      <form className="filters" onSubmit={(e) => void create(e)} aria-labelledby="create-key-title">
        <h2 id="create-key-title" style={{ width: '100%', margin: 0 }}>
          Create a key
        </h2>
        <label>
          Organization{' '}
          <input name="org" required maxLength={20} size={12} placeholder="BRK001" autoComplete="off" />
        </label>
        <label>
          Role{' '}
          <select name="role" defaultValue="filer">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <label>
          Label (optional) <input name="label" maxLength={200} size={24} placeholder="who or what uses it" />
        </label>
        <button type="submit" className="primary" disabled={creating}>
          Create key
        </button>
      </form>
      {creating && (
        <p className="loading" role="status">
          Creating the key…
        </p>
      )}
      {createFailure !== undefined && <ErrorBox error={createFailure} what="a new key" />}
      {created !== undefined && <NewKey created={created} onDone={() => setCreated(undefined)} />}
      <p role="status" aria-live="polite">
        {done}
      </p>
      <h2>Keys</h2>
      <fieldset className="filters">
        <legend>Show</legend>
        <label>
          Organization <input value={orgFilter} onChange={(e) => setOrgFilter(e.target.value)} size={12} />
        </label>
        <label>
          <input type="checkbox" checked={showRevoked} onChange={(e) => setShowRevoked(e.target.checked)} />{' '}
          Revoked keys too
        </label>
      </fieldset>
      <Show value={keys} what="the keys">
        {(d) => {
          const org = orgFilter.trim().toUpperCase();
          const rows = d.keys
            .filter((k) => showRevoked || k.revokedAt === null)
            .filter((k) => org === '' || k.org.toUpperCase().includes(org))
            .sort((a, b) => b.id - a.id);
          return rows.length === 0 ? (
            <p className="muted">No keys match.</p>
          ) : (
            <table className="plain" data-testid="keys-table">
              <thead>
                <tr>
                  <th scope="col">Id</th>
                  <th scope="col">Organization</th>
                  <th scope="col">Role</th>
                  <th scope="col">Label</th>
                  <th scope="col">Created (ET)</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="sr-only">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((k) => (
                  <tr key={k.id} data-key-id={k.id}>
                    <td className="num">{k.id}</td>
                    <td>{k.org}</td>
                    <td>{k.role}</td>
                    <td>
                      {k.label ?? '—'}
                      {k.id === me.keyId ? ' (the key you are signed in with)' : ''}
                    </td>
                    <td>{eastern(k.createdAt)}</td>
                    <td>{k.revokedAt === null ? 'active' : `revoked ${eastern(k.revokedAt)}`}</td>
                    <td>
                      {k.revokedAt === null && (
                        <button
                          type="button"
                          onClick={() => {
                            setRevokeFailure(undefined);
                            setRevoking(k);
                          }}
                          aria-label={`Revoke key ${k.id} (${k.org} · ${k.role})`}
                        >
                          Revoke
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          );
        }}
      </Show>
      {revoking !== undefined && (
        <Confirm
          title={`Revoke key ${revoking.id}?`}
          confirmLabel="Confirm: Revoke key"
          busy={busy}
          onCancel={() => setRevoking(undefined)}
          onConfirm={() => void revoke(revoking)}
        >
          <p>
            Key {revoking.id} of <strong>{revoking.org}</strong> ({revoking.role}
            {revoking.label === null ? '' : `, “${revoking.label}”`}) stops working at once: every request
            made with it is refused. This cannot be undone; make a new key instead.
          </p>
          {revoking.id === me.keyId && (
            <p className="error">This is the key you are signed in with: you will be signed out.</p>
          )}
          {revokeFailure !== undefined && <ErrorBox error={revokeFailure} what="the revocation" />}
        </Confirm>
      )}
    </section>
  );
}

function NewKey({
  created,
  onDone,
}: {
  created: { id: number; org: string; role: Role; key: string };
  onDone: () => void;
}) {
  const [copied, setCopied] = useState('');
  return (
    <div className="once" role="status" data-testid="new-key">
      <p>
        <strong>
          Key {created.id} for {created.org} ({created.role}) created.
        </strong>{' '}
        Copy it now and hand it over safely: it is shown only this once.
      </p>
      <label htmlFor="new-key-value">New key</label>
      <input
        id="new-key-value"
        readOnly
        value={created.key}
        onFocus={(e) => e.currentTarget.select()}
        data-testid="new-key-value"
      />
      <div className="actions">
        <button
          type="button"
          onClick={() =>
            navigator.clipboard.writeText(created.key).then(
              () => setCopied('Copied.'),
              () => setCopied('Could not copy: select the key and copy it by hand.'),
            )
          }
        >
          Copy key
        </button>
        <button type="button" onClick={onDone}>
          I have saved it — hide
        </button>
        <span aria-live="polite">{copied}</span>
      </div>
    </div>
  );
}

const CATEGORIES = [
  'narcotics',
  'counterfeits',
  'prohibited-goods',
  'undervaluation',
  'splitting',
  'data-quality',
  'other',
] as const;

type Pending =
  | { kind: 'suspend'; body: Record<string, unknown>; filer: string; effectiveAt: string }
  | { kind: 'reinstate'; period: SuspensionPeriod };

/** Suspensions of filers from Type 86 and reinstatements, effective-dated. */
export function SuspensionsPage() {
  const [periods, reload] = useLoad(() => api<{ periods: SuspensionPeriod[] }>('/v1/suspensions'), []);
  const [pending, setPending] = useState<Pending | undefined>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | undefined>();
  const [done, setDone] = useState('');
  const [filer, setFiler] = useState('');
  const [formKey, setFormKey] = useState(0);
  const now = Date.now();

  const submit = async (body: unknown, what: string) => {
    setBusy(true);
    setFailure(undefined);
    try {
      const r = await api<{ period: SuspensionPeriod; appliedToPolicy: boolean }>('/v1/suspensions', {
        method: 'POST',
        body,
      });
      setPending(undefined);
      setDone(
        `${what}.${r.appliedToPolicy ? '' : ' The policy this server screens under does not read suspensions, so screening is unchanged.'}`,
      );
      setFormKey((k) => k + 1);
      reload();
    } catch (e) {
      setFailure(failureOf(e));
    } finally {
      setBusy(false);
    }
  };

  const onSuspend = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const get = (n: string) => String(f.get(n) ?? '').trim();
    const effectiveAt = fromEasternInput(get('effective'));
    const due = get('due');
    const dueAt = due === '' ? null : fromEasternInput(due);
    setFailure(undefined);
    if (effectiveAt === null || (due !== '' && dueAt === null)) {
      setFailure(
        new ApiFailure(0, 'CLIENT', 'Give the effective time (and plan due time) as a date and time.'),
      );
      return;
    }
    setPending({
      kind: 'suspend',
      filer: get('filer'),
      effectiveAt,
      body: {
        kind: 'suspend',
        filer: get('filer'),
        effectiveAt,
        reason: { category: get('category'), text: get('reason') },
        remedialPlan: {
          summary: get('plan'),
          actions: get('actions')
            .split('\n')
            .map((s) => s.trim())
            .filter(Boolean),
          dueAt,
        },
      },
    });
  };

  return (
    <section aria-labelledby="susp-title">
      <h1 id="susp-title">Suspensions from Type 86</h1>
      <p className="muted">
        From the effective time a suspended filer’s Type 86 claims are refused (FILER_SUSPENDED), judged at
        each shipment’s instant; filings already accepted are judged again at arrival. Times are U.S. Eastern.
      </p>
      <form
        key={formKey}
        className="filters stacked"
        onSubmit={onSuspend}
        aria-labelledby="suspend-title"
        data-testid="suspend-form"
      >
        <h2 id="suspend-title" style={{ width: '100%', margin: 0 }}>
          Suspend a filer
        </h2>
        <label>
          Filer code <input name="filer" required maxLength={20} size={10} autoComplete="off" />
        </label>
        <label>
          Effective (ET){' '}
          <input name="effective" type="datetime-local" required defaultValue={easternInput(now)} />
        </label>
        <label>
          Category{' '}
          <select name="category" defaultValue="other">
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label className="wide">
          Reason: the pattern, frequency and severity found{' '}
          <textarea name="reason" required maxLength={4000} rows={2} cols={80} />
        </label>
        <label className="wide">
          Remedial plan: summary <textarea name="plan" required maxLength={4000} rows={2} cols={80} />
        </label>
        <label className="wide">
          Remedial plan: actions required (one per line){' '}
          <textarea name="actions" required rows={3} cols={50} />
        </label>
        <label>
          Plan due (ET, optional) <input name="due" type="datetime-local" />
        </label>
        <button type="submit" className="primary">
          Suspend…
        </button>
      </form>
      <p role="status" aria-live="polite" data-testid="suspension-done">
        {done}
      </p>
      {failure !== undefined && pending === undefined && <ErrorBox error={failure} what="the suspension" />}
      <h2>Periods</h2>
      <label>
        Filer <input value={filer} onChange={(e) => setFiler(e.target.value)} size={10} />
      </label>
      <Show value={periods} what="the suspensions">
        {(d) => {
          const code = filer.trim().toUpperCase();
          const rows = d.periods.filter((p) => code === '' || p.filer.toUpperCase().includes(code));
          return rows.length === 0 ? (
            <p className="muted">No suspensions{code === '' ? '' : ` of ${code}`}.</p>
          ) : (
            <table className="plain" data-testid="suspensions-table">
              <thead>
                <tr>
                  <th scope="col">Filer</th>
                  <th scope="col">Status</th>
                  <th scope="col">From (ET)</th>
                  <th scope="col">Until (ET)</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Remedial plan</th>
                  <th scope="col">Recorded</th>
                  <th scope="col">
                    <span className="sr-only">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((p) => {
                  const from = Date.parse(p.from);
                  const until = p.until === null ? null : Date.parse(p.until);
                  const status =
                    until !== null && until <= now
                      ? 'reinstated'
                      : from > now
                        ? 'scheduled'
                        : until !== null
                          ? 'suspended (reinstatement scheduled)'
                          : 'suspended';
                  return (
                    <tr key={`${p.filer}${p.from}`}>
                      <th scope="row">{p.filer}</th>
                      <td>{status}</td>
                      <td>{eastern(p.from)}</td>
                      <td>
                        {p.until === null ? '—' : eastern(p.until)}
                        {p.reinstatement !== null && <div className="muted">{p.reinstatement.reason}</div>}
                      </td>
                      <td>
                        <strong>{p.reason.category}</strong>: {p.reason.text}
                      </td>
                      <td>
                        {p.remedialPlan.summary}
                        <ul>
                          {p.remedialPlan.actions.map((a) => (
                            <li key={a}>{a}</li>
                          ))}
                        </ul>
                        {p.remedialPlan.dueAt !== null && `Due ${eastern(p.remedialPlan.dueAt)}`}
                      </td>
                      <td>
                        {eastern(p.recordedAt)} by {p.recordedBy}
                      </td>
                      <td>
                        {p.until === null && (
                          <button
                            type="button"
                            aria-label={`Reinstate ${p.filer}`}
                            onClick={() => {
                              setFailure(undefined);
                              setPending({ kind: 'reinstate', period: p });
                            }}
                          >
                            Reinstate…
                          </button>
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
      {pending?.kind === 'suspend' && (
        <Confirm
          title={`Suspend ${pending.filer} from Type 86?`}
          confirmLabel="Confirm: Suspend"
          busy={busy}
          onCancel={() => setPending(undefined)}
          onConfirm={() =>
            void submit(pending.body, `${pending.filer} suspended from ${eastern(pending.effectiveAt)}`)
          }
        >
          <p>
            From <strong>{eastern(pending.effectiveAt)}</strong> every Type 86 claim of filer{' '}
            <strong>{pending.filer}</strong> is refused until it is reinstated. This is recorded in the audit
            log.
          </p>
          {failure !== undefined && <ErrorBox error={failure} what="the suspension" />}
        </Confirm>
      )}
      {pending?.kind === 'reinstate' && (
        <Confirm
          title={`Reinstate ${pending.period.filer}?`}
          confirmLabel="Confirm: Reinstate"
          busy={busy}
          onCancel={() => setPending(undefined)}
          onConfirm={() => {
            const form = document.getElementById('reinstate-form') as HTMLFormElement | null;
            if (form === null || !form.reportValidity()) return;
            const f = new FormData(form);
            const effectiveAt = fromEasternInput(String(f.get('effective') ?? ''));
            if (effectiveAt === null) {
              setFailure(new ApiFailure(0, 'CLIENT', 'Give the effective time as a date and time.'));
              return;
            }
            void submit(
              {
                kind: 'reinstate',
                filer: pending.period.filer,
                effectiveAt,
                reason: String(f.get('reason') ?? '').trim(),
              },
              `${pending.period.filer} reinstated from ${eastern(effectiveAt)}`,
            );
          }}
        >
          <form id="reinstate-form" onSubmit={(e) => e.preventDefault()}>
            <p>
              Suspended since {eastern(pending.period.from)} ({pending.period.reason.category}). Remedial
              plan: {pending.period.remedialPlan.summary}
            </p>
            <label>
              Effective (ET){' '}
              <input name="effective" type="datetime-local" required defaultValue={easternInput(now)} />
            </label>
            <label>
              Why: how the remedial plan was carried out{' '}
              <textarea name="reason" required maxLength={4000} rows={3} cols={40} />
            </label>
          </form>
          {failure !== undefined && <ErrorBox error={failure} what="the reinstatement" />}
        </Confirm>
      )}
    </section>
  );
}

interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  org: string | null;
  role: string | null;
  action: string;
  target: string | null;
  before: unknown;
  after: unknown;
}

const ACTION_GROUPS: [string, string[]][] = [
  ['key.', ['key.create', 'key.revoke']],
  ['suspension.', ['suspension.suspend', 'suspension.reinstate']],
  [
    'case.',
    [
      'case.open',
      'case.request-documents',
      'case.filer-answer',
      'case.filer-dispute',
      'case.answer-dispute',
      'case.start-exam',
      'case.record-exam',
      'case.assess-penalty',
      'case.close',
      'case.assign',
      'case.annotate',
    ],
  ],
  ['filing.', ['filing.submit', 'filing.amend', 'filing.cancel']],
  ['arrival.', ['arrival.record']],
  ['webhook.', ['webhook.create']],
];

const FILTERS = ['action', 'actor', 'org', 'target', 'from', 'to'] as const;
type AuditFilter = Partial<Record<(typeof FILTERS)[number], string>>;

/** The audit log, newest first: filtered on the server, paged with the cursor it gives. */
export function AuditPage() {
  const [filter, setFilter] = useState<AuditFilter>({});
  const [limit, setLimit] = useState(50);
  // Cursors of the pages before this one: "Newer" pops, "Older" pushes.
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const [page] = useLoad(() => {
    const q = new URLSearchParams();
    for (const k of FILTERS) if ((filter[k] ?? '') !== '') q.set(k, filter[k]!);
    q.set('limit', String(limit));
    if (cursor !== undefined) q.set('before', String(cursor));
    return api<{ entries: AuditEntry[]; next: number | null }>(`/v1/audit/search?${q}`);
  }, [filter, limit, cursor]);
  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setFilter(Object.fromEntries(FILTERS.map((k) => [k, String(f.get(k) ?? '').trim()])));
    setCursors([undefined]);
  };
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Audit log</h1>
      <p className="muted">
        Every change, newest first: who (key, organization, role), what, to which target, when, and the state
        before and after. Append-only.
      </p>
      <form className="filters" onSubmit={apply} aria-label="Filter the audit log">
        <label>
          Action{' '}
          <select name="action" defaultValue="">
            <option value="">any</option>
            {ACTION_GROUPS.map(([family, actions]) => (
              <optgroup key={family} label={family.slice(0, -1)}>
                <option value={family}>{family}* (all)</option>
                {actions.map((a) => (
                  <option key={a} value={a}>
                    {a}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <label>
          Actor <input name="actor" size={9} placeholder="key:12" />
        </label>
        <label>
          Organization <input name="org" size={9} />
        </label>
        <label>
          Target <input name="target" size={16} placeholder="key:12, filing or filer" />
        </label>
        <label>
          From (ET day) <input name="from" type="date" />
        </label>
        <label>
          To (ET day) <input name="to" type="date" />
        </label>
        <button type="submit" className="primary">
          Apply filters
        </button>
        <button
          type="reset"
          onClick={() => {
            setFilter({});
            setCursors([undefined]);
          }}
        >
          Clear
        </button>
      </form>
      <div className="pager">
        <button
          type="button"
          disabled={cursors.length === 1}
          onClick={() => setCursors(cursors.slice(0, -1))}
        >
          ← Newer
        </button>
        <button
          type="button"
          disabled={page.state !== 'ok' || page.data.next === null}
          onClick={() => page.state === 'ok' && setCursors([...cursors, page.data.next ?? undefined])}
        >
          Older →
        </button>
        <span className="muted">Page {cursors.length}</span>
        <label>
          Per page{' '}
          <select
            value={limit}
            onChange={(e) => {
              setLimit(Number(e.target.value));
              setCursors([undefined]);
            }}
          >
            {[25, 50, 100, 250].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Show value={page} what="the audit log">
        {(d) =>
          d.entries.length === 0 ? (
            <p className="muted">No entries match.</p>
          ) : (
            <table className="plain" data-testid="audit-table">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">When (ET)</th>
                  <th scope="col">Who</th>
                  <th scope="col">Action</th>
                  <th scope="col">Target</th>
                  <th scope="col">Before → after</th>
                </tr>
              </thead>
              <tbody>
                {d.entries.map((e) => (
                  <tr key={e.id}>
                    <td className="num">{e.id}</td>
                    <td>{eastern(e.at)}</td>
                    <td>
                      {e.actor}
                      {e.org === null ? '' : ` · ${e.org}`}
                      {e.role === null ? '' : ` · ${e.role}`}
                    </td>
                    <td>{e.action}</td>
                    <td>{e.target ?? '—'}</td>
                    <td>
                      <details>
                        <summary>{summary(e.after)}</summary>
                        <pre className="json">
                          before: {JSON.stringify(e.before, null, 1)}
                          {'\n'}after: {JSON.stringify(e.after, null, 1)}
                        </pre>
                      </details>
                    </td>
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

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A one-line hint of what an entry changed, for the closed `<details>`; instants in Eastern time. */
function summary(after: unknown): string {
  if (after === null || typeof after !== 'object') return String(after);
  const text = Object.entries(after as Record<string, unknown>)
    .filter(([, v]) => v === null || typeof v !== 'object')
    .map(([k, v]) => `${k}: ${typeof v === 'string' && INSTANT.test(v) ? eastern(v) : String(v)}`)
    .join(', ');
  return text.length > 80 ? `${text.slice(0, 79)}…` : text || 'details';
}
