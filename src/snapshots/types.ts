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
  /** Allowed values of an enum field. */
  values: string[] | undefined;
  required: boolean;
  pii: boolean;
}

/** One period's records, keyed by the key field's value (as text). */
export interface Snapshot {
  period: string;
  /** Path of the file it was read from. */
  file: string;
  /** Fields in the order of each record's values. */
  fields: readonly FieldSpec[];
  /** Position of the key field in `fields`. */
  keyIndex: number;
  /** Record values in `fields` order, by key. Insertion order is file order. */
  records: Map<string, Value[]>;
}
