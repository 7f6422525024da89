/**
 * Masking of fields marked `pii` (Fed. R. Civ. P. 5.2): only the last few
 * characters are ever shown, the rest replaced one for one.
 */
import type { PeriodDiff } from '../diff/types.js';
import type { FieldSpec } from '../snapshots/types.js';

export function mask(value: string, visible: number): string {
  const chars = [...value];
  const shown = Math.min(visible, Math.max(0, chars.length - 1));
  return '*'.repeat(chars.length - shown) + chars.slice(chars.length - shown).join('');
}

/**
 * The diff as written to diff.json and shown by `diff`: record keys masked when the key field is
 * personal data, and a pii field's changes given as counts only. Its value transitions are left
 * out rather than masked: two names that end alike would mask to one transition and merge.
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
  if (piiFields.some((f) => f.name === key)) {
    const hide = (keys: string[]) => keys.map((k) => mask(k, visible));
    Object.assign(shown, { added: hide(diff.added), removed: hide(diff.removed), changed: hide(diff.changed) });
  }
  return shown;
}

/** A pii value as a message may show it (stderr, logs): every character hidden; the message's line and column say where it is. */
export function maskForMessage(value: unknown): string {
  return mask(String(value), 0);
}
