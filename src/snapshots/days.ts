/**
 * ISO dates as day numbers (days since 1970-01-01) and back. Snapshots store
 * dates as Int32 day numbers; the pipeline still speaks ISO text, so turning
 * a day back into text is cached (a snapshot has few distinct dates).
 */
import { NO_DAY } from './types.js';

export { NO_DAY };

/** The day number of an ISO yyyy-MM-dd date, or NO_DAY if the text is not one. */
export function isoToDay(iso: string): number {
  if (iso.length !== 10 || iso.charCodeAt(4) !== 0x2d || iso.charCodeAt(7) !== 0x2d) return NO_DAY;
  const year = digitsAt(iso, 0, 4);
  const month = digitsAt(iso, 5, 2);
  const day = digitsAt(iso, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) return NO_DAY;
  return civilToDay(year, month, day);
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function civilToDay(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

const isoOfDay = new Map<number, string>();

/** The ISO text of a day number. */
export function dayToIso(dayNumber: number): string {
  let iso = isoOfDay.get(dayNumber);
  if (iso === undefined) {
    iso = civilFromDay(dayNumber);
    // Dates in snapshots span decades, not millennia; the bound only guards against a runaway.
    if (isoOfDay.size > 1_000_000) isoOfDay.clear();
    isoOfDay.set(dayNumber, iso);
  }
  return iso;
}

function civilFromDay(dayNumber: number): string {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * The day number of a yyyy-MM-dd calendar date written as bytes at `at`, else
 * NO_DAY: the CSV readers type ISO dates without making a string.
 */
export function isoDayAt(bytes: Uint8Array, at: number): number {
  if (bytes[at + 4] !== 0x2d || bytes[at + 7] !== 0x2d) return NO_DAY;
  // Straight-line digits, not a loop a field: millions of dates a snapshot.
  const y0 = bytes[at]! - 0x30;
  const y1 = bytes[at + 1]! - 0x30;
  const y2 = bytes[at + 2]! - 0x30;
  const y3 = bytes[at + 3]! - 0x30;
  const m0 = bytes[at + 5]! - 0x30;
  const m1 = bytes[at + 6]! - 0x30;
  const d0 = bytes[at + 8]! - 0x30;
  const d1 = bytes[at + 9]! - 0x30;
  // A byte that is not a digit is below 0 or above 9 here: >>> 0 makes the first huge, so one test each.
  if (y0 >>> 0 > 9 || y1 >>> 0 > 9 || y2 >>> 0 > 9 || y3 >>> 0 > 9 || m0 >>> 0 > 9 || m1 >>> 0 > 9 || d0 >>> 0 > 9 || d1 >>> 0 > 9) return NO_DAY;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (month < 1 || month > 12 || day < 1 || day > 31) return NO_DAY;
  const index = ((year - TABLE_FIRST_YEAR) * 12 + month - 1) * 31 + day - 1;
  // Millions of dates a snapshot: the day number, or NO_DAY for a day the month lacks, from a table.
  if (index >= 0 && index < DAY_NUMBERS.length) return DAY_NUMBERS[index]!;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!)) return NO_DAY;
  return civilToDay(year, month, day);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const TABLE_FIRST_YEAR = 1900;
const TABLE_YEARS = 200;
/**
 * Day numbers of 1900-01-01 to 2099-12-31 by (year, month, day of month), with NO_DAY for the 30th of
 * February and the like. Empty until a loader of a large file asks for it (prepareDayTable): making it
 * takes a few milliseconds of every command's start, and a small snapshot's dates are as quickly
 * computed (isoDayAt does so when the table is empty).
 */
let DAY_NUMBERS = new Int32Array(0);

/** Fills the table of day numbers, once: before reading a snapshot of millions of dates. */
export function prepareDayTable(): void {
  if (DAY_NUMBERS.length > 0) return;
  const table = new Int32Array(TABLE_YEARS * 12 * 31).fill(NO_DAY);
  for (let year = TABLE_FIRST_YEAR; year < TABLE_FIRST_YEAR + TABLE_YEARS; year++) {
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    for (let month = 1; month <= 12; month++) {
      const first = civilToDay(year, month, 1);
      const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
      for (let day = 1; day <= days; day++) table[((year - TABLE_FIRST_YEAR) * 12 + month - 1) * 31 + day - 1] = first + day - 1;
    }
  }
  DAY_NUMBERS = table;
}
