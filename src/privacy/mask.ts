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
/** ID_LIKE for ASCII text (most keys), without Unicode property classes: far cheaper at tens of thousands of keys. */
const ASCII_ID_CHARS = /^[A-Za-z0-9_./#:-]+$/;
const ASCII_DIGIT = /[0-9]/;
const NON_ASCII = /[^\x00-\x7f]/;

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
  if (!NON_ASCII.test(value) ? ASCII_ID_CHARS.test(value) && ASCII_DIGIT.test(value) : ID_LIKE.test(value)) return mask(value, visible);
  return initials(value);
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
    else same.sort().forEach((value, i) => labels.set(value, `${masked} #${i + 1}`));
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
    const labels = maskedLabels([...diff.added, ...diff.removed, ...diff.changed], keyField.type, visible);
    const hide = (keys: string[]) => keys.map((k) => labels.get(k)!);
    Object.assign(shown, { added: hide(diff.added), removed: hide(diff.removed), changed: hide(diff.changed) });
  }
  return shown;
}

/** A pii value as a message may show it (stderr, logs): all of it hidden, length too; the message's line and column say where it is. */
export function maskForMessage(_value: unknown): string {
  return HIDDEN;
}
