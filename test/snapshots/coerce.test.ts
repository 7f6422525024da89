import { describe, expect, it } from 'vitest';
import { coerceValue } from '../../src/snapshots/coerce.js';
import { field } from './helpers.js';

const text = field('name', 'string');
const count = field('count', 'integer');
const amount = field('amount', 'number');
const flag = field('detained', 'boolean');
const released = field('releaseDate', 'date', { formats: ['yyyy-MM-dd', 'M/d/yyyy'] });
const status = field('status', 'enum', { values: ['Detained', 'Released', 'Removed'] });

describe('empty values', () => {
  it('reads an empty cell, null and undefined as null', () => {
    for (const raw of ['', '   ', null, undefined]) expect(coerceValue(raw, count)).toEqual({ value: null });
  });

  it('rejects an empty value in a required field', () => {
    expect(coerceValue(' ', field('name', 'string', { required: true }))).toEqual({
      problem: { message: 'required value is missing', expected: 'a text' },
    });
  });
});

describe('string', () => {
  it('trims text and turns numbers and booleans into text', () => {
    expect(coerceValue('  Maria Lopez ', text)).toEqual({ value: 'Maria Lopez' });
    expect(coerceValue(12345678, text)).toEqual({ value: '12345678' });
    expect(coerceValue(false, text)).toEqual({ value: 'false' });
  });

  it('rejects a list or an object', () => {
    expect(coerceValue(['a'], text)).toEqual({
      problem: { message: 'a list where a single value belongs', expected: 'a text' },
    });
    expect(coerceValue({ a: 1 }, text)).toEqual({
      problem: { message: 'an object where a single value belongs', expected: 'a text' },
    });
  });
});

describe('integer', () => {
  it('reads digits with an optional sign', () => {
    expect(coerceValue('42', count)).toEqual({ value: 42 });
    expect(coerceValue(' -7 ', count)).toEqual({ value: -7 });
    expect(coerceValue('+5', count)).toEqual({ value: 5 });
    expect(coerceValue('007', count)).toEqual({ value: 7 });
  });

  it('accepts a whole JS number', () => {
    expect(coerceValue(12, count)).toEqual({ value: 12 });
  });

  it('rejects thousands separators with a hint', () => {
    expect(coerceValue('1,234', count)).toEqual({
      problem: { message: 'not a whole number', expected: 'a whole number like 1234', hint: 'remove the thousands separators' },
    });
  });

  it('rejects decimals, even .0', () => {
    expect(coerceValue('12.0', count)).toEqual({ problem: { message: 'not a whole number', expected: 'a whole number like 1234' } });
    expect(coerceValue(12.5, count)).toEqual({ problem: { message: 'not a whole number', expected: 'a whole number like 1234' } });
  });

  it('rejects numbers beyond exact integer range', () => {
    expect(coerceValue('99999999999999999999', count)).toEqual({
      problem: { message: 'too large a number', expected: 'a whole number like 1234' },
    });
  });
});

describe('number', () => {
  it('reads decimals and exponents', () => {
    expect(coerceValue('12.5', amount)).toEqual({ value: 12.5 });
    expect(coerceValue('-.5', amount)).toEqual({ value: -0.5 });
    expect(coerceValue('1.5e3', amount)).toEqual({ value: 1500 });
    expect(coerceValue(7.25, amount)).toEqual({ value: 7.25 });
  });

  it('rejects thousands separators with a hint', () => {
    expect(coerceValue('1,234.50', amount)).toEqual({
      problem: { message: 'not a number', expected: 'a number like 12.5', hint: 'remove the thousands separators' },
    });
  });

  it('rejects a decimal comma with a hint', () => {
    expect(coerceValue('12,5', amount)).toEqual({
      problem: { message: 'not a number', expected: 'a number like 12.5', hint: 'use a point as the decimal separator' },
    });
  });

  it('rejects currency and words', () => {
    expect(coerceValue('$500', amount)).toEqual({ problem: { message: 'not a number', expected: 'a number like 12.5' } });
  });
});

describe('number, by the export\'s decimal separator', () => {
  const european = field('amount', 'number', { decimal: 'comma' });
  const unstated = field('amount', 'number', { decimal: 'unstated' });

  it('reads a decimal comma and points between thousands when the field says decimal: comma', () => {
    expect(coerceValue('12,5', european)).toEqual({ value: 12.5 });
    expect(coerceValue('1.234,56', european)).toEqual({ value: 1234.56 });
    expect(coerceValue('1.000', european)).toEqual({ value: 1000 });
    expect(coerceValue('-2.500.000', european)).toEqual({ value: -2500000 });
    expect(coerceValue('750', european)).toEqual({ value: 750 });
  });

  it('refuses a decimal point in a decimal-comma field, and points that do not group thousands', () => {
    expect(coerceValue('12.5', european)).toEqual({
      problem: { message: 'not a number written with a decimal comma', expected: 'a number like 1.234,5', hint: 'this field is set to decimal: comma; 12.5 is written 12,5 there' },
    });
    expect(coerceValue('12.34,5', european)).toEqual({ problem: { message: 'not a number written with a decimal comma', expected: 'a number like 1.234,5' } });
  });

  it('refuses a value that reads two ways when the export may be European and the field does not say', () => {
    const found = coerceValue('1.000', unstated);
    expect('problem' in found && found.problem.message).toBe(
      'reads two ways in a semicolon-separated export: a decimal point, or a point between thousands as European exports write them',
    );
    expect('problem' in found && found.problem.hint).toMatch(/^set decimal: point .* or decimal: comma /);
    // Only the ambiguous shape: other decimals read as written.
    expect(coerceValue('12.5', unstated)).toEqual({ value: 12.5 });
    expect(coerceValue('1.2345', unstated)).toEqual({ value: 1.2345 });
    expect(coerceValue('1000', unstated)).toEqual({ value: 1000 });
  });

  it('reads 1.000 as one when the field says decimal: point', () => {
    expect(coerceValue('1.000', field('amount', 'number', { decimal: 'point' }))).toEqual({ value: 1 });
  });
});

describe('boolean', () => {
  it('reads true/false, yes/no, y/n and 1/0 in any case', () => {
    for (const word of ['true', 'YES', 'y', '1', 'True']) expect(coerceValue(word, flag)).toEqual({ value: true });
    for (const word of ['false', 'No', 'N', '0']) expect(coerceValue(word, flag)).toEqual({ value: false });
  });

  it('accepts JS booleans and the numbers 1 and 0', () => {
    expect(coerceValue(true, flag)).toEqual({ value: true });
    expect(coerceValue(0, flag)).toEqual({ value: false });
  });

  it('rejects anything else', () => {
    expect(coerceValue('maybe', flag)).toEqual({
      problem: { message: 'not a yes/no value', expected: 'true/false, yes/no, y/n or 1/0' },
    });
  });
});

describe('date', () => {
  const expected = 'a date like 2024-05-31 (formats: yyyy-MM-dd, M/d/yyyy)';

  it('reads ISO dates', () => {
    expect(coerceValue('2024-05-31', released)).toEqual({ value: '2024-05-31' });
    expect(coerceValue('2024-02-29', released)).toEqual({ value: '2024-02-29' });
  });

  it('reads the other formats, with or without leading zeros, as ISO', () => {
    expect(coerceValue('5/31/2024', released)).toEqual({ value: '2024-05-31' });
    expect(coerceValue('05/01/2024', released)).toEqual({ value: '2024-05-01' });
  });

  it('reads month names in any case', () => {
    expect(coerceValue('31 may 2024', field('d', 'date', { formats: ['d MMM yyyy'] }))).toEqual({ value: '2024-05-31' });
  });

  it('calls a well-formed but impossible date "not a calendar date"', () => {
    for (const raw of ['2024-02-30', '2023-02-29', '2024-13-01', '2/30/2024']) {
      expect(coerceValue(raw, released)).toEqual({ problem: { message: 'not a calendar date', expected } });
    }
  });

  it('calls anything else "not a date"', () => {
    for (const raw of ['31.05.2024', 'May 31', '2024-5-31x']) {
      expect(coerceValue(raw, released)).toEqual({ problem: { message: 'not a date', expected } });
    }
  });

  it('does not read a two-digit year as a four-digit one', () => {
    expect(coerceValue('5/31/24', released)).toEqual({ problem: { message: 'not a date', expected } });
  });

  it('reads an ISO date only when yyyy-MM-dd is one of the formats', () => {
    expect(coerceValue('2024-05-31', field('d', 'date', { formats: ['M/d/yyyy'] }))).toEqual({
      problem: { message: 'not a date', expected: 'a date like 5/31/2024 (formats: M/d/yyyy)' },
    });
  });

  it('takes a JS Date as its UTC day, as Excel gives them', () => {
    expect(coerceValue(new Date(Date.UTC(2024, 4, 31)), released)).toEqual({ value: '2024-05-31' });
  });

  it('rejects a number, suggesting a date format for spreadsheet cells', () => {
    expect(coerceValue(45443, released)).toEqual({
      problem: { message: 'a number where a date belongs', expected, hint: 'if this is a spreadsheet cell, format the column as a date' },
    });
  });
});

describe('enum', () => {
  const expected = 'one of: Detained, Released, Removed';

  it('accepts an allowed value exactly', () => {
    expect(coerceValue(' Released ', status)).toEqual({ value: 'Released' });
  });

  it('rejects a different case, suggesting the allowed spelling', () => {
    expect(coerceValue('released', status)).toEqual({
      problem: { message: 'not one of the allowed values', expected, hint: 'did you mean "Released"? Values are case-sensitive' },
    });
  });

  it('suggests a near value for a typo', () => {
    expect(coerceValue('Relased', status)).toEqual({
      problem: { message: 'not one of the allowed values', expected, hint: 'did you mean "Released"?' },
    });
  });

  it('gives no suggestion when nothing is close', () => {
    expect(coerceValue('Paroled', status)).toEqual({ problem: { message: 'not one of the allowed values', expected } });
  });
});
