/**
 * How figures and dates read in a filing. Pure functions: the helpers adapt
 * them to Handlebars and the chart uses them for its axis.
 */
// A subpath import: the date-fns barrel costs ~130 ms to load.
import { format as formatWithPattern } from 'date-fns/format';
import { formatDecimal } from './decimal.js';

/** U+2212, the typographic minus: a hyphen reads as a dash in a serif face. */
export const MINUS = '\u2212';
/** Printed for a figure that does not exist (no prior report, a 0 denominator). */
export const NOT_APPLICABLE = '\u2014';

/** 2572 → "2,572"; −3 → "−3". Fixed locale (en-US), not the machine's: the report must be identical everywhere. */
export function formatNumber(value: number): string {
  const text = formatDecimal(Math.abs(value), 0, 2);
  return value < 0 && text !== '0' ? MINUS + text : text;
}

/**
 * A change between reports: "+12", "−3", and "0" for no change. "0" rather
 * than "no change" so that a change column stays a column of numbers; prose
 * can say "no change" with {{#if delta}}.
 */
export function formatSigned(value: number): string {
  const text = formatNumber(value);
  return value > 0 && text !== '0' ? '+' + text : text;
}

/** 2558 of 2572 → "99.5%". A zero whole has no percentage: "—". */
export function formatPercent(part: number, whole: number, digits = 1): string {
  if (whole === 0) return NOT_APPLICABLE;
  return formatDecimal((part / whole) * 100, digits, digits) + '%';
}

/**
 * A calendar date from YYYY-MM-DD, or undefined when it is not one. The Date
 * is built at local noon and formatted in local time, so the printed day is
 * the written day whatever the machine's time zone (midnight could fall in a
 * DST gap; noon never does).
 */
export function parseIsoDate(iso: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day, 12);
  // new Date rolls 2024-02-30 over into March; a real date survives the round trip.
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return undefined;
  return date;
}

export const LONG_DATE = 'MMMM d, yyyy';

/** "2024-05-31" → "May 31, 2024" (or any date-fns pattern). Throws RangeError on a bad date or pattern. */
export function formatDate(iso: string, pattern: string = LONG_DATE): string {
  const date = parseIsoDate(iso);
  if (!date) throw new RangeError(`not a date as YYYY-MM-DD: ${JSON.stringify(iso)}`);
  return formatWithPattern(date, pattern);
}

/** "2024-05" → "May 2024". */
export function formatMonth(id: string, pattern = 'MMMM yyyy'): string {
  if (!/^\d{4}-\d{2}$/.test(id)) throw new RangeError(`not a month as YYYY-MM: ${JSON.stringify(id)}`);
  return formatDate(`${id}-01`, pattern);
}

/** 1 → "1 person", 2572 → "2,572 people". */
export function formatCount(count: number, singular: string, plural: string): string {
  return `${formatNumber(count)} ${count === 1 ? singular : plural}`;
}
