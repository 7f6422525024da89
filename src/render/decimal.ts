/**
 * Figures written as en-US does ("12,345.68"), without Intl.NumberFormat:
 * the first Intl formatter a process makes loads ICU's number data, 30-80 ms
 * of a one-report build that has nothing else for ICU to do. The result is
 * the one Intl.NumberFormat('en-US') gives (test/render/decimal.test.ts
 * compares them): like ICU, the number's shortest decimal form (what String
 * gives: 1.005, not the double's exact 1.00499…) rounded half away from
 * zero, then groups of three joined by commas.
 */

/** `value` with `min` to `max` decimals, grouped; a hyphen before negative values and −0, as Intl writes them. */
export function formatDecimal(value: number, min: number, max: number): string {
  // Intl writes ∞ and NaN its own way; past 1e21 nothing here is a count.
  if (!Number.isFinite(value) || Math.abs(value) >= 1e21) return intl(min, max).format(value);
  const negative = value < 0 || Object.is(value, -0);
  const { whole, digits } = rounded(Math.abs(value), max);
  // Trailing zeros go, down to the decimals asked for.
  let end = digits.length;
  while (end > min && digits[end - 1] === '0') end--;
  const fraction = digits.slice(0, end);
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return (negative ? '-' : '') + grouped + (fraction === '' ? '' : '.' + fraction);
}

/** A non-negative value's shortest decimal digits rounded (half up) to `max` decimals: the whole part and exactly `max` decimals. */
function rounded(value: number, max: number): { whole: string; digits: string } {
  // "2.675e+0": the shortest digits that read back as this double, and where the point goes.
  const [mantissa, exponent] = value.toExponential().split('e') as [string, string];
  let digits = mantissa.replace('.', '');
  let point = Number(exponent) + 1;
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  }
  digits = digits.padEnd(point + max, '0');
  const keep = point + max;
  let kept = digits.slice(0, keep);
  if (digits.length > keep && digits[keep]! >= '5') {
    kept = addOne(kept);
    if (kept.length > keep) point++;
  }
  return { whole: kept.slice(0, point).replace(/^0+(?=\d)/, ''), digits: kept.slice(point) };
}

/** "0999" → "1000", "999" → "1000". */
function addOne(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === '9') i--;
  if (i < 0) return '1' + '0'.repeat(digits.length);
  return digits.slice(0, i) + String(Number(digits[i]) + 1) + '0'.repeat(digits.length - i - 1);
}

let fallback: Map<string, Intl.NumberFormat> | undefined;

function intl(min: number, max: number): Intl.NumberFormat {
  fallback ??= new Map();
  const key = `${min}-${max}`;
  let format = fallback.get(key);
  if (!format) fallback.set(key, (format = new Intl.NumberFormat('en-US', { minimumFractionDigits: min, maximumFractionDigits: max })));
  return format;
}
