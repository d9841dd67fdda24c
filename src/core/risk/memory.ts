import type { CompiledRuleSet } from './compile.js';
import { RollingDistinct } from './rolling.js';
import type { StaticRisk } from './static-risk.js';
import { ValueSketch } from './value-sketch.js';

/**
 * The bounded state the stateful rules read and learn (main thread, one per rule set): consignees
 * per delivery point and delivery points per consignee over rolling windows of days, the shippers and
 * sellers seen so far (least recently seen forgotten past a cap), and a value-per-kg sketch per HTS
 * heading. It learns only through `observe`, so scoring the same filings in the same order gives the
 * same results.
 */
export class RiskMemory {
  readonly consigneesPerAddress: RollingDistinct;
  readonly addressesPerConsignee: RollingDistinct;
  private readonly parties = new Map<string, number>();
  private readonly maxParties: number;
  private readonly baselines = new Map<string, ValueSketch>();
  private readonly halfLife: number;
  /** Filings observed. */
  filings = 0;

  constructor(rules: CompiledRuleSet) {
    const a = rules.params('consignees-per-address');
    const c = rules.params('addresses-per-consignee');
    this.consigneesPerAddress = new RollingDistinct(a.windowDays, a.maxKeys);
    this.addressesPerConsignee = new RollingDistinct(c.windowDays, c.maxKeys);
    this.maxParties = rules.params('first-seen-party').maxParties;
    this.halfLife = rules.params('undervaluation').halfLifeSamples;
  }

  /** The day a party (country|name key) was first seen, or undefined. */
  partySeen(key: string): number | undefined {
    return this.parties.get(key);
  }

  get partyCount(): number {
    return this.parties.size;
  }

  baseline(heading: string): ValueSketch | undefined {
    return this.baselines.get(heading);
  }

  get headings(): number {
    return this.baselines.size;
  }

  /** Learns from one scored filing; `day` is whole days since 1970-01-01. */
  observe(s: StaticRisk, day: number): void {
    this.filings++;
    const k = s.keys;
    this.consigneesPerAddress.add(k.addressKey, k.consigneeKey, day);
    this.addressesPerConsignee.add(k.consigneeKey, k.addressKey, day);
    for (const p of k.parties) {
      const key = partyKey(p);
      const first = this.parties.get(key);
      if (first !== undefined) this.parties.delete(key);
      // Re-inserted at the end: the first key in the map is the least recently seen party.
      this.parties.set(key, first ?? day);
      if (this.parties.size > this.maxParties)
        this.parties.delete(this.parties.keys().next().value as string);
    }
    for (const sample of k.samples) {
      let sketch = this.baselines.get(sample.heading);
      if (sketch === undefined) {
        sketch = new ValueSketch();
        this.baselines.set(sample.heading, sketch);
      }
      sketch.add(sample.perKg);
      if (sketch.count >= this.halfLife) sketch.scale(0.5);
    }
  }
}

export const partyKey = (p: { country: string; nameKey: string }): string => `${p.country}|${p.nameKey}`;
