/**
 * The raw values of a snapshot's pii fields, for the personal-data check, read
 * off the columnar snapshot without listing them: a value is looked up in the
 * key index or in a text field's dictionary, and the record it is reported
 * from is the first that has it. Building this costs one pass over each pii
 * text field's codes, not a string and a map entry per record.
 */
import { keyIndexOf } from '../snapshots/columnar.js';
import type { Snapshot } from '../snapshots/types.js';

/** Values shorter than this are too common to be identifying (and would match any page number). */
export const MIN_SCANNED_LENGTH = 4;

export interface PiiValue {
  field: string;
  key: string;
  keyIsPii: boolean;
}

/** A read-only set of pii values, each with where it first appears. */
export interface PiiValues {
  /** How many (field, value) pairs there are; a value in two fields counts twice. */
  readonly size: number;
  get(value: string): PiiValue | undefined;
  has(value: string): boolean;
}

/** One field's values: the first row of a value, or -1. */
type FirstRow = (value: string) => number;

export function piiValues(snapshot: Snapshot): { values: PiiValues; multiToken: Array<[string, PiiValue]> } {
  const keyIsPii = snapshot.fields[snapshot.keyIndex]?.pii ?? false;
  const piiFields = snapshot.fields.flatMap((f, i) => (f.pii ? [i] : []));
  let size = 0;
  const lookups: FirstRow[] = [];
  const candidates: string[] = [];
  for (const i of piiFields) {
    const column = snapshot.column(i);
    if (i === snapshot.keyIndex && column.kind === 'text') {
      lookups.push((value) => snapshot.rowOf(value));
      size += snapshot.size;
      candidates.push(...multiTokenKeys(snapshot));
    } else if (column.kind === 'text') {
      const firstRow = new Int32Array(column.dictionary.length).fill(-1);
      const { codes } = column;
      for (let row = 0; row < codes.length; row++) {
        const code = codes[row]!;
        if (code >= 0 && firstRow[code] === -1) firstRow[code] = row;
      }
      lookups.push((value) => {
        const code = column.codeOf(value);
        return code < 0 ? -1 : firstRow[code]!;
      });
      size += column.dictionary.length;
      for (const value of column.dictionary) if (!SINGLE_TOKEN.test(value)) candidates.push(value);
    } else {
      const rows = new Map(snapshot.distinct(i).map(([value, row]) => [String(value), row]));
      lookups.push((value) => rows.get(value) ?? -1);
      size += rows.size;
      for (const value of rows.keys()) if (!SINGLE_TOKEN.test(value)) candidates.push(value);
    }
  }
  const get = (value: string): PiiValue | undefined => {
    if (value.length < MIN_SCANNED_LENGTH) return undefined;
    let best = -1;
    let bestField = -1;
    lookups.forEach((firstRow, position) => {
      const row = firstRow(value);
      if (row >= 0 && (best < 0 || row < best)) {
        best = row;
        bestField = position;
      }
    });
    return best < 0 ? undefined : { field: snapshot.fields[piiFields[bestField]!]!.name, key: snapshot.keyAt(best), keyIsPii };
  };
  const values: PiiValues = { size, get, has: (value) => get(value) !== undefined };
  // In the order the records have them, the order the check reports them in.
  const multiToken = [...new Set(candidates)]
    .flatMap((value) => {
      const hit = get(value);
      return hit ? [{ value, hit, row: snapshot.rowOf(hit.key) }] : [];
    })
    .sort((a, b) => a.row - b.row)
    .map(({ value, hit }): [string, PiiValue] => [value, hit]);
  return { values, multiToken };
}

export const SINGLE_TOKEN = /^[\p{L}\p{N}][\p{L}\p{N}_.@-]*$/u;

/** Keys that are not one token; plain ASCII keys are told apart on their bytes. */
function multiTokenKeys(snapshot: Snapshot): string[] {
  const found: string[] = [];
  const keys = keyIndexOf(snapshot);
  if (!keys) {
    for (let row = 0; row < snapshot.size; row++) if (!SINGLE_TOKEN.test(snapshot.keyAt(row))) found.push(snapshot.keyAt(row));
    return found;
  }
  keys.forEachKeyBytes((bytes, start, end, row) => {
    if (!isAsciiToken(bytes, start, end)) {
      const key = snapshot.keyAt(row);
      if (!SINGLE_TOKEN.test(key)) found.push(key);
    }
    return true;
  });
  return found;
}

/** An ASCII letter or digit, then letters, digits and _ . @ - (false also for any non-ASCII byte). */
function isAsciiToken(bytes: Uint8Array, start: number, end: number): boolean {
  if (start === end || !isAlnum(bytes[start]!)) return false;
  for (let i = start + 1; i < end; i++) {
    const b = bytes[i]!;
    if (!isAlnum(b) && b !== 0x5f && b !== 0x2e && b !== 0x40 && b !== 0x2d) return false;
  }
  return true;
}

function isAlnum(b: number): boolean {
  return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
}
