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

/** The diff as written to diff.json: record keys masked when the key field is personal data. */
export function publicDiff(diff: PeriodDiff, fields: readonly FieldSpec[], key: string, visible: number): PeriodDiff {
  const keyField = fields.find((f) => f.name === key);
  if (!keyField?.pii) return diff;
  const hide = (keys: string[]) => keys.map((k) => mask(k, visible));
  return { ...diff, added: hide(diff.added), removed: hide(diff.removed), changed: hide(diff.changed) };
}
