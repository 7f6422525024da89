/**
 * A declared filter evaluated over every row of a columnar snapshot at once:
 * one byte per row, 1 where the row meets it. The conditions the row filter
 * reads off the typed columns (present, absent, withinPeriod, equals and in on
 * text) are loops over those arrays here, and all/any/not combine the parts'
 * masks, so a million rows cost a few array passes rather than a call per row
 * per condition. Anything else asks compileRowFilter's predicate row by row,
 * so the mask always agrees with the predicate.
 */
import type { Filter } from '../config/schema.js';
import { isoToDay, NO_DAY } from '../snapshots/days.js';
import type { Snapshot } from '../snapshots/types.js';
import { compileCondition, type FilterContext } from './filter.js';
import { compileRowFilter } from './row-filter.js';

/** Per row: 1 when the row meets the filter, 0 when not. */
export type RowMask = Uint8Array;

export function rowMask(filter: Filter | undefined, snapshot: Snapshot, period: { start: string; end: string }): RowMask {
  const context: FilterContext = { fields: snapshot.fields, periodStart: period.start, periodEnd: period.end };
  return maskOf(filter, snapshot, period, context);
}

/**
 * Masks of one snapshot and period, each made once: reports count a field's present and its
 * absent records both (one is the other flipped), and grouped metrics repeat a plain one's filter.
 * A mask it returns is shared: read it, never change it.
 */
export class RowMasks {
  private readonly made = new Map<string, RowMask>();
  constructor(
    private readonly snapshot: Snapshot,
    private readonly period: { start: string; end: string },
  ) {}

  of(filter: Filter | undefined): RowMask {
    const id = JSON.stringify(filter ?? null);
    let mask = this.made.get(id);
    if (mask) return mask;
    const leaf = filter && !filter.all && !filter.any && !filter.not ? filter : null;
    if (leaf && leaf.absent) {
      mask = this.of({ field: leaf.field, present: true }).slice();
      for (let row = 0; row < mask.length; row++) mask[row]! ^= 1;
    } else mask = rowMask(filter, this.snapshot, this.period);
    this.made.set(id, mask);
    return mask;
  }
}

/** How many rows of a mask are set. */
export function countMask(mask: RowMask): number {
  let count = 0;
  for (let row = 0; row < mask.length; row++) count += mask[row]!;
  return count;
}

function maskOf(filter: Filter | undefined, snapshot: Snapshot, period: { start: string; end: string }, context: FilterContext): RowMask {
  const size = snapshot.size;
  if (!filter) return new Uint8Array(size).fill(1);
  if (filter.all || filter.any) {
    const all = filter.all !== undefined;
    const parts = (filter.all ?? filter.any)!;
    // An empty all is every row, an empty any none (as every() and some() say).
    const mask = new Uint8Array(size).fill(all ? 1 : 0);
    for (const part of parts) {
      const inner = maskOf(part, snapshot, period, context);
      if (all) for (let row = 0; row < size; row++) mask[row]! &= inner[row]!;
      else for (let row = 0; row < size; row++) mask[row]! |= inner[row]!;
    }
    return mask;
  }
  if (filter.not) {
    const mask = maskOf(filter.not, snapshot, period, context);
    for (let row = 0; row < size; row++) mask[row]! ^= 1;
    return mask;
  }
  return leafMask(filter, snapshot, context) ?? predicateMask(filter, snapshot, period);
}

/** A condition on one field read off its typed column, or null where only the row predicate will do. */
function leafMask(filter: Filter, snapshot: Snapshot, context: FilterContext): RowMask | null {
  const column = snapshot.column(compileCondition(filter, context).index);
  const size = snapshot.size;
  const mask = new Uint8Array(size);
  if (filter.present || filter.absent) {
    // 1 where present, flipped for absent: each row's 0 or 1 is the comparison itself (+bool), not a
    // branch on it, which a field present in every other record mispredicted half the time.
    const flip = filter.present ? 0 : 1;
    switch (column.kind) {
      case 'text': {
        const codes = column.codes;
        for (let row = 0; row < size; row++) mask[row] = +(codes[row]! >= 0) ^ flip;
        break;
      }
      case 'day': {
        const days = column.days;
        for (let row = 0; row < size; row++) mask[row] = +(days[row] !== NO_DAY) ^ flip;
        break;
      }
      case 'number': {
        const numbers = column.numbers;
        for (let row = 0; row < size; row++) mask[row] = +(numbers[row] === numbers[row]) ^ flip;
        break;
      }
      case 'boolean': {
        const flags = column.flags;
        for (let row = 0; row < size; row++) mask[row] = +(flags[row]! >= 0) ^ flip;
        break;
      }
    }
    return mask;
  }
  if (column.kind === 'day' && filter.withinPeriod) {
    const from = isoToDay(context.periodStart);
    const to = isoToDay(context.periodEnd);
    if (from === NO_DAY || to === NO_DAY) return null;
    const days = column.days;
    // An empty date is the smallest int: never within.
    for (let row = 0; row < size; row++) {
      const day = days[row]!;
      mask[row] = +(day >= from) & +(day <= to);
    }
    return mask;
  }
  if (column.kind === 'text' && (filter.equals !== undefined || filter.in !== undefined)) {
    const wanted = filter.equals !== undefined ? [filter.equals] : filter.in!;
    // A table by code: only text can equal a text value, and a code no record has matches nothing.
    const byCode = new Uint8Array(column.dictionary.length + 1);
    for (const value of wanted) if (typeof value === 'string' && column.codeOf(value) >= 0) byCode[column.codeOf(value) + 1] = 1;
    const codes = column.codes;
    for (let row = 0; row < size; row++) mask[row] = byCode[codes[row]! + 1]!;
    return mask;
  }
  return null;
}

function predicateMask(filter: Filter, snapshot: Snapshot, period: { start: string; end: string }): RowMask {
  const meets = compileRowFilter(filter, snapshot, period);
  const mask = new Uint8Array(snapshot.size);
  for (let row = 0; row < mask.length; row++) mask[row] = meets(row) ? 1 : 0;
  return mask;
}
