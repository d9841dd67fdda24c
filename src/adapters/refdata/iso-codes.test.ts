import { describe, expect, it } from 'vitest';
import { countryCodes, currencyCodes } from './iso-codes.js';

describe('ISO code lists', () => {
  it('lists the ISO 3166-1 alpha-2 countries and Kosovo, once each', () => {
    const c = countryCodes();
    expect(c.length).toBeGreaterThanOrEqual(249);
    expect(new Set(c).size).toBe(c.length);
    for (const code of ['US', 'CN', 'HK', 'PR', 'GU', 'DE', 'XK']) expect(c, code).toContain(code);
    expect(c).not.toContain('UK');
  });

  it('lists the ISO 4217 currencies a price can be in', () => {
    const c = currencyCodes();
    for (const code of ['USD', 'EUR', 'CNY', 'JPY', 'XOF', 'XAF', 'BDT']) expect(c, code).toContain(code);
    for (const code of ['XXX', 'XTS', 'XAU', 'RMB']) expect(c, code).not.toContain(code);
  });
});
