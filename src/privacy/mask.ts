/**
 * Masking of fields marked `pii`, to what Fed. R. Civ. P. 5.2(a) lets a filing
 * show: of a date (of birth), the year; of an identifier (booking, account or
 * A-number), the last few digits; of a name or other text, a minor's initials.
 * The mask is of fixed width: it never tells how long the value is.
 */
import type { FieldType } from '../config/schema.js';
import type { PeriodDiff } from '../diff/types.js';
import type { FieldSpec } from '../snapshots/types.js';

/** What stands for the hidden part of any value, whatever its length. */
const HIDDEN = '****';

/** One token holding a digit (B2024001981, 1001, A-123-456-789): an identifier, not a name. */
const ID_LIKE = /^(?=.*\p{N})[\p{L}\p{N}_.\/#:-]+$/u;
const ISO_DATE = /^(\d{4})-\d{2}-\d{2}$/;
const SURROGATE = /[\uD800-\uDFFF]/;

/** The last `visible` characters (never all of them) behind a fixed-width mask. */
export function mask(value: string, visible: number): string {
  // Without surrogate pairs every character is one code unit: no array of characters is needed.
  if (!SURROGATE.test(value)) return HIDDEN + value.slice(value.length - Math.min(visible, Math.max(0, value.length - 1)));
  const chars = [...value];
  const shown = Math.min(visible, Math.max(0, chars.length - 1));
  return HIDDEN + chars.slice(chars.length - shown).join('');
}

/** A pii value as an output may show it, by its field's type. */
export function maskPii(value: string, type: FieldType, visible: number): string {
  if (type === 'date') {
    const iso = ISO_DATE.exec(value);
    return iso ? `${iso[1]}-**-**` : HIDDEN;
  }
  const ascii = asciiIdentifier(value);
  // ASCII has no surrogate pairs: the mask is a slice.
  if (ascii === ASCII_ID) return HIDDEN + value.slice(value.length - Math.min(visible, value.length - 1));
  if (ascii === NOT_ASCII && ID_LIKE.test(value)) return mask(value, visible);
  return initials(value);
}

const ASCII_ID = 1;
const ASCII_OTHER = 0;
const NOT_ASCII = -1;

/**
 * ASCII_ID for one token of [A-Za-z0-9_./#:-] holding a digit (ID_LIKE for ASCII), ASCII_OTHER for other ASCII text,
 * NOT_ASCII otherwise. One pass over the characters instead of three regular expressions:
 * diff.json masks every added, removed and changed key, tens of thousands at 1,000,000 records.
 */
function asciiIdentifier(value: string): number {
  let digit = false;
  let idChars = value.length > 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x80) return NOT_ASCII;
    if (c >= 0x30 && c <= 0x39) digit = true;
    else if (!((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2e || c === 0x2f || c === 0x23 || c === 0x3a || c === 0x2d)) idChars = false;
  }
  return idChars && digit ? ASCII_ID : ASCII_OTHER;
}

/** "Jordan T. Kavanaugh" → "J. T. K."; text without letters → the bare mask. */
function initials(text: string): string {
  const letters = text
    .split(/[\s,]+/u)
    .map((word) => /\p{L}/u.exec(word)?.[0])
    .filter((letter): letter is string => letter !== undefined);
  return letters.length === 0 ? HIDDEN : letters.map((l) => `${l.toUpperCase()}.`).join(' ');
}

/**
 * The label of each of `values` (of one pii field): its mask, and where several mask alike a
 * suffix "#1", "#2" in the order of their real values, so that two records never read as one
 * and the same values get the same labels wherever they are shown together.
 */
export function maskedLabels(values: Iterable<string>, type: FieldType, visible: number): Map<string, string> {
  const byMask = new Map<string, string[]>();
  for (const value of new Set(values)) {
    const masked = maskPii(value, type, visible);
    const same = byMask.get(masked);
    if (same) same.push(value);
    else byMask.set(masked, [value]);
  }
  const labels = new Map<string, string>();
  for (const [masked, same] of byMask) {
    if (same.length === 1) labels.set(same[0]!, masked);
    else {
      same.sort();
      for (let i = 0; i < same.length; i++) labels.set(same[i]!, masked + ' #' + (i + 1));
    }
  }
  return labels;
}

/**
 * The diff as written to diff.json and shown by `diff`: record keys masked when the key field is
 * personal data (told apart where they mask alike), and a pii field's changes given as counts
 * only. Its value transitions are left out rather than masked: two names that end alike would
 * mask to one transition and merge.
 */
export function publicDiff(diff: PeriodDiff, fields: readonly FieldSpec[], key: string, visible: number): PeriodDiff {
  const piiFields = fields.filter((f) => f.pii);
  if (piiFields.length === 0) return diff;
  const shown: PeriodDiff = { ...diff, fields: { ...diff.fields } };
  for (const field of piiFields) {
    const changes = shown.fields[field.name];
    if (!changes?.transitions) continue;
    const { transitions: _hidden, ...counts } = changes;
    shown.fields[field.name] = counts;
  }
  const keyField = piiFields.find((f) => f.name === key);
  if (keyField) {
    const [added, removed, changed] = maskedKeyLists([diff.added, diff.removed, diff.changed], keyField.type, visible);
    Object.assign(shown, { added, removed, changed });
  }
  return shown;
}

/**
 * Each list of keys with every key replaced by its label as maskedLabels gives it over all the
 * lists. The diff's lists come sorted, and then the labels are made in one merged pass, with
 * no set of the keys and no sort of each group of keys that mask alike: at 1,000,000 records
 * diff.json masks ~52,000 keys, and maskedLabels' sets, maps and sorts were a tenth of `diff`'s time.
 */
export function maskedKeyLists(lists: readonly (readonly string[])[], type: FieldType, visible: number): string[][] {
  if (!lists.every(isSorted)) {
    const labels = maskedLabels(lists.flat(), type, visible);
    return lists.map((keys) => keys.map((k) => labels.get(k)!));
  }
  // Every key once, in order; each list's keys as positions in it.
  const merged: string[] = [];
  const positions = lists.map((keys) => new Int32Array(keys.length));
  const next = lists.map(() => 0);
  for (;;) {
    let smallest: string | null = null;
    for (let l = 0; l < lists.length; l++) {
      const key = lists[l]![next[l]!];
      if (key !== undefined && (smallest === null || key < smallest)) smallest = key;
    }
    if (smallest === null) break;
    for (let l = 0; l < lists.length; l++) {
      while (lists[l]![next[l]!] === smallest) positions[l]![next[l]!++] = merged.length;
    }
    merged.push(smallest);
  }
  const masks = merged.map((value) => maskPii(value, type, visible));
  const alike = new Map<string, number>();
  for (const masked of masks) alike.set(masked, (alike.get(masked) ?? 0) + 1);
  // Keys that mask alike are numbered in the order of their real values: the merged order.
  const numbered = new Map<string, number>();
  const labels = masks.map((masked) => {
    if (alike.get(masked) === 1) return masked;
    const n = (numbered.get(masked) ?? 0) + 1;
    numbered.set(masked, n);
    return masked + ' #' + n;
  });
  return positions.map((at) => Array.from(at, (p) => labels[p]!));
}

/** True when the keys are in ascending order of their UTF-16 code units (the order of sort() and compareKeys). */
function isSorted(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i]! < keys[i - 1]!) return false;
  return true;
}

/** A pii value as a message may show it (stderr, logs): all of it hidden, length too; the message's line and column say where it is. */
export function maskForMessage(_value: unknown): string {
  return HIDDEN;
}
