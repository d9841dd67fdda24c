import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Address } from '../filing/schema.js';
import { type GroupAssignment, normalizeAddress, normalizeName, PartyGrouper } from './index.js';

const home: Address = {
  line1: '123 Main Street',
  line2: 'Apt 4',
  city: 'Springfield',
  state: 'IL',
  postalCode: '62701',
  country: 'US',
};
const next: Address = { ...home, line2: 'Apt 5' };

function grouper() {
  const g = new PartyGrouper();
  const assign = (name: string, address: Address = home): GroupAssignment =>
    g.assign(normalizeName(name), normalizeAddress(address));
  return { g, assign };
}

describe('PartyGrouper', () => {
  it('starts a group keyed by the address and the first name', () => {
    const { assign } = grouper();
    expect(assign('John Smith')).toEqual({
      partyKey: 'US|62701|123 MAIN ST|4#JOHN SMITH',
      variant: 'JOHN SMITH',
      match: 'new-group',
      matched: '',
      reason: 'JOHN SMITH is the first name seen at this address',
    });
  });

  it('puts the spelling variants of one person at one address in one group and explains each', () => {
    const { assign } = grouper();
    const first = assign('John Smith');
    const variants: [string, Address, GroupAssignment['match'], string][] = [
      ['J. Smith', { ...home, line1: '123 MAIN ST #4', line2: '' }, 'initial', 'initial J of JOHN'],
      ['Mr. John Smith', { ...home, postalCode: '62701-1234' }, 'same-name', 'seen before'],
      ['Jöhn Smith', home, 'same-name', 'seen before'],
      ['SMITH, JOHN', { ...home, line1: '123 Main St. Unit 4', line2: '' }, 'same-name', 'seen before'],
      ['Jon Smith', home, 'spelling', 'JON and JOHN differ by one letter'],
      ['John Smyth', home, 'spelling', 'SMYTH and SMITH differ by one letter'],
      ['Johnny Smith', home, 'nickname', 'JOHNNY is a nickname of JOHN'],
    ];
    for (const [name, address, match, why] of variants) {
      const a = assign(name, address);
      expect(a.partyKey, name).toBe(first.partyKey);
      expect(a.match, name).toBe(match);
      expect(a.reason, name).toContain(why);
    }
    expect(assign('J. Smith').reason).toBe(
      'J SMITH is a name seen before at this address, grouped with JOHN SMITH ' +
        '(order, case, punctuation, accents and titles ignored)',
    );
  });

  it('gives the officer the sentence for a match', () => {
    const { assign } = grouper();
    assign('John Smith');
    expect(assign('J. Smith')).toEqual({
      partyKey: 'US|62701|123 MAIN ST|4#JOHN SMITH',
      variant: 'J SMITH',
      match: 'initial',
      matched: 'JOHN SMITH',
      reason: 'J SMITH matches JOHN SMITH at the same address: initial J of JOHN',
    });
  });

  it('keeps different people at one address apart and says why', () => {
    const { assign } = grouper();
    const john = assign('John Smith');
    const mary = assign('Mary Smith');
    const jane = assign('Jane Smith');
    const joan = assign('Joan Smith');
    const keys = new Set([john, mary, jane, joan].map((a) => a.partyKey));
    expect(keys.size).toBe(4);
    expect(mary.match).toBe('new-group');
    expect(mary.reason).toBe(
      'MARY SMITH starts a new consignee at this address: MARY and JOHN are different names (JOHN SMITH)',
    );
  });

  it('joins an initial to the earliest matching group, and never chains two people through it', () => {
    const a = grouper();
    const john = a.assign('John Smith');
    a.assign('Jane Smith');
    expect(a.assign('J. Smith').partyKey).toBe(john.partyKey);

    const b = grouper();
    const john2 = b.assign('John Smith');
    expect(b.assign('J Smith').partyKey).toBe(john2.partyKey);
    const jane = b.assign('Jane Smith');
    expect(jane.partyKey).not.toBe(john2.partyKey);
    expect(jane.reason).toContain('JANE and JOHN are different names');
  });

  it('never groups across addresses', () => {
    const { assign } = grouper();
    const a = assign('John Smith');
    const b = assign('John Smith', next);
    expect(b.partyKey).not.toBe(a.partyKey);
    expect(b.match).toBe('new-group');
    expect(assign('J. Smith', next).partyKey).toBe(b.partyKey);
  });

  it('groups organizations only by their name without legal form, or a typo in a long name', () => {
    const { assign } = grouper();
    const acme = assign('Acme Trading LLC');
    expect(assign('ACME TRADING, INC.')).toMatchObject({ partyKey: acme.partyKey, match: 'same-name' });
    expect(assign('Acme Tradng Co')).toMatchObject({ partyKey: acme.partyKey, match: 'spelling' });
    expect(assign('Acme Logistics').partyKey).not.toBe(acme.partyKey);
  });

  it('counts distinct variants', () => {
    const { g, assign } = grouper();
    assign('John Smith');
    assign('SMITH JOHN');
    assign('J Smith');
    assign('John Smith', next);
    expect(g.size).toBe(3);
  });

  it('restores remembered variants and then assigns as the original run did', () => {
    const names = [
      'John Smith',
      'J Smith',
      'Mary Smith',
      'M. Smith',
      'Jon Smith',
      'Jane Smith',
      'SMITH MARY',
    ];
    const original = grouper();
    const assigned = names.map((n) => original.assign(n));
    const restored = grouper();
    const addressKey = normalizeAddress(home).key;
    for (let i = 0; i < 3; i++)
      restored.g.restore(addressKey, normalizeName(names[i]!), assigned[i]!.partyKey);
    expect(restored.g.size).toBe(3);
    expect(restored.assign('J Smith')).toEqual(original.assign('J Smith'));
    expect(names.slice(3).map((n) => restored.assign(n).partyKey)).toEqual(
      assigned.slice(3).map((a) => a.partyKey),
    );
  });

  it('ignores a restore of a variant it already holds', () => {
    const { g, assign } = grouper();
    const a = assign('John Smith');
    g.restore(normalizeAddress(home).key, normalizeName('Smith John'), 'elsewhere');
    expect(assign('John Smith').partyKey).toBe(a.partyKey);
    expect(g.size).toBe(1);
  });

  it('property: deterministic, and a name keeps its group however often it comes back', () => {
    const pool = [
      'John Smith',
      'J. Smith',
      'Jane Smith',
      'Jon Smith',
      'Mary Smith',
      'M Smith',
      'Bill Jones',
      'William Jones',
      'Will Jones',
      'Acme Trading LLC',
      'Acme Tradng',
    ];
    const places = [home, next, { ...home, postalCode: '10001' }];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(pool.length - 1), fc.nat(places.length - 1)), { maxLength: 40 }),
        (calls) => {
          const run = () => {
            const { assign } = grouper();
            return calls.map(([n, p]) => assign(pool[n]!, places[p]!));
          };
          const first = run();
          expect(run()).toEqual(first);
          const groupOf = new Map<string, string>();
          calls.forEach(([n, p], i) => {
            const id = `${p}|${normalizeName(pool[n]!).key}`;
            const a = first[i]!;
            expect(a.partyKey.startsWith(`${normalizeAddress(places[p]!).key}#`)).toBe(true);
            expect(a.partyKey).toBe(groupOf.get(id) ?? a.partyKey);
            if (groupOf.has(id)) expect(a.match).toBe('same-name');
            groupOf.set(id, a.partyKey);
          });
        },
      ),
    );
  });

  it('property: two different given names with one surname never share a group, whatever the order', () => {
    const pool = [
      'John Smith',
      'Jane Smith',
      'J Smith',
      'Jon Smith',
      'Joan Smith',
      'J. Smith',
      'Johnny Smith',
      'Mary Smith',
      'M Smith',
    ];
    const people: Record<string, string> = {
      'JOHN SMITH': 'john',
      'JANE SMITH': 'jane',
      'JOAN SMITH': 'joan',
      'MARY SMITH': 'mary',
    };
    fc.assert(
      fc.property(fc.shuffledSubarray(pool), (order) => {
        const { assign } = grouper();
        const owner = new Map<string, string>();
        for (const name of order) {
          const a = assign(name);
          const person = people[normalizeName(name).key];
          if (person === undefined) continue;
          const known = owner.get(a.partyKey);
          expect(known === undefined || known === person, `${name} joined ${known}`).toBe(true);
          owner.set(a.partyKey, person);
        }
      }),
    );
  });
});
