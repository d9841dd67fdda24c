import { useMemo, useState } from 'react';
import { allPages, type Row } from './api';
import { eastern, usd } from './time';
import { Show, useLoad } from './ui';

const ROW_H = 34;
const VIEW_H = 540;
const STATUSES = [
  'held,withheld',
  'held',
  'withheld',
  'rejected',
  'held,withheld,rejected',
  'released',
  'accepted',
];

/**
 * The officers' work queue: every row of the chosen statuses is loaded (in pages) and filtered here, so a
 * filter answers at once; only the rows in view are in the DOM, so 10,000+ rows scroll smoothly.
 */
export function Queue() {
  const [status, setStatus] = useState('held,withheld');
  const [loadedCount, setLoadedCount] = useState(0);
  const [rows] = useLoad(
    () => allPages(`/v1/queue?status=${status}`, 5000, (r) => setLoadedCount(r.length)),
    [status],
  );
  return (
    <section aria-labelledby="queue-title">
      <h1 id="queue-title">Work queue</h1>
      <p className="muted">
        Held and withheld shipments, highest risk score first. Open one to act on its case.
      </p>
      <label>
        Statuses{' '}
        <select value={status} onChange={(e) => setStatus(e.target.value)}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s.replaceAll(',', ' + ')}
            </option>
          ))}
        </select>
      </label>
      <Show value={rows} what={`the queue (${loadedCount.toLocaleString('en-US')} rows so far)`}>
        {(data) => <FilteredTable rows={data} />}
      </Show>
    </section>
  );
}

interface Filter {
  lane: string;
  code: string;
  port: string;
  filer: string;
  origin: string;
}

function FilteredTable({ rows }: { rows: Row[] }) {
  const [f, setF] = useState<Filter>({ lane: '', code: '', port: '', filer: '', origin: '' });
  const lanes = useMemo(() => [...new Set(rows.map((r) => r.lane))].sort(), [rows]);
  const shown = useMemo(() => {
    const up = (s: string) => s.trim().toUpperCase();
    const code = up(f.code);
    const port = up(f.port);
    const filer = up(f.filer);
    const origin = up(f.origin);
    return rows.filter(
      (r) =>
        (f.lane === '' || r.lane === f.lane) &&
        (code === '' || r.codes.some((c) => c.toUpperCase() === code)) &&
        (port === '' || (r.port ?? '') === port) &&
        (filer === '' || r.filer === filer || r.broker === filer) &&
        (origin === '' || (r.origin ?? '') === origin),
    );
  }, [rows, f]);
  const text = (k: keyof Filter, label: string, hint: string) => (
    <label>
      {label}{' '}
      <input value={f[k]} placeholder={hint} size={8} onChange={(e) => setF({ ...f, [k]: e.target.value })} />
    </label>
  );
  return (
    <>
      <fieldset className="filters">
        <legend>Filter</legend>
        <label>
          Lane{' '}
          <select value={f.lane} onChange={(e) => setF({ ...f, lane: e.target.value })}>
            <option value="">any</option>
            {lanes.map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
        </label>
        {text('code', 'Code', '4M')}
        {text('port', 'Port', '2704')}
        {text('filer', 'Filer or broker', 'H2B')}
        {text('origin', 'Origin', 'CN')}
      </fieldset>
      <p aria-live="polite">
        <strong data-testid="queue-count">{shown.length.toLocaleString('en-US')}</strong> of{' '}
        {rows.length.toLocaleString('en-US')} shipments
      </p>
      <VirtualRows rows={shown} />
    </>
  );
}

const COLS = [
  'Risk',
  'Lane',
  'Status',
  'Codes',
  'Filing',
  'Filer',
  'Port',
  'Origin',
  'Value',
  'Arrived (ET)',
];

export function VirtualRows({ rows, showRisk = true }: { rows: Row[]; showRisk?: boolean }) {
  const [top, setTop] = useState(0);
  const first = Math.max(0, Math.floor(top / ROW_H) - 10);
  const last = Math.min(rows.length, Math.ceil((top + VIEW_H) / ROW_H) + 10);
  const cols = showRisk ? COLS : COLS.slice(2);
  return (
    <section
      className="vscroll"
      style={{ height: Math.min(VIEW_H, (rows.length + 1) * ROW_H + 4) }}
      onScroll={(e) => setTop(e.currentTarget.scrollTop)}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the scrolling region must be reachable by keyboard
      tabIndex={0}
      aria-label="Shipments"
    >
      <table className="grid" aria-rowcount={rows.length + 1}>
        <thead>
          <tr>
            {cols.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr style={{ height: first * ROW_H }} />
          {rows.slice(first, last).map((r, i) => (
            <tr key={r.filingId} style={{ height: ROW_H }} aria-rowindex={first + i + 2}>
              {showRisk && <td className="num">{r.score ?? '—'}</td>}
              {showRisk && (
                <td>
                  <span className={`lane lane-${r.lane}`}>{r.lane}</span>
                </td>
              )}
              <td>
                <span className={`status st-${r.status}`}>{r.status}</span>
              </td>
              <td className="codes">{r.codes.join(' ')}</td>
              <td>
                <a href={`#/shipment/${encodeURIComponent(r.filingId)}`}>{r.filingId}</a>
              </td>
              <td>{r.filer}</td>
              <td>{r.port ?? '—'}</td>
              <td>{r.origin ?? '—'}</td>
              <td className="num">{usd(r.valueUsd)}</td>
              <td>{eastern(r.arrivedAt)}</td>
            </tr>
          ))}
          <tr style={{ height: (rows.length - last) * ROW_H }} />
        </tbody>
      </table>
    </section>
  );
}
