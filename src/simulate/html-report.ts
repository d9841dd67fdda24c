import type { PolicySide } from '../core/simulate/index.js';
import type { Simulation } from './run-simulation.js';

/** A self-contained HTML report (inline CSS and SVG, no script, no CDN) of a simulation. */
export function htmlReport(sim: Simulation): string {
  const a = esc(sim.policyA);
  const b = esc(sim.policyB);
  const summary = sim.runs
    .map(
      (
        r,
      ) => `<tr><td>${r.at}</td><td>${n(r.a.eligible)}</td><td>${n(r.b.eligible)}</td><td>${n(r.changed)}</td>
      <td>${n(r.a.entriesNeeded.informal + r.a.entriesNeeded.formal)}</td><td>${n(r.b.entriesNeeded.informal + r.b.entriesNeeded.formal)}</td>
      <td>${n(r.a.withheld4M)}</td><td>${n(r.b.withheld4M)}</td><td>${usd(r.a.dutyUsd + r.a.feesUsd)}</td><td>${usd(r.b.dutyUsd + r.b.feesUsd)}</td></tr>`,
    )
    .join('\n');
  const eligibleChart = bars(
    sim.runs.flatMap((r) => [
      { label: `${r.at} ${sim.policyA}`, value: r.a.eligible, cls: 'a' },
      { label: `${r.at} ${sim.policyB}`, value: r.b.eligible, cls: 'b' },
    ]),
  );
  const sections = sim.runs.map((r) => {
    const changes = r.changes
      .slice(0, 20)
      .map(
        (c) =>
          `<tr><td>${esc(c.from)} → ${esc(c.to)}</td><td>${esc(c.reason)}</td><td>${n(c.count)}</td><td><code>${c.examples.map(esc).join(' ')}</code></td></tr>`,
      )
      .join('\n');
    return `<section><h2>Replayed at ${r.at} <small>(traffic of ${r.trafficDay})</small></h2>
<div class="grid"><div><h3>Status under ${a}</h3>${bars(statusBars(r.a))}</div><div><h3>Status under ${b}</h3>${bars(statusBars(r.b))}</div></div>
<h3>Filings whose outcome changes: ${n(r.changed)} of ${n(r.filings)}</h3>
<table><tr><th>${a} → ${b}</th><th>why (under ${b})</th><th>filings</th><th>examples</th></tr>${changes || '<tr><td colspan="4">none</td></tr>'}</table>
<div class="grid"><div><h3>Estimated duty by origin, ${b}</h3>${bars(top(r.b.dutyByOrigin), usd)}</div><div><h3>Estimated duty by HTS chapter, ${b}</h3>${bars(top(r.b.dutyByChapter), usd)}</div></div>
<div class="grid"><div><h3>Estimated duty and fees by component, ${b}</h3>${bars(top(r.b.dutyByKind), usd)}</div><div><h3>Components not computed, ${b}</h3>${bars(top(r.b.dutyNotComputedByKind))}</div></div>
<p class="note">Entries to file under ${b}: ${n(r.b.entriesNeeded.informal)} informal, ${n(r.b.entriesNeeded.formal)} formal. Duty ${usd(r.b.dutyUsd)}, fees ${usd(r.b.feesUsd)}; ${n(r.b.dutyNotComputed)} duty components could not be computed (a rate per unit without the quantity, a rate that refers to another line, a list not loaded), so the duty is a lower bound.</p></section>`;
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>minimis simulation: ${a} vs ${b}</title>
<style>body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1100px;color:#1c2430}h1{font-size:1.5rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}td,th{border-bottom:1px solid #dde3ea;padding:4px 8px;text-align:right}
td:first-child,th:first-child{text-align:left}.grid{display:grid;grid-template-columns:1fr 1fr;gap:1.5rem}
svg text{font-size:11px;fill:#1c2430}.a{fill:#3b6ea8}.b{fill:#d9822b}.s{fill:#5b8c5a}section{border-top:2px solid #dde3ea;margin-top:1.5rem}
.note{color:#526070}small{color:#526070;font-weight:normal}</style></head><body>
<h1>What if: <span style="color:#3b6ea8">${a}</span> vs <span style="color:#d9822b">${b}</span></h1>
<p class="note">Files: ${sim.files.map(esc).join(', ')}. The same filings are replayed under each policy, with every rule read at the date shown (days, arrivals and manifest order are the traffic's own). Duty estimates add, per line, the HTS general rate (ad valorem, specific per unit or compound), Section 301 (China), Section 232 and the IEEPA rate of the origin; postal items pay the postal IEEPA duty instead; each entry adds the merchandise processing fee. Rates come from the dated parameters and the loaded lists; components that cannot be computed are counted, never taken as zero.</p>
<table><tr><th>replayed at</th><th>eligible ${a}</th><th>eligible ${b}</th><th>changed</th><th>entries ${a}</th><th>entries ${b}</th><th>4M ${a}</th><th>4M ${b}</th><th>duty+fees ${a}</th><th>duty+fees ${b}</th></tr>${summary}</table>
<h3>Filings eligible for Section 321</h3>${eligibleChart}
${sections.join('\n')}
</body></html>
`;
}

function statusBars(s: PolicySide) {
  return Object.entries(s.byStatus)
    .sort((x, y) => y[1] - x[1])
    .map(([label, value]) => ({ label, value, cls: 's' }));
}

function top(m: Record<string, number>, k = 10) {
  return Object.entries(m)
    .sort((x, y) => y[1] - x[1])
    .slice(0, k)
    .map(([label, value]) => ({ label, value, cls: 'b' }));
}

function bars(rows: { label: string; value: number; cls: string }[], fmt: (x: number) => string = n): string {
  if (rows.length === 0) return '<p class="note">nothing to show</p>';
  const max = Math.max(...rows.map((r) => r.value), 1);
  const h = 20;
  const width = 520;
  const labelW = 190;
  const body = rows
    .map((r, i) => {
      const w = Math.max(1, ((width - labelW - 90) * r.value) / max);
      const y = i * h;
      return `<text x="0" y="${y + 14}">${esc(r.label)}</text><rect class="${r.cls}" x="${labelW}" y="${y + 3}" width="${w.toFixed(1)}" height="${h - 6}"/><text x="${labelW + w + 4}" y="${y + 14}">${fmt(r.value)}</text>`;
    })
    .join('');
  return `<svg role="img" width="${width}" height="${rows.length * h}" viewBox="0 0 ${width} ${rows.length * h}">${body}</svg>`;
}

const n = (x: number) => x.toLocaleString('en-US');
const usd = (x: number) => `$${x.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
const esc = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
