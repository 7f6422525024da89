/**
 * Federal legal holidays (5 U.S.C. 6103) for Fed. R. Civ. P. 6(a) counting.
 * Days declared by the President or Congress cannot be computed; they are not included.
 */

function iso(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The nth given weekday (0 = Sunday) of a month; n = -1 for the last one. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  if (n > 0) {
    const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
    return 1 + ((weekday - first + 7) % 7) + (n - 1) * 7;
  }
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lastWeekday = new Date(Date.UTC(year, month - 1, lastDay)).getUTCDay();
  return lastDay - ((lastWeekday - weekday + 7) % 7);
}

/** A fixed-date holiday on Saturday is observed Friday; on Sunday, Monday. */
function observed(year: number, month: number, day: number): string {
  const d = new Date(Date.UTC(year, month - 1, day));
  const weekday = d.getUTCDay();
  if (weekday === 6) d.setUTCDate(day - 1);
  if (weekday === 0) d.setUTCDate(day + 1);
  return d.toISOString().slice(0, 10);
}

const cache = new Map<number, Set<string>>();

export function legalHolidays(year: number): Set<string> {
  let days = cache.get(year);
  if (days) return days;
  days = new Set([
    observed(year, 1, 1), // New Year's Day
    iso(year, 1, nthWeekday(year, 1, 1, 3)), // Birthday of Martin Luther King, Jr.
    iso(year, 2, nthWeekday(year, 2, 1, 3)), // Washington's Birthday
    iso(year, 5, nthWeekday(year, 5, 1, -1)), // Memorial Day
    observed(year, 6, 19), // Juneteenth National Independence Day
    observed(year, 7, 4), // Independence Day
    iso(year, 9, nthWeekday(year, 9, 1, 1)), // Labor Day
    iso(year, 10, nthWeekday(year, 10, 1, 2)), // Columbus Day
    observed(year, 11, 11), // Veterans Day
    iso(year, 11, nthWeekday(year, 11, 4, 4)), // Thanksgiving Day
    observed(year, 12, 25), // Christmas Day
  ]);
  // New Year's Day of the next year can be observed on December 31.
  days.add(observed(year + 1, 1, 1));
  cache.set(year, days);
  return days;
}

export function isLegalHoliday(isoDate: string): boolean {
  return legalHolidays(Number(isoDate.slice(0, 4))).has(isoDate);
}

/** A federal legal holiday, or one of the config's own days the court was closed (periods.due.holidays). */
export function isCourtClosed(isoDate: string, closedDays: readonly string[]): boolean {
  return isLegalHoliday(isoDate) || closedDays.includes(isoDate);
}
