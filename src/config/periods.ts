/**
 * Reporting periods: months named YYYY-MM, and the dates that hang off them.
 * Pure functions on ISO strings; the clock never enters here (`asOf` comes in).
 */
import type { PeriodRules } from './types.js';
import { isCourtClosed } from './holidays.js';

export interface Period {
  /** YYYY-MM */
  id: string;
  /** First day, YYYY-MM-DD. */
  start: string;
  /** Last day, YYYY-MM-DD. */
  end: string;
  /** Day the snapshot is taken as of, YYYY-MM-DD. */
  snapshotDate: string;
  /** Due date of the report, YYYY-MM-DD, when the config has a due rule. */
  dueDate: string | null;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parseMonth(id: string): [number, number] {
  return [Number(id.slice(0, 4)), Number(id.slice(5, 7))];
}

export function monthId(year: number, month: number): string {
  return `${year}-${pad(month)}`;
}

export function nextMonth(id: string): string {
  const [y, m] = parseMonth(id);
  return m === 12 ? monthId(y + 1, 1) : monthId(y, m + 1);
}

export function previousMonth(id: string): string {
  const [y, m] = parseMonth(id);
  return m === 1 ? monthId(y - 1, 12) : monthId(y, m - 1);
}

/** Adds days to an ISO date in UTC, so no time zone or DST can shift it. */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Fed. R. Civ. P. 6(a)(1): exclude the trigger day, count every day, roll past
 * weekends, legal holidays and the other days the court was closed.
 */
export function addDaysUnderRule6(trigger: string, days: number, closedDays: readonly string[] = []): string {
  let due = addDays(trigger, days);
  while (isWeekend(due) || isCourtClosed(due, closedDays)) due = addDays(due, 1);
  return due;
}

function isWeekend(iso: string): boolean {
  const day = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

export function periodOf(id: string, rules: PeriodRules): Period {
  const [y, m] = parseMonth(id);
  const last = daysInMonth(y, m);
  const start = `${id}-01`;
  const end = `${id}-${pad(last)}`;
  const day = rules.snapshotDay === 'last' ? last : Math.min(rules.snapshotDay, last);
  const snapshotDate = `${id}-${pad(day)}`;
  let dueDate: string | null = null;
  if (rules.due && 'daysAfterSnapshot' in rules.due) {
    dueDate = addDaysUnderRule6(snapshotDate, rules.due.daysAfterSnapshot, rules.due.holidays);
  } else if (rules.due) {
    const [ny, nm] = parseMonth(nextMonth(id));
    // A fixed date set by an order is not moved by Rule 6(a).
    dueDate = `${monthId(ny, nm)}-${pad(Math.min(rules.due.dayOfFollowingMonth, daysInMonth(ny, nm)))}`;
  }
  return { id, start, end, snapshotDate, dueDate };
}

/** Every period id from `from` through `to`, inclusive, oldest first. */
export function periodRange(from: string, to: string): string[] {
  const ids: string[] = [];
  for (let id = from; id <= to; id = nextMonth(id)) ids.push(id);
  return ids;
}

/**
 * The latest period whose snapshot day has passed by `asOf`, within the
 * configured range; null when not even the first one has.
 */
export function latestPeriod(rules: PeriodRules, asOf: string): string | null {
  let latest: string | null = null;
  for (let id = rules.first; rules.last === undefined || id <= rules.last; id = nextMonth(id)) {
    if (periodOf(id, rules).snapshotDate > asOf) break;
    latest = id;
  }
  return latest;
}

/** YYYY-MM from 1000-01 through 9998-12 (so that its due date still has a four-digit year). */
export function isMonthId(text: string): boolean {
  return /^[1-9]\d{3}-(0[1-9]|1[0-2])$/.test(text) && text < '9999';
}

export function isIsoDate(text: string): boolean {
  if (!/^[1-9]\d{3}-\d{2}-\d{2}$/.test(text)) return false;
  const [y, m, d] = [Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10))];
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** "due 2024-06-14 (Friday)", for the command line; empty when the definition sets no due date. */
export function dueNote(period: Period): string {
  if (!period.dueDate) return '';
  const [year, month, day] = period.dueDate.split('-').map(Number) as [number, number, number];
  return `due ${period.dueDate} (${WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()]})`;
}
