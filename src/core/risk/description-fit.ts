import type { FilingView } from './filing-view.js';
import type { RuleParams } from './rule-set.js';
import { strongest } from './strongest.js';
import { PhraseMatcher, quote } from './text.js';
import type { Hit } from './types.js';

/**
 * A description that does not fit the HTS chapter it is filed under: the words of the description
 * point to groups of chapters (keyboards → 84/85) and none of them is the line's chapter. The telling
 * case is a chemical chapter carrying an everyday description ("computer keyboard" under 2933.37).
 * A description with no known word is not judged: unknown is not a mismatch.
 */
export interface CompiledDescriptionFit {
  readonly groups: PhraseMatcher<{ readonly label: string; readonly chapters: ReadonlySet<string> }>;
  readonly sensitive: ReadonlySet<string>;
  readonly params: RuleParams<'description-fit'>;
}

export function compileDescriptionFit(p: RuleParams<'description-fit'>): CompiledDescriptionFit {
  const entries = p.groups.flatMap((g) => {
    const value = { label: g.label, chapters: new Set(g.chapters) };
    return g.words.map((phrase) => ({ phrase, value }));
  });
  return { groups: new PhraseMatcher(entries), sensitive: new Set(p.sensitiveChapters), params: p };
}

export function descriptionFit(v: FilingView, c: CompiledDescriptionFit): Hit {
  const hits: Hit[] = [];
  for (const l of v.lines) {
    if (l.chapter.length < 2) continue;
    const found = c.groups.find(l.words);
    if (found.length === 0) continue;
    if (found.some((m) => m.value.chapters.has(l.chapter))) continue;
    const byLabel = new Map<string, string>();
    for (const m of found) if (!byLabel.has(m.value.label)) byLabel.set(m.value.label, m.phrase);
    const labels = [...byLabel].map(([label, phrase]) => `${label} ("${phrase}")`).join(', ');
    const sensitive = c.sensitive.has(l.chapter);
    hits.push({
      band: sensitive ? c.params.sensitiveBand : c.params.band,
      reason: `line ${l.index + 1} ${quote(l.description)} reads as ${labels}, but is filed under chapter ${l.chapter} (HTS ${l.hts})`,
      path: `/lines/${l.index}/description`,
    });
  }
  return strongest(hits, 'descriptions fit their HTS chapters (or name nothing known)');
}
