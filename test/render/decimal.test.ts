import { describe, expect, it } from 'vitest';
import { formatDecimal } from '../../src/render/decimal.js';

/** What formatDecimal must equal: the Intl formatter it stands in for. */
const intl = (value: number, min: number, max: number) => new Intl.NumberFormat('en-US', { minimumFractionDigits: min, maximumFractionDigits: max }).format(value);

describe('formatDecimal writes figures as Intl.NumberFormat en-US does', () => {
  it('groups thousands and drops trailing zeros', () => {
    expect(formatDecimal(2572, 0, 2)).toBe('2,572');
    expect(formatDecimal(1234567.5, 0, 2)).toBe('1,234,567.5');
    expect(formatDecimal(999, 0, 2)).toBe('999');
    expect(formatDecimal(1000, 0, 3)).toBe('1,000');
  });

  it('keeps the decimals asked for, rounding halves of the shortest decimal form away from zero', () => {
    expect(formatDecimal(99.45, 1, 1)).toBe(intl(99.45, 1, 1));
    expect(formatDecimal(0.125, 2, 2)).toBe('0.13');
    expect(formatDecimal(1.005, 2, 2)).toBe('1.01');
    expect(formatDecimal(2.675, 2, 2)).toBe('2.68');
    expect(formatDecimal(50, 1, 1)).toBe('50.0');
  });

  it('writes a hyphen before negative values, −0 and negatives that round to zero', () => {
    for (const value of [-3, -1234.567, -0, -0.001]) expect(formatDecimal(value, 0, 2)).toBe(intl(value, 0, 2));
    expect(formatDecimal(-0.001, 0, 2)).toBe('-0');
  });

  it('agrees with Intl on halves, integers, fractions and large values at every precision used', () => {
    const values = [0, 1, 5, 10, 12.5, 0.5, 1.5, 2.5, 0.05, 0.15, 0.25, 0.35, 2.675, 1e6 + 0.005, 123456789.125, 2 ** 53, 9.999e20, 1e21, 3.2e25, Infinity, -Infinity, NaN];
    // A fixed sequence of awkward doubles: thirds, sevenths, percentages of odd wholes.
    for (let i = 1; i < 400; i++) values.push(i / 3, (i * 100) / 7, (i * 100) / 2572, i * 1234.5678, -(i / 9), i / 1000 + 0.0005, i * 0.005, 1e-7 * i);
    for (const [min, max] of [[0, 2], [0, 3], [0, 0], [1, 1], [2, 2], [4, 4]] as const) {
      for (const value of values) expect(formatDecimal(value, min, max), `${value} with ${min}-${max} decimals`).toBe(intl(value, min, max));
    }
  });
});
