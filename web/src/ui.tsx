import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { ApiFailure } from './api';

export type Loaded<T> =
  | { state: 'loading' }
  | { state: 'error'; error: ApiFailure }
  | { state: 'ok'; data: T };

/** Loads on mount and when `deps` change; `reload` runs it again (after an action). */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): [Loaded<T>, () => void] {
  const [value, setValue] = useState<Loaded<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what the load depends on
  useEffect(() => {
    let live = true;
    setValue({ state: 'loading' });
    load().then(
      (data) => live && setValue({ state: 'ok', data }),
      (e: unknown) =>
        live &&
        setValue({
          state: 'error',
          error: e instanceof ApiFailure ? e : new ApiFailure(0, 'CLIENT', String(e)),
        }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  return [value, useCallback(() => setTick((t) => t + 1), [])];
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function ErrorBox({ error, what }: { error: ApiFailure; what: string }) {
  const text =
    error.status === 404
      ? `Not found: ${error.message}`
      : error.status === 403
        ? `Not allowed: ${error.message}`
        : error.message;
  return (
    <div className="error" role="alert">
      <strong>Could not load {what}.</strong> {text} <code>{error.code}</code>
    </div>
  );
}

/** Renders a loaded value, or its loading or error state. */
export function Show<T>({
  value,
  what,
  children,
}: {
  value: Loaded<T>;
  what: string;
  children: (d: T) => ReactNode;
}) {
  if (value.state === 'loading') return <Loading what={what} />;
  if (value.state === 'error') return <ErrorBox error={value.error} what={what} />;
  return <>{children(value.data)}</>;
}

export interface Bar {
  label: string;
  value: number;
}

/** Horizontal bars as inline SVG, with the numbers as text so it reads without colour. */
export function BarChart({
  title,
  bars,
  format = (n) => n.toLocaleString('en-US'),
}: {
  title: string;
  bars: Bar[];
  format?: (n: number) => string;
}) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rowH = 22;
  const width = 420;
  const labelW = 120;
  const numW = 70;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      {bars.length === 0 ? (
        <p className="muted">No data.</p>
      ) : (
        <svg role="img" aria-label={title} width="100%" viewBox={`0 0 ${width} ${bars.length * rowH}`}>
          {bars.map((b, i) => (
            <g key={b.label} transform={`translate(0 ${i * rowH})`}>
              <text x={labelW - 6} y={15} textAnchor="end" className="axis">
                {b.label}
              </text>
              <rect
                x={labelW}
                y={3}
                height={rowH - 6}
                width={Math.max(1, ((width - labelW - numW) * b.value) / max)}
                className="bar"
              />
              <text x={labelW + ((width - labelW - numW) * b.value) / max + 4} y={15} className="num">
                {format(b.value)}
              </text>
            </g>
          ))}
        </svg>
      )}
    </figure>
  );
}

/** Columns stacked by series (e.g. daily volume by kind). */
export function StackedColumns({
  title,
  columns,
  series,
}: {
  title: string;
  columns: { label: string; values: Record<string, number> }[];
  series: string[];
}) {
  const max = Math.max(1, ...columns.map((c) => series.reduce((s, k) => s + (c.values[k] ?? 0), 0)));
  const h = 180;
  const colW = Math.max(18, Math.min(60, 560 / Math.max(1, columns.length)));
  const width = Math.max(300, columns.length * colW + 40);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <ul className="legend" aria-hidden="true">
        {series.map((s, i) => (
          <li key={s}>
            <span className={`swatch s${i}`} /> {s}
          </li>
        ))}
      </ul>
      <svg role="img" aria-label={title} width="100%" viewBox={`0 0 ${width} ${h + 40}`}>
        {columns.map((c, ci) => {
          let y = h;
          return (
            <g key={c.label} transform={`translate(${20 + ci * colW} 0)`}>
              <title>{`${c.label}: ${series.map((s) => `${s} ${c.values[s] ?? 0}`).join(', ')}`}</title>
              {series.map((s, si) => {
                const v = c.values[s] ?? 0;
                const bh = (h * v) / max;
                y -= bh;
                return <rect key={s} x={2} y={y} width={colW - 4} height={bh} className={`s${si}`} />;
              })}
              <text x={colW / 2} y={h + 14} textAnchor="middle" className="axis">
                {c.label.slice(5)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** A modal confirmation: focus moves into it, Escape cancels, the action runs only on confirm. */
export function Confirm({
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  busy,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d !== null && !d.open) d.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby="confirm-title"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id="confirm-title">{title}</h2>
      {children}
      <div className="actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={busy === true} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
