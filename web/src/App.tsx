import { type ReactElement, useEffect, useState } from 'react';
import { AuditPage, KeysPage, SuspensionsPage } from './Admin';
import { ApiFailure, api, type Me, session } from './api';
import { DashboardPage } from './Dashboard';
import { Messages, MyFilings, PartyPage, Precheck, Scorecards, WhatIf } from './Pages';
import { Queue } from './Queue';
import { ShipmentPage } from './Shipment';
import { ErrorBox, Loading } from './ui';

/** Routes live after `#`, so the server serves one page and a reload keeps the view. */
function useHash(): string {
  const [hash, setHash] = useState(location.hash.slice(1) || '/');
  useEffect(() => {
    const on = () => setHash(location.hash.slice(1) || '/');
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return hash;
}

const NAV: Record<Me['role'], [string, string][]> = {
  officer: [
    ['/queue', 'Work queue'],
    ['/dashboard', 'Dashboard'],
    ['/scorecards', 'Scorecards'],
  ],
  analyst: [
    ['/dashboard', 'Dashboard'],
    ['/scorecards', 'Scorecards'],
    ['/whatif', 'Policy what-if'],
    ['/queue', 'Work queue'],
  ],
  filer: [
    ['/precheck', 'Check a manifest'],
    ['/filings', 'My filings'],
    ['/messages', 'Messages'],
    ['/scorecards', 'My scorecard'],
  ],
  admin: [
    ['/keys', 'API keys'],
    ['/suspensions', 'Suspensions'],
    ['/audit', 'Audit log'],
  ],
};

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [failure, setFailure] = useState<ApiFailure | undefined>();
  useEffect(() => {
    if (session.key() === null) return setMe(null);
    api<Me>('/v1/whoami').then(setMe, () => {
      session.clear();
      setMe(null);
    });
  }, []);
  if (me === undefined) return <Loading what="your session" />;
  if (me === null)
    return (
      <SignIn
        failure={failure}
        onKey={async (key) => {
          try {
            const who = await api<Me>('/v1/whoami', { key });
            session.set(key);
            setFailure(undefined);
            setMe(who);
            location.hash = NAV[who.role][0]?.[0] ?? '/';
          } catch (e) {
            setFailure(e instanceof ApiFailure ? e : new ApiFailure(0, 'CLIENT', String(e)));
          }
        }}
      />
    );
  return (
    <Shell
      me={me}
      onSignOut={() => {
        session.clear();
        location.hash = '/';
        setMe(null);
      }}
    />
  );
}

function SignIn({ onKey, failure }: { onKey: (key: string) => void; failure: ApiFailure | undefined }) {
  const [key, setKey] = useState('');
  return (
    <main className="signin">
      <h1>minimis console</h1>
      <p>
        Sign in with your API key (`minimis serve keys create --org CODE --role ROLE`). It is kept for this
        tab only.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onKey(key.trim());
        }}
      >
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          type="password"
          autoComplete="off"
          required
          value={key}
          onChange={(e) => setKey(e.target.value)}
          size={50}
        />
        <button type="submit" className="primary">
          Sign in
        </button>
      </form>
      {failure !== undefined && <ErrorBox error={failure} what="your account" />}
    </main>
  );
}

function Shell({ me, onSignOut }: { me: Me; onSignOut: () => void }) {
  const hash = useHash();
  const nav = NAV[me.role];
  const [, first = '', ...rest] = hash.split('/');
  const arg = decodeURIComponent(rest.join('/'));
  let page: ReactElement;
  switch (first) {
    case 'queue':
      page = <Queue />;
      break;
    case 'shipment':
      page = <ShipmentPage key={arg} id={arg} me={me} />;
      break;
    case 'party':
      page = <PartyPage partyKey={arg} />;
      break;
    case 'dashboard':
      page = <DashboardPage />;
      break;
    case 'scorecards':
      page = <Scorecards role={me.role} />;
      break;
    case 'whatif':
      page = <WhatIf />;
      break;
    case 'precheck':
      page = <Precheck />;
      break;
    case 'filings':
      page = <MyFilings />;
      break;
    case 'messages':
      page = <Messages me={me} />;
      break;
    case 'keys':
      page = <KeysPage me={me} />;
      break;
    case 'suspensions':
      page = <SuspensionsPage />;
      break;
    case 'audit':
      page = <AuditPage />;
      break;
    default:
      page =
        nav.length === 0 ? (
          <p>This console has no views for the {me.role} role; use the API (/docs).</p>
        ) : (
          <p>
            Choose a view: <a href={`#${nav[0]![0]}`}>{nav[0]![1]}</a>
          </p>
        );
  }
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header>
        <strong>minimis</strong>
        <nav aria-label="Main">
          <ul>
            {nav.map(([href, label]) => (
              <li key={href}>
                <a href={`#${href}`} aria-current={`/${first}` === href ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <span className="who" data-testid="who">
          {me.org} · {me.role}
        </span>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {page}
      </main>
      <footer className="muted">Times in U.S. Eastern (ET), the zone of the $800-a-day check.</footer>
    </>
  );
}
