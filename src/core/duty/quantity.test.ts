import { describe, expect, it } from 'vitest';
import { quantityIn } from './quantity.js';

const amount = (r: ReturnType<typeof quantityIn>) => (r.ok ? r.amount : Number.NaN);

describe('quantityIn: a line quantity in the unit of a specific rate', () => {
  it('converts within a dimension', () => {
    expect(amount(quantityIn('doz.', { quantity: 24, unit: 'PCS' }))).toBe(2);
    expect(amount(quantityIn('each', { quantity: 2, unit: 'doz.' }))).toBe(24);
    expect(amount(quantityIn('gross', { quantity: 288, unit: 'No.' }))).toBe(2);
    expect(amount(quantityIn('thousand', { quantity: 500, unit: 'pcs' }))).toBe(0.5);
    expect(amount(quantityIn('kg', { quantity: 500, unit: 'g' }))).toBe(0.5);
    expect(amount(quantityIn('t', { quantity: 2500, unit: 'KG' }))).toBe(2.5);
    expect(amount(quantityIn('liter', { quantity: 2, unit: 'm3' }))).toBe(2000);
    expect(amount(quantityIn('pair', { quantity: 3, unit: 'PRS' }))).toBe(3);
    expect(amount(quantityIn('pair', { quantity: 1, unit: 'DPR' }))).toBe(12);
    expect(amount(quantityIn('m2', { quantity: 4, unit: 'm²' }))).toBe(4);
  });

  it('a mass rate falls back to the declared weight, and says so', () => {
    const r = quantityIn('kg', { quantity: 3, unit: 'PCS', weightKg: 1.25 });
    expect(r).toEqual({ ok: true, amount: 1.25, how: 'declared weight 1.25 kg' });
    expect(amount(quantityIn('t', { quantity: 3, unit: 'PCS', weightKg: 500 }))).toBe(0.5);
  });

  it('never crosses dimensions and explains what is missing', () => {
    const r = quantityIn('kg', { quantity: 3, unit: 'PCS' });
    expect(r).toMatchObject({ ok: false });
    expect(r.ok ? '' : r.why).toContain('3 PCS and no declared weight');
    expect(quantityIn('pair', { quantity: 2, unit: 'PCS' }).ok).toBe(false);
    expect(quantityIn('each', { quantity: 2, unit: 'SET' }).ok).toBe(false);
    expect(quantityIn('liter', { quantity: 2, unit: 'KG', weightKg: 2 }).ok).toBe(false);
    expect(quantityIn('each', {}).ok).toBe(false);
    expect(quantityIn('each', { quantity: -1, unit: 'PCS' }).ok).toBe(false);
  });

  it('units that need facts a filing lacks are never converted', () => {
    expect(quantityIn('proof liter', { quantity: 1, unit: 'L' })).toMatchObject({ ok: false });
    expect(quantityIn('jewel', { quantity: 1, unit: 'PCS' })).toMatchObject({ ok: false });
  });
});
