import { checkConsigneeDay, type DayMember, mayExceed } from '../aggregation/index.js';
import type { Decision, Message } from '../decision/index.js';
import type { FilingKind, Mode } from '../filing/schema.js';
import { type Finding, finding, fixFor, isReject } from '../findings/index.js';
import { type GroupAssignment, normalizeName, PartyGrouper } from '../identity/index.js';
import {
  type AggregationRule,
  type Eligibility,
  isExcluded,
  type Policy,
  type ShipmentFacts,
} from '../policy/index.js';
import { easternDay } from '../time/index.js';
import type { Prepared, PreparedArrival, PreparedCancellation, PreparedFiling } from './prepared.js';
import type { ConveyanceRow, FilingStateRow, ScreenSink, ScreenSnapshot } from './sink.js';
import {
  type FilingRisk,
  learnedText,
  NO_RISK,
  type StoredRisk,
  type Targeting,
  TargetingState,
} from './targeting.js';

/** The engine's own mutable record of a filing's current version (never handed out). */
interface FilingState extends DayMember {
  id: string;
  version: number;
  seq: number;
  kind: FilingKind;
  mode: Mode;
  filer: string;
  broker: string | null;
  conveyanceId: string;
  filedAt: string;
  filedAtMs: number;
  edaDay: string | null;
  valueCents: number;
  convertible: boolean;
  partyKey: string | null;
  variant: string | null;
  match: string | null;
  reason: string | null;
  findings: readonly Finding[];
  rejected: boolean;
  cancelled: boolean;
  hashes: number[];
  /** Provisional day total through this filing at filing time. */
  provisionalCents: number;
  /** Set by the definitive check. */
  arrivedAtMs: number;
  runningCents: number;
  overLimit: boolean;
  /** Fingerprint of the last decision emitted, to write only changes. */
  lastDecision: string;
  facts: ShipmentFacts | null;
  /** Eligibility at `eligAtMs` (the arrival, or the filing before it), evaluated when first needed. */
  elig: Eligibility | null;
  eligAtMs: number;
  /** Targeting's lane and rule results for this version; null when targeting is off. */
  risk: FilingRisk | null;
}

interface Arrived {
  readonly row: ConveyanceRow;
  readonly day: string;
}

const NO_FINDINGS: readonly Finding[] = Object.freeze([]);
/** The policy has no eligibility rules (the aggregation-only policy): every claim stands. */
const ELIGIBLE: Eligibility = Object.freeze({ outcome: 'eligible', steps: Object.freeze([]) });

const STATUS_CODE: Partial<Record<Decision['status'], string>> = { released: '1C', withheld: '4M' };
/** Lanes that hold a shipment at arrival, and the code the decision leads with. */
const HOLD_CODE: Partial<Record<string, string>> = {
  yellow: 'HOLD_DOCUMENTS',
  red: 'HOLD_EXAM',
  'do-not-load': 'DO_NOT_LOAD',
};

/**
 * The stateful stage: versions, arrivals, consignee groups and the $800 check. Deterministic:
 * the same sequence of prepared records gives the same effects, however it is split into batches.
 * No I/O: effects go to the sink passed to `apply`.
 */
export class Screener {
  private readonly filings = new Map<string, FilingState>();
  private readonly arrivals = new Map<string, Arrived>();
  private readonly onConveyance = new Map<string, Set<FilingState>>();
  private readonly dayMembers = new Map<string, Set<FilingState>>();
  private readonly provisional = new Map<string, number>();
  private readonly grouper = new PartyGrouper();
  private readonly strings = new Map<string, string>();
  private readonly eligibilities = new Map<string, Eligibility>();
  private nextSeq = 1;
  private readonly policyLabel: string;
  private readonly targeting: TargetingState | undefined;

  /** `targeting` scores each filing and assigns its lane; without it decisions carry no lane. */
  constructor(
    private readonly policy: Policy,
    targeting?: Targeting,
  ) {
    this.policyLabel = `${policy.name}@${policy.version}`;
    this.targeting = targeting === undefined ? undefined : new TargetingState(targeting);
  }

  /** Number of distinct filings held. */
  get size(): number {
    return this.filings.size;
  }

  /** Rebuilds the state from a store without emitting anything. */
  restore(snapshot: ScreenSnapshot): void {
    for (const v of snapshot.variants) this.grouper.restore(v.addressKey, normalizeName(v.raw), v.partyKey);
    for (const c of snapshot.conveyances)
      this.arrivals.set(c.conveyanceId, { row: c, day: easternDay(c.arrivedAtMs) });
    const touched = new Set<string>();
    for (const row of snapshot.filings) {
      const st = this.fromRow(row);
      this.filings.set(st.id, st);
      if (st.seq >= this.nextSeq) this.nextSeq = st.seq + 1;
      if (st.risk !== null) this.targeting?.restore(st.id, st.version, st.risk);
      if (st.cancelled) continue;
      this.link(st, touched);
    }
    // Restored decisions are already stored; recompute only to rebuild running totals.
    for (const key of touched) this.recompute(key, undefined);
    for (const st of this.filings.values()) st.lastDecision = this.fingerprint(st);
  }

  /** Applies one prepared record, sending its effects to `sink`. */
  apply(p: Prepared, sink: ScreenSink): void {
    switch (p.type) {
      case 'filing':
      case 'amendment':
        this.applyFiling(p, sink);
        return;
      case 'arrival':
        this.applyArrival(p, sink);
        return;
      case 'cancellation':
        this.applyCancellation(p, sink);
        return;
      case 'invalid':
        for (const f of p.findings) sink.ingestFinding({ ...f, line: p.line, filingId: p.id ?? null });
        return;
    }
  }

  private rule(st: { arrivedAtMs: number; filedAtMs: number }): AggregationRule {
    return this.policy.aggregation(st.arrivedAtMs > 0 ? st.arrivedAtMs : st.filedAtMs);
  }

  private counted(st: FilingState): boolean {
    return (
      !st.rejected &&
      !st.cancelled &&
      st.convertible &&
      st.partyKey !== null &&
      !isExcluded(this.rule(st), st.kind, st.mode) &&
      this.eligibility(st).outcome === 'eligible'
    );
  }

  /**
   * Section 321 eligibility under the policy at the shipment's instant: its arrival, or its filing
   * while it has not arrived. Kept per filing until that instant changes.
   */
  private eligibility(st: FilingState): Eligibility {
    const at = st.arrivedAtMs > 0 ? st.arrivedAtMs : st.filedAtMs;
    if (st.elig !== null && st.eligAtMs === at) return st.elig;
    const e =
      this.policy.eligibility === undefined || st.facts === null
        ? ELIGIBLE
        : this.internEligibility(this.policy.eligibility(st.facts, at));
    st.elig = e;
    st.eligAtMs = at;
    return e;
  }

  /**
   * Most filings reach the same few rule chains (same rules, values and citations), so each filing keeps
   * a shared one instead of its own copy: at national volume that is most of a filing's memory.
   */
  private internEligibility(e: Eligibility): Eligibility {
    let key = `${e.outcome}|${e.code ?? ''}|${e.aceCode ?? ''}`;
    for (const st of e.steps)
      key += `|${st.rule}|${st.result}|${st.detail}|${st.since ?? ''}|${st.parameter ?? ''}|${st.citation}`;
    const hit = this.eligibilities.get(key);
    if (hit !== undefined) return hit;
    if (this.eligibilities.size < 100_000) this.eligibilities.set(key, e);
    return e;
  }

  private dayOf(st: FilingState): string {
    const a = this.arrivals.get(st.conveyanceId);
    if (a !== undefined) return a.day;
    return st.edaDay ?? easternDay(st.filedAtMs);
  }

  private applyFiling(p: PreparedFiling, sink: ScreenSink): void {
    const existing = this.filings.get(p.id);
    if (existing !== undefined) {
      if (p.version <= existing.version) {
        if (existing.hashes[p.version - 1] === p.hash) return; // the same version again: idempotent
        const code = p.version === existing.version ? 'VERSION_CONFLICT' : 'VERSION_NOT_HIGHER';
        sink.ingestFinding({
          ...finding(code, '/version', `filing ${p.id} is at version ${existing.version}, got ${p.version}`),
          line: p.line,
          filingId: p.id,
        });
        return;
      }
      const touched = new Set<string>();
      this.unlink(existing, touched);
      const previousRisk = existing.risk;
      this.load(existing, p, []);
      existing.risk = previousRisk;
      existing.hashes[p.version - 1] = p.hash;
      this.admit(existing, p, sink, touched);
      return;
    }
    const extra = p.type === 'amendment' ? [finding('AMENDMENT_UNKNOWN_FILING', '/id', p.id)] : [];
    const st = this.load(this.blank(p.id), p, extra);
    st.seq = this.nextSeq++;
    st.hashes[p.version - 1] = p.hash;
    this.filings.set(st.id, st);
    this.admit(st, p, sink, new Set());
  }

  /** Screens a new version at filing time: late filing, grouping, the provisional check. */
  private admit(st: FilingState, p: PreparedFiling, sink: ScreenSink, touched: Set<string>): void {
    sink.filingVersion({ id: p.id, version: p.version, seq: st.seq, line: p.line, body: p.body });
    const arrived = this.arrivals.get(st.conveyanceId);
    if (arrived !== undefined && st.filedAtMs > arrived.row.arrivedAtMs) {
      const late = st.kind === 'type86' ? 'FILED_AFTER_ARRIVAL' : 'FILED_AFTER_ARRIVAL_WARN';
      st.findings = [
        ...st.findings,
        finding(late, '/filedAt', `${st.filedAt} after ${arrived.row.arrivedAt}`),
      ];
    }
    st.rejected = st.findings.some((f) => f.severity === 'reject');
    if (this.targeting !== undefined && p.risk !== undefined) {
      const day = st.edaDay ?? easternDay(st.filedAtMs);
      st.risk = this.targeting.assess(p.risk, day, st.risk, !st.rejected);
    }
    if (!st.rejected) {
      const a = this.grouper.assign(p.consigneeName, p.consigneeAddress);
      this.setParty(st, a);
      if (a.match === 'new-group' || a.match !== 'same-name') {
        sink.variant({
          addressKey: p.consigneeAddress.key,
          nameKey: a.variant,
          raw: p.consigneeName.raw,
          partyKey: a.partyKey,
          match: a.match,
          reason: a.reason,
        });
      }
    }
    if (this.counted(st)) {
      const key = `${st.partyKey}|${this.dayOf(st)}`;
      const before = this.provisional.get(key) ?? 0;
      const rule = this.rule(st);
      st.provisionalCents = before + st.valueCents;
      if (
        arrived === undefined &&
        rule.atFiling === 'warn' &&
        mayExceed(before, st.valueCents, rule.thresholdCents)
      ) {
        st.findings = [
          ...st.findings,
          finding(
            'AGG_MAY_EXCEED',
            '/consignee',
            `${usd(st.provisionalCents)} to ${st.variant} on ${this.dayOf(st)} (estimated), limit ${usd(rule.thresholdCents)}`,
          ),
        ];
      }
    }
    this.link(st, touched);
    this.emit(st, sink, true);
    this.notifyFiling(st, sink);
    for (const key of touched) this.recompute(key, sink);
  }

  private applyArrival(p: PreparedArrival, sink: ScreenSink): void {
    const known = this.arrivals.get(p.conveyanceId);
    if (known !== undefined) {
      if (known.row.arrivedAtMs !== p.arrivedAtMs) {
        sink.ingestFinding({
          ...finding(
            'ARRIVAL_CONFLICT',
            '/arrivedAt',
            `${p.conveyanceId} arrived ${known.row.arrivedAt}, now ${p.arrivedAt}`,
          ),
          line: p.line,
          filingId: null,
        });
      }
      return;
    }
    const row: ConveyanceRow = {
      conveyanceId: p.conveyanceId,
      arrivedAt: p.arrivedAt,
      arrivedAtMs: p.arrivedAtMs,
      port: p.port,
    };
    sink.conveyance(row);
    const members = [...(this.onConveyance.get(p.conveyanceId) ?? [])];
    const touched = new Set<string>();
    for (const st of members) this.unlink(st, touched);
    this.onConveyance.delete(p.conveyanceId);
    this.arrivals.set(p.conveyanceId, { row, day: easternDay(p.arrivedAtMs) });
    for (const st of members) {
      this.link(st, touched);
      if (!this.counted(st)) this.emit(st, sink);
    }
    for (const key of touched) this.recompute(key, sink);
  }

  private applyCancellation(p: PreparedCancellation, sink: ScreenSink): void {
    const st = this.filings.get(p.id);
    const fail = (code: 'CANCEL_UNKNOWN_FILING' | 'CANCEL_VERSION_MISMATCH', detail: string) =>
      sink.ingestFinding({ ...finding(code, '/version', detail), line: p.line, filingId: p.id });
    if (st === undefined) {
      fail('CANCEL_UNKNOWN_FILING', p.id);
      return;
    }
    if (st.cancelled) return;
    if (p.version < st.version) {
      fail('CANCEL_VERSION_MISMATCH', `current version is ${st.version}, got ${p.version}`);
      return;
    }
    const touched = new Set<string>();
    this.unlink(st, touched);
    st.cancelled = true;
    this.emit(st, sink, true);
    this.message(st, sink, 'CANCELLED', `Filing ${st.id} version ${st.version} is cancelled.`);
    for (const key of touched) this.recompute(key, sink);
  }

  /** Adds a filing to its conveyance, provisional total and (when arrived) its consignee-day. */
  private link(st: FilingState, touched: Set<string>): void {
    const arrived = this.arrivals.get(st.conveyanceId);
    // Only filings still waiting for their conveyance need to be found by it.
    if (arrived === undefined)
      getOrCreate(this.onConveyance, st.conveyanceId, () => new Set<FilingState>()).add(st);
    st.arrivedAtMs = arrived === undefined ? 0 : arrived.row.arrivedAtMs;
    if (!this.counted(st)) return;
    const key = `${st.partyKey}|${this.dayOf(st)}`;
    this.provisional.set(key, (this.provisional.get(key) ?? 0) + st.valueCents);
    if (arrived === undefined) return;
    getOrCreate(this.dayMembers, key, () => new Set<FilingState>()).add(st);
    touched.add(key);
  }

  private unlink(st: FilingState, touched: Set<string>): void {
    this.onConveyance.get(st.conveyanceId)?.delete(st);
    if (!this.counted(st)) return;
    const key = `${st.partyKey}|${this.dayOf(st)}`;
    const left = (this.provisional.get(key) ?? 0) - st.valueCents;
    if (left === 0) this.provisional.delete(key);
    else this.provisional.set(key, left);
    const day = this.dayMembers.get(key);
    if (day?.delete(st)) {
      if (day.size === 0) this.dayMembers.delete(key);
      touched.add(key);
    }
    st.overLimit = false;
    st.runningCents = 0;
  }

  /** The definitive check for one consignee-day; emits the decisions that changed. */
  private recompute(key: string, sink: ScreenSink | undefined): void {
    const day = this.dayMembers.get(key);
    if (day === undefined) return;
    const members = [...day];
    const first = members[0];
    if (first === undefined) return;
    const outcomes = checkConsigneeDay(members, this.rule(first).thresholdCents);
    const byId = new Map(members.map((m) => [m.id, m]));
    for (const o of outcomes) {
      const st = byId.get(o.id)!;
      const wasWithheld = st.overLimit && this.rule(st).atArrival === 'withhold';
      st.runningCents = o.runningCents;
      st.overLimit = o.overLimit;
      if (sink === undefined) continue;
      this.emit(st, sink);
      const isWithheld = this.status(st) === 'withheld';
      if (isWithheld && !wasWithheld) {
        this.message(
          st,
          sink,
          '4M',
          `Withhold entry release – de minimis met: ${st.variant} reached ${usd(st.runningCents)} on ${this.dayOf(st)} ` +
            `(limit ${usd(this.rule(st).thresholdCents)}). File a formal or informal entry, or abandon, export or return the goods.`,
        );
      } else if (wasWithheld && !isWithheld) {
        this.message(
          st,
          sink,
          '1C',
          `Released after correction: the consignee-day total is now within the limit.`,
        );
      }
    }
  }

  /** When the filing's latest event happened: its arrival, or its filing when later or not yet arrived. */
  private decidedAt(st: FilingState): string {
    const a = this.arrivals.get(st.conveyanceId);
    return a === undefined || st.filedAtMs > a.row.arrivedAtMs ? st.filedAt : a.row.arrivedAt;
  }

  private status(st: FilingState): Decision['status'] {
    if (st.cancelled) return 'cancelled';
    if (st.rejected) return 'rejected';
    if (this.eligibility(st).outcome === 'ineligible') return 'rejected';
    if (st.arrivedAtMs === 0) return 'accepted';
    if (st.overLimit && this.counted(st) && this.rule(st).atArrival === 'withhold') return 'withheld';
    if (st.risk !== null && HOLD_CODE[st.risk.lane] !== undefined) return 'held';
    return 'released';
  }

  private fingerprint(st: FilingState): string {
    const e = this.eligibility(st);
    return `${st.version}|${this.status(st)}|${st.runningCents}|${st.findings.length}|${e.code ?? ''}|${st.risk?.lane ?? ''}`;
  }

  /**
   * Sends the current decision of a filing when it changed. The state row changes only with a new
   * version or a cancellation (arrivals live in their own table), so it is written only then.
   */
  private emit(st: FilingState, sink: ScreenSink, stateChanged = false): void {
    if (stateChanged) sink.filingState(this.toRow(st));
    const fp = this.fingerprint(st);
    if (fp === st.lastDecision) return;
    const wasIneligible = st.lastDecision.includes('|rejected|');
    const wasHeld = st.lastDecision.includes('|held|');
    st.lastDecision = fp;
    const d = this.decision(st);
    sink.decision(d);
    // The filer hears that the goods are held and what to do, never the targeting reasons.
    if (d.status === 'held' && !wasHeld)
      this.message(
        st,
        sink,
        d.codes[0] ?? 'HELD',
        st.risk?.lane === 'yellow'
          ? `Filing ${st.id} v${st.version} held at arrival: documents required (commercial invoice, proof of value, product description). Answer the document request to have it released.`
          : `Filing ${st.id} v${st.version} held at arrival for examination by CBP. The goods stay in custody until the examination is complete.`,
      );
    // A claim the policy refuses (at filing, or at arrival when the rules changed in between) is
    // a rejection the filer and broker must hear of: the goods need a formal or informal entry.
    const e = this.eligibility(st);
    if (!st.rejected && !st.cancelled && e.outcome === 'ineligible' && !wasIneligible) {
      const why = e.steps.at(-1);
      this.message(
        st,
        sink,
        'REJECTED',
        `Filing ${st.id} v${st.version} not eligible for Section 321 (${e.aceCode ?? e.code}): ${why?.detail ?? ''} [${why?.citation ?? ''}]. File a formal or informal entry.`,
      );
    }
  }

  /** The decision record of a filing's current version. */
  private decision(st: FilingState): Decision {
    const status = this.status(st);
    const codes: string[] = [];
    const head = status === 'held' ? HOLD_CODE[st.risk?.lane ?? ''] : STATUS_CODE[status];
    if (head !== undefined) codes.push(head);
    if (st.risk?.lane === 'do-not-load' && !codes.includes('DO_NOT_LOAD')) codes.push('DO_NOT_LOAD');
    for (const f of st.findings) {
      const c = f.aceCode ?? f.code;
      if (!codes.includes(c)) codes.push(c);
    }
    const elig = this.eligibility(st);
    if (elig.code !== undefined) {
      const c = elig.aceCode ?? elig.code;
      if (!codes.includes(c)) codes.push(c);
    }
    const rule = this.rule(st);
    const arrived = st.arrivedAtMs > 0;
    const counted = this.counted(st);
    const definitive = arrived && counted;
    return {
      filingId: st.id,
      version: st.version,
      status,
      codes,
      findings: st.findings as Decision['findings'],
      party:
        st.partyKey === null
          ? null
          : {
              key: st.partyKey,
              variant: st.variant ?? '',
              match: st.match ?? '',
              reason: st.reason ?? '',
              day: this.dayOf(st),
              dayBasis: arrived ? 'actual-arrival' : 'estimated-arrival',
              totalUsd: (definitive ? st.runningCents : st.provisionalCents) / 100,
              limitUsd: rule.thresholdCents / 100,
            },
      valueUsd: st.convertible ? st.valueCents / 100 : null,
      kind: st.kind,
      mode: st.mode,
      filer: st.filer,
      broker: st.broker,
      conveyanceId: st.conveyanceId,
      arrivedAt: this.arrivals.get(st.conveyanceId)?.row.arrivedAt ?? null,
      lane: st.risk === null ? 'unassigned' : st.risk.lane,
      risk: st.risk === null ? NO_RISK : st.risk.outcome,
      eligibility: {
        outcome: elig.outcome,
        code: elig.code ?? null,
        at: st.eligAtMs > 0 ? new Date(st.eligAtMs).toISOString() : null,
        rules: elig.steps as Decision['eligibility']['rules'],
      },
      policy: this.policyLabel,
      decidedAt: this.decidedAt(st),
    };
  }

  /** Tells the filer and broker about rejections and warnings at filing time. */
  private notifyFiling(st: FilingState, sink: ScreenSink): void {
    if (st.risk?.lane === 'do-not-load' && !st.rejected)
      this.message(
        st,
        sink,
        'DO_NOT_LOAD',
        `Filing ${st.id} v${st.version}: do not load. The shipment may not be laden for the United States until CBP resolves it.`,
      );
    if (st.findings.length === 0) return;
    const list = st.findings.map((f) => `${f.aceCode ?? f.code} ${f.path}: ${f.message}`).join('; ');
    if (st.rejected) {
      // A rejection says what to do about each reason, once per kind of finding.
      const fixes = [...new Set(st.findings.filter(isReject).map((f) => fixFor(f.code)))].join(' ');
      this.message(
        st,
        sink,
        'REJECTED',
        `Filing ${st.id} v${st.version} rejected: ${list}. To fix: ${fixes}`,
      );
      return;
    }
    const agg = st.findings.find((f) => f.code === 'AGG_MAY_EXCEED');
    if (agg !== undefined) this.message(st, sink, 'AGG_MAY_EXCEED', `Filing ${st.id}: ${agg.message}`);
    if (st.findings.length > (agg === undefined ? 0 : 1))
      this.message(st, sink, 'WARNING', `Filing ${st.id} v${st.version} accepted with warnings: ${list}`);
  }

  private message(st: FilingState, sink: ScreenSink, code: string, text: string): void {
    const base = { filingId: st.id, version: st.version, code, text, at: this.decidedAt(st) };
    const m: Message = { ...base, role: 'filer', recipient: st.filer };
    sink.message(m);
    if (st.broker !== null && st.broker !== st.filer)
      sink.message({ ...base, role: 'broker', recipient: st.broker });
  }

  private setParty(st: FilingState, a: GroupAssignment): void {
    st.partyKey = a.partyKey;
    st.variant = a.variant;
    st.match = a.match;
    st.reason = a.reason;
  }

  private blank(id: string): FilingState {
    return {
      id,
      version: 0,
      seq: 0,
      kind: 'type86',
      mode: 'air',
      filer: '',
      broker: null,
      conveyanceId: '',
      filedAt: '',
      filedAtMs: 0,
      edaDay: null,
      valueCents: 0,
      convertible: false,
      partyKey: null,
      variant: null,
      match: null,
      reason: null,
      findings: [],
      rejected: false,
      cancelled: false,
      hashes: [],
      provisionalCents: 0,
      arrivedAtMs: 0,
      runningCents: 0,
      overLimit: false,
      lastDecision: '',
      facts: null,
      elig: null,
      eligAtMs: 0,
      risk: null,
    };
  }

  /** Copies a prepared version into the state (the engine's own object; the input is not touched). */
  private load(st: FilingState, p: PreparedFiling, extra: readonly Finding[]): FilingState {
    st.version = p.version;
    st.kind = this.intern(p.kind) as FilingKind;
    st.mode = this.intern(p.mode) as Mode;
    st.filer = this.intern(p.filer);
    st.broker = p.broker === null ? null : this.intern(p.broker);
    st.conveyanceId = this.intern(p.conveyanceId);
    st.filedAt = p.filedAt;
    st.filedAtMs = Number.isNaN(p.filedAtMs) ? 0 : p.filedAtMs;
    st.edaDay = p.edaDay === undefined ? null : this.intern(p.edaDay);
    st.convertible = p.valueCents !== null;
    st.valueCents = p.valueCents ?? 0;
    const findings = extra.length === 0 ? p.findings : [...p.findings, ...extra];
    st.findings = findings.length === 0 ? NO_FINDINGS : findings;
    st.partyKey = null;
    st.variant = null;
    st.match = null;
    st.reason = null;
    st.cancelled = false;
    st.provisionalCents = 0;
    st.facts = p.facts;
    st.elig = null;
    return st;
  }

  /**
   * Filings arrive from worker threads as copies, so the same filer code or conveyance id would be
   * held once per filing; keeping one copy bounds memory at national volume.
   */
  private intern(text: string): string {
    const hit = this.strings.get(text);
    if (hit !== undefined) return hit;
    if (this.strings.size < 1_000_000) this.strings.set(text, text);
    return text;
  }

  private toRow(st: FilingState): FilingStateRow {
    return {
      id: st.id,
      version: st.version,
      seq: st.seq,
      kind: st.kind,
      mode: st.mode,
      filer: st.filer,
      broker: st.broker,
      conveyanceId: st.conveyanceId,
      filedAt: st.filedAt,
      filedAtMs: st.filedAtMs,
      edaDay: st.edaDay,
      valueCents: st.convertible ? st.valueCents : null,
      partyKey: st.partyKey,
      variant: st.variant,
      match: st.match,
      reason: st.reason,
      provisionalCents: st.provisionalCents,
      rejected: st.rejected,
      cancelled: st.cancelled,
      findings: st.findings,
      hashes: st.hashes,
      facts: st.facts,
      risk: st.risk === null ? null : { lane: st.risk.lane, learned: st.risk.learned },
    };
  }

  private fromRow(r: FilingStateRow): FilingState {
    const st = this.blank(r.id);
    Object.assign(st, {
      version: r.version,
      seq: r.seq,
      kind: this.intern(r.kind) as FilingKind,
      mode: this.intern(r.mode) as Mode,
      filer: this.intern(r.filer),
      broker: r.broker === null ? null : this.intern(r.broker),
      conveyanceId: this.intern(r.conveyanceId),
      filedAt: r.filedAt,
      filedAtMs: r.filedAtMs,
      edaDay: r.edaDay === null ? null : this.intern(r.edaDay),
      convertible: r.valueCents !== null,
      valueCents: r.valueCents ?? 0,
      partyKey: r.partyKey === null ? null : this.intern(r.partyKey),
      variant: r.variant === null ? null : this.intern(r.variant),
      match: r.match === null ? null : this.intern(r.match),
      reason: r.reason === null ? null : this.intern(r.reason),
      provisionalCents: r.provisionalCents,
      rejected: r.rejected,
      cancelled: r.cancelled,
      findings: r.findings.length === 0 ? NO_FINDINGS : r.findings,
      hashes: [...r.hashes],
      facts: r.facts,
      risk: r.risk == null ? null : restoredRisk(r.risk),
    });
    return st;
  }
}

/** A stored risk with the rule results of its decision; without them the lane still holds. */
function restoredRisk(r: StoredRisk): FilingRisk {
  return {
    lane: r.lane,
    learned: learnedText(r.learned),
    outcome: r.outcome ?? { ...NO_RISK, reasons: ['rule results not found in the store'] },
  };
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}

function usd(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`;
}
