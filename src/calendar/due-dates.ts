/**
 * Due dates for the calendar and status: the periods a definition reports
 * on, and warnings for fixed due dates that fall when the court is closed.
 */
import { addDays, latestPeriod, nextMonth, periodOf, periodRange, type Period } from '../config/periods.js';
import { isCourtClosed } from '../config/holidays.js';
import type { PeriodRules } from '../config/types.js';

/** How far ahead a calendar looks when the order has no last period. */
export const MONTHS_AHEAD = 12;

/** Every period with a due date: first through last, or without a last, a year past the as-of month. */
export function calendarPeriods(rules: PeriodRules, asOf: string): Period[] {
  let last = rules.last;
  if (last === undefined) {
    last = asOf.slice(0, 7);
    for (let i = 0; i < MONTHS_AHEAD; i++) last = nextMonth(last);
  }
  return last < rules.first ? [] : periodRange(rules.first, last).map((id) => periodOf(id, rules));
}

/** The periods through the as-of date (the latest whose snapshot day has passed). */
export function periodsThrough(rules: PeriodRules, asOf: string): Period[] {
  const latest = latestPeriod(rules, asOf);
  return latest ? periodRange(rules.first, latest).map((id) => periodOf(id, rules)) : [];
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * A fixed day of the following month is the order's date and is not moved
 * (the order may say otherwise): one that falls on a weekend or a day the
 * court is closed is worth a second look, so it is warned about, not changed.
 */
export function fixedDueDateWarnings(rules: PeriodRules, periods: Period[]): string[] {
  if (!rules.due || !('dayOfFollowingMonth' in rules.due)) return [];
  const holidays = rules.due.holidays ?? [];
  const warnings: string[] = [];
  for (const period of periods) {
    const due = period.dueDate;
    if (!due) continue;
    const weekday = new Date(`${due}T00:00:00Z`).getUTCDay();
    const closed =
      weekday === 0 || weekday === 6 ? WEEKDAYS[weekday]! : holidays.includes(due) ? 'day the court is closed (periods.due.holidays)' : isCourtClosed(due, []) ? 'federal legal holiday' : undefined;
    if (closed) {
      warnings.push(
        `the ${period.id} report is due ${due}, a ${closed}: periods.due.dayOfFollowingMonth is a fixed date, not moved under Fed. R. Civ. P. 6(a); check whether the order allows the next day the clerk's office is open (${nextOpenDay(due, holidays)})`,
      );
    }
  }
  return warnings;
}

function nextOpenDay(iso: string, holidays: readonly string[]): string {
  let day = addDays(iso, 1);
  for (;;) {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !isCourtClosed(day, holidays)) return day;
    day = addDays(day, 1);
  }
}
