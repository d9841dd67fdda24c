import { useState } from 'react';
import { api } from './api';
import { pct } from './time';
import { BarChart, Show, StackedColumns, useLoad } from './ui';

interface Party {
  code: string;
  filings: number;
  rejected: number;
  withheld: number;
  held: number;
  seized: number;
  nonCompliant: number;
  rate: number;
}
interface Dashboard {
  filings: number;
  byDay: { day: string; type86: number; manifest321: number; postal: number }[];
  byMode: { key: string; n: number }[];
  byOrigin: { key: string; n: number }[];
  byStatus: { key: string; n: number }[];
  byLane: { key: string; n: number }[];
  rates: { rejected: number; withheld4M: number; held: number; released: number };
  topFilers: Party[];
  topBrokers: Party[];
  seizuresByCategory: { key: string; n: number }[];
}

const bars = (xs: { key: string; n: number }[]) => xs.map((x) => ({ label: x.key, value: x.n }));

export function DashboardPage() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const q = new URLSearchParams();
  if (from !== '') q.set('from', from);
  if (to !== '') q.set('to', to);
  const [d] = useLoad(() => api<Dashboard>(`/v1/dashboard?${q}`), [from, to]);
  return (
    <section aria-labelledby="dash-title">
      <h1 id="dash-title">Dashboard</h1>
      <fieldset className="filters">
        <legend>Days (U.S. Eastern)</legend>
        <label>
          From <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          To <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </fieldset>
      <Show value={d} what="the dashboard">
        {(x) => (
          <>
            <dl className="kpis">
              <div>
                <dt>Shipments</dt>
                <dd data-testid="kpi-filings">{x.filings.toLocaleString('en-US')}</dd>
              </div>
              <div>
                <dt>Rejected</dt>
                <dd>{pct(x.rates.rejected)}</dd>
              </div>
              <div>
                <dt>4M withheld</dt>
                <dd>{pct(x.rates.withheld4M)}</dd>
              </div>
              <div>
                <dt>Held</dt>
                <dd>{pct(x.rates.held)}</dd>
              </div>
              <div>
                <dt>Released</dt>
                <dd>{pct(x.rates.released)}</dd>
              </div>
            </dl>
            <div className="charts">
              <StackedColumns
                title="Daily volume by kind"
                series={['type86', 'manifest321', 'postal']}
                columns={x.byDay.map((d) => ({
                  label: d.day,
                  values: { type86: d.type86, manifest321: d.manifest321, postal: d.postal },
                }))}
              />
              <BarChart title="By mode" bars={bars(x.byMode)} />
              <BarChart title="By origin (top 15)" bars={bars(x.byOrigin)} />
              <BarChart title="By status" bars={bars(x.byStatus)} />
              <BarChart title="By lane" bars={bars(x.byLane)} />
              <BarChart title="Seizures by HTS chapter" bars={bars(x.seizuresByCategory)} />
            </div>
            <PartyTable title="Top filers by non-compliance" rows={x.topFilers} />
            <PartyTable title="Top brokers by non-compliance" rows={x.topBrokers} />
          </>
        )}
      </Show>
    </section>
  );
}

function PartyTable({ title, rows }: { title: string; rows: Party[] }) {
  return (
    <table className="plain">
      <caption>{title}</caption>
      <thead>
        <tr>
          {['Code', 'Filings', 'Rejected', '4M', 'Held', 'Seized', 'Non-compliant', 'Rate'].map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((p) => (
          <tr key={p.code}>
            <th scope="row">{p.code}</th>
            <td className="num">{p.filings}</td>
            <td className="num">{p.rejected}</td>
            <td className="num">{p.withheld}</td>
            <td className="num">{p.held}</td>
            <td className="num">{p.seized}</td>
            <td className="num">{p.nonCompliant}</td>
            <td className="num">{pct(p.rate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
