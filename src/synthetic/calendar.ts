/**
 * Month and day arithmetic on ISO strings, in UTC so no time zone or DST
 * shifts a date. Kept here rather than borrowed from src/config so the
 * generator depends on nothing that the pipeline may change.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM of the month after `month`. */
export function nextMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${year + 1}-01` : `${year}-${pad(m + 1)}`;
}

/** Every month from `first` to `last`, both included. */
export function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  for (let month = first; month <= last; month = nextMonth(month)) months.push(month);
  return months;
}

export function daysInMonth(month: string): number {
  return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
}

/** The last day of the month: the date each snapshot is taken as of. */
export function monthEnd(month: string): string {
  return `${month}-${pad(daysInMonth(month))}`;
}

/** YYYY-MM-DD of day `day` (1-based) of `month`. */
export function dayOf(month: string, day: number): string {
  return `${month}-${pad(day)}`;
}

export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Day of the month (1-based) of an ISO date. */
export function dayOfMonth(iso: string): number {
  return Number(iso.slice(8, 10));
}
