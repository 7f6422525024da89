/**
 * Reads dates written in the formats a field allows (date-fns notation) and
 * returns them as ISO yyyy-MM-dd text.
 */
// Subpath imports: the date-fns barrel costs ~130 ms to load.
import { format as formatDate } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { parse } from 'date-fns/parse';

export const ISO_DATE_FORMAT = 'yyyy-MM-dd';

export type DateReading = { iso: string } | { error: 'not a date' | 'not a calendar date' };

const ISO_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Fills in parts a format leaves out; fixed so that parsing never depends on the clock. */
const REFERENCE_DATE = new Date(2000, 0, 1);

export function readDate(text: string, formats: readonly string[]): DateReading {
  // Most snapshots use ISO dates; checking them by hand is far faster than date-fns.
  // An ISO-shaped value is taken as ISO even if an earlier format could also read it,
  // which only an odd format like yyyy-dd-MM could.
  const iso = ISO_SHAPE.exec(text);
  if (iso && formats.includes(ISO_DATE_FORMAT)) {
    return isCalendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3])) ? { iso: text } : { error: 'not a calendar date' };
  }
  let shapeMatched = false;
  for (const format of formats) {
    const parsed = parse(text, format, REFERENCE_DATE);
    if (isValid(parsed) && roundTrips(parsed, format, text)) return { iso: isoDate(parsed) };
    if (shapeOf(format)?.test(text)) shapeMatched = true;
  }
  return { error: shapeMatched ? 'not a calendar date' : 'not a date' };
}

/** ISO text of a Date's UTC calendar day, as Excel dates arrive. */
export function isoDateUtc(date: Date): string {
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}

function isoDate(date: Date): string {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1, 2)}-${pad(date.getDate(), 2)}`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}

/**
 * date-fns accepts "24" for yyyy (the year 24) and "05" for M; writing the
 * date back and comparing catches the first and allows the second: a leading
 * zero is ignored only in one- or two-digit numbers, and case is ignored.
 */
function roundTrips(date: Date, format: string, text: string): boolean {
  return normalise(formatDate(date, format)) === normalise(text);
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/\b0(\d)\b/g, '$1');
}

const shapes = new Map<string, RegExp | null>();

/**
 * A pattern for text that looks like a date in `format` without being checked
 * against the calendar, so that 2/30/2024 can be called "not a calendar date"
 * rather than "not a date". Null for formats with tokens it does not know.
 */
function shapeOf(format: string): RegExp | null {
  let shape = shapes.get(format);
  if (shape === undefined) {
    shape = compileShape(format);
    shapes.set(format, shape);
  }
  return shape;
}

const TOKEN_SHAPES = new Map([
  ['yyyy', '\\d{4}'],
  ['yy', '\\d{2}'],
  ['MMMM', '[a-z]+'],
  ['MMM', '[a-z]{3}'],
  ['MM', '\\d{2}'],
  ['M', '\\d{1,2}'],
  ['dd', '\\d{2}'],
  ['d', '\\d{1,2}'],
]);

function compileShape(format: string): RegExp | null {
  let source = '';
  for (const [token] of format.matchAll(/'[^']*'|([a-zA-Z])\1*|[^a-zA-Z']/g)) {
    if (token.startsWith("'")) source += escapeRegExp(token.slice(1, -1));
    else if (/^[a-zA-Z]/.test(token)) {
      const tokenShape = TOKEN_SHAPES.get(token);
      if (tokenShape === undefined) return null;
      source += tokenShape;
    } else source += escapeRegExp(token);
  }
  return new RegExp(`^${source}$`, 'i');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
