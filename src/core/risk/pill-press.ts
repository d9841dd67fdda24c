import type { FilingView } from './filing-view.js';
import type { RuleParams } from './rule-set.js';
import { strongest } from './strongest.js';
import { dottedHts, HtsPrefixTable, PhraseMatcher, quote } from './text.js';
import { bandRank, type Hit, type HitBand } from './types.js';

/**
 * Tablet presses, encapsulators, dies and punches (DEA Form 452 equipment, domain brief §7), by HTS
 * line and by wording. The wording is phrases and model patterns, never the bare word "press", so
 * that press-on nails, garlic presses and heat presses stay out.
 */
export interface CompiledPress {
  readonly lines: HtsPrefixTable<{ readonly band: HitBand; readonly label: string }>;
  readonly phrases: PhraseMatcher<string>;
  readonly patterns: readonly RegExp[];
  readonly notWith: PhraseMatcher<string>;
  readonly wording: RuleParams<'press-wording'>;
}

export function compilePress(
  htsParams: RuleParams<'press-hts'>,
  wording: RuleParams<'press-wording'>,
  patterns: readonly RegExp[],
): CompiledPress {
  return {
    lines: new HtsPrefixTable(
      htsParams.lines.map((l) => ({ hts: l.hts, value: { band: l.band, label: l.label } })),
    ),
    phrases: new PhraseMatcher(wording.phrases.map((p) => ({ phrase: p, value: p }))),
    patterns,
    notWith: new PhraseMatcher(wording.notWith.map((p) => ({ phrase: p, value: p }))),
    wording,
  };
}

export function pressHts(v: FilingView, c: CompiledPress): Hit {
  const hits: Hit[] = [];
  for (const l of v.lines) {
    const m = c.lines.get(l.digits);
    if (m === undefined) continue;
    hits.push({
      band: m.value.band,
      reason: `line ${l.index + 1} HTS ${l.hts} falls under ${dottedHts(m.prefix)} (${m.value.label})`,
      path: `/lines/${l.index}/hts`,
    });
  }
  return strongest(hits, 'no line under a tablet-press HTS line');
}

export function pressWording(v: FilingView, c: CompiledPress): Hit {
  const hits: Hit[] = [];
  for (const l of v.lines) {
    const found = matchWording(l.words, c);
    if (found === undefined) continue;
    const onPressLine = c.lines.get(l.digits) !== undefined;
    const band: HitBand = onPressLine ? c.wording.bandOnPressLine : c.wording.band;
    hits.push({
      band,
      reason:
        `line ${l.index + 1} description ${quote(l.description)} reads as press equipment ("${found}")` +
        (onPressLine ? ` under press HTS ${l.hts}` : ''),
      path: `/lines/${l.index}/description`,
    });
  }
  return strongest(hits, 'no tablet-press or encapsulator wording');
}

function matchWording(w: readonly string[], c: CompiledPress): string | undefined {
  if (c.notWith.find(w).length > 0) return undefined;
  const phrase = c.phrases.find(w)[0];
  if (phrase !== undefined) return phrase.value;
  if (c.patterns.length === 0) return undefined;
  const text = w.join(' ');
  for (const p of c.patterns) {
    const m = p.exec(text);
    if (m !== null) return m[0];
  }
  return undefined;
}

/** Bands never go down when the wording also sits on a press line; a config that says so is rejected. */
export function pressBandsConsistent(wording: RuleParams<'press-wording'>): boolean {
  return bandRank(wording.bandOnPressLine) >= bandRank(wording.band);
}
