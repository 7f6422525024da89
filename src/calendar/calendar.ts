/**
 * `calendar`: every period's due date as an RFC 5545 calendar that Outlook
 * and Google Calendar import: all-day events with a stable UID per case and
 * period, so importing again updates rather than duplicates, and a reminder.
 */
import type { ResolvedConfig } from '../config/types.js';
import { UserError } from '../errors.js';
import { calendarPeriods } from './due-dates.js';
import { escapeText, icsDate, icsText } from './ics.js';

export interface CalendarOptions {
  /** The as-of date: DTSTAMP, and where an open-ended order's calendar starts counting a year ahead. */
  asOf: string;
  /** Days before the due date for the reminder; 0 for none. */
  remindDays: number;
  /** court-report's version, for PRODID. */
  version: string;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function buildCalendar(config: ResolvedConfig, options: CalendarOptions): string {
  if (!config.periods.due) {
    throw new UserError({
      location: { file: config.file },
      message: 'the report definition sets no due date, so there is nothing to put in a calendar',
      hint: 'add periods.due with daysAfterSnapshot or dayOfFollowingMonth, as the order says',
    });
  }
  const caption = `${config.case.plaintiffs.names[0]} v. ${config.case.defendants.names[0]}`;
  const stamp = `${icsDate(options.asOf)}T000000Z`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//court-report//court-report ${options.version}//EN`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(`${caption}: status reports due`)}`,
  ];
  for (const period of calendarPeriods(config.periods, options.asOf)) {
    const due = period.dueDate!;
    const [year, month] = period.id.split('-').map(Number) as [number, number];
    const label = `${MONTHS[month - 1]} ${year}`;
    const summary = `Status report due: ${caption}, No. ${config.caseNumber} (${label})`;
    const description = `${config.template.title} for ${label} (figures as of ${period.snapshotDate}), due ${due} under the order of ${config.case.order.date} (ECF No. ${config.case.order.docket}).`;
    lines.push(
      'BEGIN:VEVENT',
      // Stable across runs and machines: re-importing updates the event instead of adding another.
      `UID:${config.id}-${period.id}@court-report`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${icsDate(due)}`,
      `DTEND;VALUE=DATE:${icsDate(nextDay(due))}`,
      `SUMMARY:${escapeText(summary)}`,
      `DESCRIPTION:${escapeText(description)}`,
      'TRANSP:TRANSPARENT',
    );
    if (options.remindDays > 0) {
      lines.push('BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${escapeText(summary)}`, `TRIGGER:-P${options.remindDays}D`, 'END:VALARM');
    }
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return icsText(lines);
}

function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
