/**
 * Turns one raw cell (text from CSV, a JSON/YAML scalar, an Excel value) into
 * a typed Value for its field, or says what is wrong with it. Pure: locations
 * are added by the caller.
 */
import { closest } from './did-you-mean.js';
import { format as formatDate } from 'date-fns';
import { isoDateUtc, readDate } from './dates.js';
import type { FieldSpec, Value } from './types.js';

export interface CoercionProblem {
  /** What is wrong, without the location. */
  message: string;
  /** What the field accepts, e.g. "a whole number like 1234". */
  expected: string;
  hint?: string;
}

export type Coercion = { value: Value } | { problem: CoercionProblem };

const EMPTY: Coercion = { value: null };
const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;
/** A European number: points (or nothing) between thousands, a comma before the decimals. */
export const EUROPEAN = /^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/;
/** Reads as a decimal (1.000 = 1) and as European thousands (1.000 = 1000) alike. */
export const POINT_OR_THOUSANDS = /^[+-]?\d{1,3}\.\d{3}$/;
const TRUE_WORDS = new Set(['true', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0']);
const THOUSANDS_HINT = 'remove the thousands separators';

/** Reads one raw cell as `field`'s type; empty is null unless the field is required. */
export function coerceValue(raw: unknown, field: FieldSpec): Coercion {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    return field.required ? problem(field, 'required value is missing') : EMPTY;
  }
  if (typeof raw === 'object' && !(raw instanceof Date)) {
    return problem(field, `${Array.isArray(raw) ? 'a list' : 'an object'} where a single value belongs`);
  }
  switch (field.type) {
    case 'string':
      return { value: text(raw) };
    case 'integer':
      return coerceInteger(raw, field);
    case 'number':
      return coerceNumber(raw, field);
    case 'boolean':
      return coerceBoolean(raw, field);
    case 'date':
      return coerceDate(raw, field);
    case 'enum':
      return coerceEnum(raw, field);
  }
}

/** What a field accepts, as the end of "expected ...". */
export function describeExpected(field: FieldSpec): string {
  switch (field.type) {
    case 'string':
      return 'a text';
    case 'integer':
      return 'a whole number like 1234';
    case 'number':
      return field.decimal === 'comma' ? 'a number like 1.234,5' : 'a number like 12.5';
    case 'boolean':
      return 'true/false, yes/no, y/n or 1/0';
    case 'date':
      // The example is written the way the first declared format writes dates.
      return `a date like ${exampleDate(field.formats[0])} (formats: ${field.formats.join(', ')})`;
    case 'enum':
      return `one of: ${(field.values ?? []).join(', ')}`;
  }
}

function coerceInteger(raw: unknown, field: FieldSpec): Coercion {
  if (typeof raw === 'number') {
    return Number.isSafeInteger(raw) ? { value: raw } : problem(field, 'not a whole number');
  }
  const written = text(raw);
  if (INTEGER.test(written)) {
    const value = Number(written);
    return Number.isSafeInteger(value) ? { value: value === 0 ? 0 : value } : problem(field, 'too large a number');
  }
  return problem(field, 'not a whole number', numberHint(written));
}

function coerceNumber(raw: unknown, field: FieldSpec): Coercion {
  if (typeof raw === 'number') return Number.isFinite(raw) ? { value: raw } : problem(field, 'not a finite number');
  const written = text(raw);
  if (field.decimal === 'comma') {
    if (!EUROPEAN.test(written)) return problem(field, 'not a number written with a decimal comma', DECIMAL.test(written) ? 'this field is set to decimal: comma; 12.5 is written 12,5 there' : undefined);
    return finiteNumber(written.replace(/\./g, '').replace(',', '.'), field);
  }
  if (field.decimal === 'unstated' && POINT_OR_THOUSANDS.test(written)) {
    return problem(
      field,
      'reads two ways in a semicolon-separated export: a decimal point, or a point between thousands as European exports write them',
      // The value itself is not repeated here: the loader shows it, masked when the field is personal data.
      'set decimal: point on the field (1.000 is then one) or decimal: comma (1.000 is then one thousand, and 12,5 twelve and a half)',
    );
  }
  if (DECIMAL.test(written)) return finiteNumber(written, field);
  return problem(field, 'not a number', numberHint(written));
}

function finiteNumber(written: string, field: FieldSpec): Coercion {
  const value = Number(written);
  return Number.isFinite(value) ? { value: value === 0 ? 0 : value } : problem(field, 'too large a number');
}

function numberHint(written: string): string | undefined {
  if (THOUSANDS.test(written)) return THOUSANDS_HINT;
  if (DECIMAL_COMMA.test(written)) return 'use a point as the decimal separator';
  return undefined;
}

function coerceBoolean(raw: unknown, field: FieldSpec): Coercion {
  if (typeof raw === 'boolean') return { value: raw };
  const word = text(raw).toLowerCase();
  if (TRUE_WORDS.has(word)) return { value: true };
  if (FALSE_WORDS.has(word)) return { value: false };
  return problem(field, 'not a yes/no value');
}

function coerceDate(raw: unknown, field: FieldSpec): Coercion {
  if (raw instanceof Date) {
    return Number.isNaN(raw.getTime()) ? problem(field, 'not a date') : { value: isoDateUtc(raw) };
  }
  if (typeof raw === 'number') {
    return problem(field, 'a number where a date belongs', 'if this is a spreadsheet cell, format the column as a date');
  }
  const written = text(raw);
  const reading = readDate(written, field.formats);
  if ('iso' in reading) return { value: reading.iso };
  // US exports write 5/31/2024; say where that format goes rather than only that the value is wrong.
  const usDate = /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(written) && !field.formats.some((format) => format.includes('/'));
  return problem(field, reading.error, usDate ? `if the file writes dates as month/day/year, add M/d/yyyy to snapshots.fields.${field.name}.formats` : undefined);
}

function coerceEnum(raw: unknown, field: FieldSpec): Coercion {
  const written = text(raw);
  const allowed = field.values ?? [];
  if (allowed.includes(written)) return { value: written };
  // The same text in another Unicode spelling ("í" as one character in the
  // export, "i" and a combining accent in a config typed on a Mac) is the same
  // value: it counts as the config's spelling, so no figure depends on the keyboard.
  const composed = written.normalize('NFC');
  const same = allowed.find((value) => value.normalize('NFC') === composed);
  if (same !== undefined) return { value: same };
  const lower = written.toLowerCase();
  const sameButCase = allowed.find((value) => value.toLowerCase() === lower);
  if (sameButCase !== undefined) {
    return problem(field, 'not one of the allowed values', `did you mean "${sameButCase}"? Values are case-sensitive`);
  }
  const near = closest(written, allowed);
  return problem(field, 'not one of the allowed values', near === undefined ? undefined : `did you mean "${near}"?`);
}

/** The text of a scalar, trimmed: cells are often padded. */
function text(raw: unknown): string {
  if (typeof raw === 'string') return raw.trim();
  if (raw instanceof Date) return isoDateUtc(raw);
  return String(raw);
}

function problem(field: FieldSpec, message: string, hint?: string): Coercion {
  const found: CoercionProblem = { message, expected: describeExpected(field) };
  if (hint !== undefined) found.hint = hint;
  return { problem: found };
}

/** May 31, 2024 in `pattern` (date-fns), or in ISO form when the pattern cannot write it. */
function exampleDate(pattern: string | undefined): string {
  try {
    return pattern ? formatDate(new Date(2024, 4, 31), pattern) : '2024-05-31';
  } catch {
    return '2024-05-31';
  }
}
