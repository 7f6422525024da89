import type { FieldType } from '../config/schema.js';

/**
 * A typed value of a snapshot record. Dates are ISO `YYYY-MM-DD` strings, so
 * they compare and sort as text; an empty cell is `null`.
 */
export type Value = string | number | boolean | null;

/** A field as the pipeline uses it: defaults applied, position fixed. */
export interface FieldSpec {
  name: string;
  label: string;
  type: FieldType;
  /** Column or property name in the source file. */
  column: string;
  /** Date input formats (date-fns notation), tried in order. */
  formats: string[];
  /**
   * Number fields: the decimal separator the export uses. 'unstated' when the
   * definition says nothing and the file may be European (a semicolon-separated
   * CSV), so that a value such as 1.000, one thousand or one, is refused, not guessed.
   */
  decimal?: 'point' | 'comma' | 'unstated';
  /** Allowed values of an enum field. */
  values: string[] | undefined;
  required: boolean;
  pii: boolean;
}

/** A day number (days since 1970-01-01) standing for an empty date cell. */
export const NO_DAY = -2147483648;

/**
 * One field's values for every record, in row order, typed so that 7,000,000
 * records fit: text (string and enum fields) as codes into a dictionary of
 * its distinct values, dates as day numbers, numbers as doubles, booleans as
 * bytes. Each kind has its own "empty".
 */
export type Column = TextColumn | DayColumn | NumberColumn | BooleanColumn;

/** string and enum fields. */
export interface TextColumn {
  kind: 'text';
  /** Per row: index into `dictionary`, or -1 when empty. */
  codes: Int32Array;
  /** The distinct values, in the order first seen. */
  dictionary: readonly string[];
  /** Code of a value, or -1 when no record has it. */
  codeOf(value: string): number;
}

/** date fields. */
export interface DayColumn {
  kind: 'day';
  /** Per row: days since 1970-01-01 (UTC), or NO_DAY when empty. */
  days: Int32Array;
}

/** integer and number fields. */
export interface NumberColumn {
  kind: 'number';
  /** Per row: the number, or NaN when empty (values are always finite). */
  numbers: Float64Array;
}

/** boolean fields. */
export interface BooleanColumn {
  kind: 'boolean';
  /** Per row: 1 true, 0 false, -1 empty. */
  flags: Int8Array;
}

/**
 * One period's records, columnar. Rows are numbered 0..size-1 in file order;
 * every record has a distinct key (the key field's value as text).
 *
 * Read with keyAt/rowOf/valueAt; hot loops over millions of rows use
 * column(field) and its typed arrays. `records` is a convenience view for
 * small snapshots and tests: it builds a row's values on every access.
 */
export interface Snapshot {
  readonly period: string;
  /** Path of the file it was read from. */
  readonly file: string;
  /** Fields in the order of each record's values. */
  readonly fields: readonly FieldSpec[];
  /** Position of the key field in `fields`. */
  readonly keyIndex: number;
  /** Number of records. */
  readonly size: number;
  /** The key (as text) of a row. */
  keyAt(row: number): string;
  /** The row of a key, or -1. */
  rowOf(key: string): number;
  /** For each row of `other`, the row here with the same key, or -1: the join of two periods. */
  rowsMatching(other: Snapshot): Int32Array;
  /** A field's value in a row: the Value the loader typed. */
  valueAt(row: number, fieldIndex: number): Value;
  /** Every value of a row, in `fields` order (a new array). */
  recordAt(row: number): Value[];
  /** A field's typed column, for loops over every row. */
  column(fieldIndex: number): Column;
  /**
   * A field's distinct non-empty values, each with the first row that has
   * it, in the order first seen: the dictionary for text fields, so it costs
   * what the distinct values cost, not what the rows cost.
   */
  distinct(fieldIndex: number): Array<[Value, number]>;
  /** Records by key, in file order: a view that builds values on access (for small snapshots and tests). */
  readonly records: ReadonlyMap<string, Value[]>;
}
