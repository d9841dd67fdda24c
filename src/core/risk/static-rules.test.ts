import { describe, expect, it } from 'vitest';
import type { Filing, Line } from '../filing/schema.js';
import { aConsignee, aFiling, aLine } from '../validation/test-support/filing-builder.js';
import { staticRiskFacts } from './static-risk.js';
import { compiled, RATES } from './test-support/rule-set-fixture.js';
import type { RuleId } from './types.js';

const rules = compiled();

function outcome(rule: RuleId, f: Filing) {
  const o = staticRiskFacts(f, rules, RATES).outcomes.find((x) => x.rule === rule);
  if (o === undefined) throw new Error(`no outcome for ${rule}`);
  return o;
}
const oneLine = (line: Partial<Line>, rest: Partial<Filing> = {}): Filing =>
  aFiling({ lines: [aLine(line)], ...rest });
const bandOf = (rule: RuleId, f: Filing) => outcome(rule, f).band;

describe('precursor-hts', () => {
  it('fires on the line of a listed chemical, with its band', () => {
    const o = outcome('precursor-hts', oneLine({ hts: '2933.37.00.00', description: 'organic compound' }));
    expect(o).toMatchObject({ band: 'critical', path: '/lines/0/hts' });
    expect(o.reason).toContain('NPP');
    expect(bandOf('precursor-hts', oneLine({ hts: '2933.39.92.00' }))).toBe('medium');
  });

  it('does not fire on a neighbouring line', () => {
    expect(bandOf('precursor-hts', oneLine({ hts: '2933.31.00.00' }))).toBe('none');
    expect(bandOf('precursor-hts', oneLine({}))).toBe('none');
  });
});

describe('precursor-cas', () => {
  it('finds a listed CAS number in a description, in the CAS field and in a listing URL', () => {
    const inText = outcome('precursor-cas', oneLine({ description: 'computer keyboard, 79-03-8 inside' }));
    expect(inText).toMatchObject({ band: 'high', path: '/lines/0/description' });
    expect(inText.reason).toContain('propionyl chloride');
    expect(outcome('precursor-cas', oneLine({ cas: '39742-60-4' }))).toMatchObject({
      band: 'critical',
      path: '/lines/0/cas',
    });
    const listing = aFiling({
      marketplace: { name: 'shop', listingUrl: 'https://x.example/cas-40064-34-4-buy' },
    });
    expect(outcome('precursor-cas', listing)).toMatchObject({
      band: 'high',
      path: '/marketplace/listingUrl',
    });
  });

  it('names the misprint of a CAS number', () => {
    expect(outcome('precursor-cas', oneLine({ cas: '1609-66-5' })).reason).toContain('misprint of 1609-66-1');
  });

  it('ignores unlisted numbers, near misses and dates', () => {
    expect(bandOf('precursor-cas', oneLine({ description: 'part 79-03-9, made 2023-11-30' }))).toBe('none');
    expect(bandOf('precursor-cas', oneLine({ description: 'model 179-03-8x' }))).toBe('none');
    expect(bandOf('precursor-cas', oneLine({ cas: '67-64-1', description: 'acetone' }))).toBe('none');
  });
});

describe('precursor-name', () => {
  it('finds names and synonyms, and reports the salt', () => {
    const o = outcome(
      'precursor-name',
      oneLine({ description: '4-Piperidone hydrochloride monohydrate 98%' }),
    );
    expect(o.band).toBe('high');
    expect(o.reason).toContain('as a salt: hydrochloride');
    expect(bandOf('precursor-name', oneLine({ description: 'Piperidin-4-one' }))).toBe('high');
    expect(bandOf('precursor-name', oneLine({ description: '4piperidone' }))).toBe('high');
    expect(bandOf('precursor-name', oneLine({ description: 'N-Phenethyl-4-piperidone' }))).toBe('critical');
  });

  it('takes the longest name: NPP written out is not also 4-piperidone', () => {
    expect(
      outcome('precursor-name', oneLine({ description: 'N-phenethyl-4-piperidone' })).reason,
    ).not.toContain('(+');
  });

  it('does not fire on acetone, aniline leather, or an acronym outside a chemical context', () => {
    expect(bandOf('precursor-name', oneLine({ description: 'acetone nail polish remover' }))).toBe('none');
    expect(bandOf('precursor-name', oneLine({ description: 'aniline leather sofa cover' }))).toBe('none');
    expect(bandOf('precursor-name', oneLine({ hts: '8541.43.00.10', description: 'NPP solar panel' }))).toBe(
      'none',
    );
  });

  it('counts an acronym beside chemical wording or on a chemical line', () => {
    expect(bandOf('precursor-name', oneLine({ description: 'NPP powder, high purity' }))).toBe('critical');
    expect(bandOf('precursor-name', oneLine({ hts: '2933.39.92.00', description: 'NPP' }))).toBe('critical');
  });
});

describe('press-hts and press-wording', () => {
  it('fires on tablet-press wording, strongest on a press line', () => {
    const f = oneLine({ hts: '8479.89.95.99', description: 'TDP-5 single punch tablet press' });
    expect(bandOf('press-hts', f)).toBe('low');
    expect(bandOf('press-wording', f)).toBe('critical');
    expect(bandOf('press-wording', oneLine({ description: 'TDP 5 machine' }))).toBe('high');
    expect(bandOf('press-wording', oneLine({ description: 'capsule filling machine, 100 holes' }))).toBe(
      'high',
    );
    expect(bandOf('press-wording', oneLine({ description: 'machine parts: punch and die mould set' }))).toBe(
      'high',
    );
  });

  it('does not read "press" in press-on nails, garlic or heat presses as a pill press', () => {
    for (const d of [
      'press-on nails, 24 pcs',
      'garlic press, stainless',
      'heat press machine for t-shirts',
      'press',
    ])
      expect(bandOf('press-wording', oneLine({ description: d }))).toBe('none');
    expect(bandOf('press-wording', oneLine({ description: 'cutting die set for scrapbooking' }))).toBe(
      'none',
    );
    expect(bandOf('press-hts', oneLine({ hts: '8479.30.00.00' }))).toBe('none');
  });
});

describe('description-fit', () => {
  it('fires when the description reads as another chapter, high on a chemical chapter', () => {
    const o = outcome('description-fit', oneLine({ hts: '2933.37.00.00', description: 'computer keyboard' }));
    expect(o.band).toBe('high');
    expect(o.reason).toContain('chapter 29');
    expect(bandOf('description-fit', oneLine({ hts: '8471.60.20.00', description: 'cotton t-shirt' }))).toBe(
      'low',
    );
  });

  it('does not fire when the chapter fits or nothing known is named', () => {
    expect(bandOf('description-fit', oneLine({}))).toBe('none');
    expect(
      bandOf('description-fit', oneLine({ hts: '2933.37.00.00', description: 'organic intermediate' })),
    ).toBe('none');
  });
});

describe('weight-value', () => {
  it('fires when the value per kg is far below the chapter band', () => {
    const f = oneLine({ value: 2, weightKg: 80 }, { grossWeightKg: 80, declaredValue: 2 });
    expect(outcome('weight-value', f)).toMatchObject({ band: 'medium' });
  });

  it('does not fire on a plausible parcel', () => {
    expect(bandOf('weight-value', aFiling())).toBe('none');
  });

  it('flags line weights above the gross weight', () => {
    expect(outcome('weight-value', oneLine({ weightKg: 2 }, { grossWeightKg: 0.5 })).reason).toContain(
      'gross',
    );
  });
});

describe('cmra-address', () => {
  const at = (line1: string, line2?: string) =>
    aFiling({ consignee: aConsignee({ address: { line1, line2 } }) });

  it('fires on PMB, a box after a suite, an agency and a known address', () => {
    expect(outcome('cmra-address', at('1000 N West St Suite 1200', 'PMB 4521'))).toMatchObject({
      band: 'medium',
      path: '/consignee/address/line2',
    });
    expect(bandOf('cmra-address', at('8 The Green STE A PMB123'))).toBe('medium');
    expect(bandOf('cmra-address', at('1000 N West St Suite 1200 #4521'))).toBe('medium');
    expect(bandOf('cmra-address', at('The UPS Store', '55 Main St'))).toBe('medium');
    expect(
      bandOf(
        'cmra-address',
        aFiling({
          consignee: aConsignee({
            address: { line1: '16192 Coastal Hwy', line2: undefined, postalCode: '19958' },
          }),
        }),
      ),
    ).toBe('medium');
  });

  it('gives a bare "#" unit a low band and an apartment none', () => {
    expect(bandOf('cmra-address', at('2810 N Church St #123'))).toBe('low');
    expect(bandOf('cmra-address', at('123 Main Street', 'Apt 4'))).toBe('none');
  });
});

describe('residential-industrial', () => {
  it('fires on industrial goods to a person, one band higher when heavy', () => {
    expect(bandOf('residential-industrial', oneLine({ hts: '8479.89.95.99', weightKg: 3 }))).toBe('medium');
    expect(bandOf('residential-industrial', oneLine({ hts: '8479.89.95.99', weightKg: 30 }))).toBe('high');
  });

  it('does not fire for a company or for consumer goods', () => {
    const company = oneLine({ hts: '8479.89.95.99' }, { consignee: aConsignee({ name: 'Acme Pharma LLC' }) });
    expect(bandOf('residential-industrial', company)).toBe('none');
    expect(bandOf('residential-industrial', aFiling())).toBe('none');
  });
});

describe('staticRiskFacts', () => {
  it('is plain data: it survives structured cloning unchanged', () => {
    const s = staticRiskFacts(oneLine({ hts: '2933.37.00.00', cas: '39742-60-4' }), rules, RATES);
    expect(structuredClone(s)).toEqual(s);
  });

  it('leaves disabled rules out', () => {
    const rs = compiled();
    const off = compiled({
      ...rs.source,
      rules: { ...rs.source.rules, 'cmra-address': { ...rs.source.rules['cmra-address'], enabled: false } },
    });
    expect(staticRiskFacts(aFiling(), off, RATES).outcomes.map((o) => o.rule)).not.toContain('cmra-address');
  });
});
