/**
 * The values of a snapshot's pii fields, normalised for the personal-data
 * check (NFKC, case-folded, whitespace collapsed, as tokens). This is the one
 * place the check reads snapshot records. It costs what the distinct values
 * cost, not what the rows cost: text fields are read off their dictionary,
 * and the key column is not listed at all when its keys are plain
 * identifiers: a document's token is looked up in the key index as written,
 * in upper case and in lower case, which finds every key whose letters are
 * all of one case. Only keys that are not (mixed case, non-ASCII, several
 * words) are normalised into the map.
 */
import { keyIndexOf } from '../snapshots/columnar.js';
import type { FieldType } from '../config/schema.js';
import type { Snapshot } from '../snapshots/types.js';
import { normalisedTokens } from './normalise.js';
import { ROWS_PER_STEP, runSteps, type Steps } from '../steps.js';

/** Values shorter than this are too common to be identifying (and would match any page number). */
export const MIN_SCANNED_LENGTH = 4;

/** Key lengths are told apart up to this; longer ones share its slot. */
const MAX_LENGTH_SLOT = 255;

export interface PiiValue {
  field: string;
  key: string;
  keyIsPii: boolean;
  keyType: FieldType;
}

/** A snapshot's pii values, by normalised token or phrase (tokens joined by one space). */
export interface PersonalData {
  readonly empty: boolean;
  /** The record a one-token value comes from. */
  token(token: string): PiiValue | undefined;
  /** The lengths (in tokens, two or more) of the phrases that start with a token. */
  phraseLengths(first: string): readonly number[] | undefined;
  phrase(phrase: string): PiiValue | undefined;
}

interface Found {
  fieldIndex: number;
  row: number;
}

/**
 * Collects the pii values of a snapshot, leaving out those `allowed` (normalised phrases:
 * privacy.allow). A value in several fields or rows is reported from its first row.
 */
export function collectPersonalData(snapshot: Snapshot, allowed: ReadonlySet<string>): PersonalData {
  return runSteps(collectPersonalDataSteps(snapshot, allowed));
}

/** The same, as steps: the build collects while Chrome prints, pausing so that Chrome is answered. */
export function* collectPersonalDataSteps(snapshot: Snapshot, allowed: ReadonlySet<string>): Steps<PersonalData> {
  const byPhrase = new Map<string, Found>();
  const lengths = new Map<string, number[]>();
  const add = (raw: string, fieldIndex: number, row: number) => {
    if (raw.length < MIN_SCANNED_LENGTH) return;
    const tokens = normalisedTokens(raw);
    if (tokens.length === 0) return;
    const phrase = tokens.join(' ');
    if (allowed.has(phrase)) return;
    const known = byPhrase.get(phrase);
    if (known && known.row <= row) return;
    byPhrase.set(phrase, { fieldIndex, row });
    if (tokens.length > 1) {
      const first = lengths.get(tokens[0]!) ?? [];
      if (!first.includes(tokens.length)) lengths.set(tokens[0]!, [...first, tokens.length]);
    }
  };

  let keyByIndex = false;
  // The lengths plain keys come in (the last slot: that long or longer): a token of another length is no plain key.
  const keyLengths = new Uint8Array(MAX_LENGTH_SLOT + 1);
  for (const [i, field] of snapshot.fields.entries()) {
    if (!field.pii) continue;
    const column = snapshot.column(i);
    if (i === snapshot.keyIndex && column.kind === 'text') {
      keyByIndex = true;
      yield* unusualKeySteps(snapshot, (key, row) => add(key, i, row), keyLengths);
    } else if (column.kind === 'text') {
      const firstRow = new Int32Array(column.dictionary.length).fill(-1);
      const { codes } = column;
      for (let row = 0; row < codes.length; row++) {
        const code = codes[row]!;
        if (code >= 0 && firstRow[code] === -1) firstRow[code] = row;
      }
      column.dictionary.forEach((value, code) => add(value, i, firstRow[code]!));
    } else {
      for (const [value, row] of snapshot.distinct(i)) add(String(value), i, row);
    }
    yield;
  }

  const keyIsPii = snapshot.fields[snapshot.keyIndex]?.pii ?? false;
  const keyType = snapshot.fields[snapshot.keyIndex]?.type ?? 'string';
  const hit = (found: Found): PiiValue => ({ field: snapshot.fields[found.fieldIndex]!.name, key: snapshot.keyAt(found.row), keyIsPii, keyType });
  const keyRow = (token: string): number => {
    if (!keyByIndex || token.length < MIN_SCANNED_LENGTH || keyLengths[Math.min(token.length, MAX_LENGTH_SLOT)] === 0 || allowed.has(token)) return -1;
    const row = snapshot.rowOf(token);
    return row >= 0 ? row : snapshot.rowOf(token.toUpperCase());
  };
  return {
    empty: byPhrase.size === 0 && !keyByIndex,
    token(token) {
      const found = byPhrase.get(token);
      const row = keyRow(token);
      if (row >= 0 && (!found || row < found.row)) return hit({ fieldIndex: snapshot.keyIndex, row });
      return found ? hit(found) : undefined;
    },
    phraseLengths: (first) => lengths.get(first),
    phrase(phrase) {
      const found = byPhrase.get(phrase);
      return found ? hit(found) : undefined;
    },
  };
}

/**
 * The keys a look-up in the key index as written, upper- or lower-cased would miss: mixed case,
 * non-ASCII, not one token, or ending in punctuation the tokeniser trims. Plain ASCII keys are told
 * apart on their bytes, without making a string of each.
 */
function* unusualKeySteps(snapshot: Snapshot, visit: (key: string, row: number) => void, plainLengths: Uint8Array): Steps<void> {
  const keys = keyIndexOf(snapshot);
  if (!keys) {
    for (let row = 0; row < snapshot.size; row++) {
      if ((row & (ROWS_PER_STEP - 1)) === 0) yield;
      const key = snapshot.keyAt(row);
      plainLengths[Math.min(key.length, MAX_LENGTH_SLOT)] = 1;
      const tokens = normalisedTokens(key);
      if (tokens.length !== 1 || (tokens[0] !== key && tokens[0] !== key.toLowerCase()) || (key !== key.toUpperCase() && key !== key.toLowerCase())) visit(key, row);
    }
    return;
  }
  // The index's own arrays, read in steps of rows.
  const { bytes, starts, rows } = keys.toParts();
  for (let row = 0; row < rows; row++) {
    if ((row & (ROWS_PER_STEP - 1)) === 0) yield;
    const start = starts[row]!;
    const end = starts[row + 1]!;
    if (!isPlainKey(bytes, start, end)) visit(snapshot.keyAt(row), row);
    // A plain key is ASCII: its bytes are its characters.
    else plainLengths[Math.min(end - start, MAX_LENGTH_SLOT)] = 1;
  }
}

/** ASCII letters of one case, digits and _ . @ - inside, starting and ending with a letter or digit. */
function isPlainKey(bytes: Uint8Array, start: number, end: number): boolean {
  if (start === end || !isAlnum(bytes[start]!) || !isAlnum(bytes[end - 1]!)) return false;
  let upper = false;
  let lower = false;
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if (b >= 0x41 && b <= 0x5a) upper = true;
    else if (b >= 0x61 && b <= 0x7a) lower = true;
    else if (!(b >= 0x30 && b <= 0x39) && b !== 0x5f && b !== 0x2e && b !== 0x40 && b !== 0x2d) return false;
  }
  return !(upper && lower);
}

function isAlnum(b: number): boolean {
  return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
}
