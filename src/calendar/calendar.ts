/**
 * `calendar`: every period's due date as an RFC 5545 calendar that Outlook
 * and Google Calendar import: all-day events with a stable UID per case and
 * period, so importing again updates rather than duplicates, and a reminder.
 */
import type { ResolvedConfig } from '../config/types.js';
import { UserError } from '../errors.js';
import { addDays } from '../config/periods.js';
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

/** One period's due date, as the calendar's event and its --json entry both give it. */
export interface DueDateEvent {
  period: string;
  /** The day the period's figures are as of. */
  snapshotDate: string;
  dueDate: string;
  /** The day the reminder goes off (the due date less the reminder days), null without one. */
  remindOn: string | null;
  /** The event's UID: stable across runs and machines, so importing again updates instead of adding another. */
  uid: string;
  summary: string;
  description: string;
}

/** Every period's due date, in order: first through periods.last, or a year past the as-of month. */
export function dueDateEvents(config: ResolvedConfig, options: Pick<CalendarOptions, 'asOf' | 'remindDays'>): DueDateEvent[] {
  if (!config.periods.due) {
    throw new UserError({
      location: config.locations?.periods ?? { file: config.file },
      message: 'the report definition sets no due date, so there is nothing to put in a calendar',
      hint: 'add periods.due with daysAfterSnapshot or dayOfFollowingMonth, as the order says',
    });
  }
  const caption = calendarCaption(config);
  return calendarPeriods(config.periods, options.asOf).map((period) => {
    const due = period.dueDate!;
    const [year, month] = period.id.split('-').map(Number) as [number, number];
    const label = `${MONTHS[month - 1]} ${year}`;
    return {
      period: period.id,
      snapshotDate: period.snapshotDate,
      dueDate: due,
      remindOn: options.remindDays > 0 ? addDays(due, -options.remindDays) : null,
      uid: `${config.id}-${period.id}@court-report`,
      summary: `Status report due: ${caption}, No. ${config.caseNumber} (${label})`,
      description: `${config.template.title} for ${label} (figures as of ${period.snapshotDate}), due ${due} under the order of ${config.case.order.date} (ECF No. ${config.case.order.docket}).`,
    };
  });
}

export function buildCalendar(config: ResolvedConfig, options: CalendarOptions): string {
  const events = dueDateEvents(config, options);
  const stamp = `${icsDate(options.asOf)}T000000Z`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//court-report//court-report ${options.version}//EN`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(`${calendarCaption(config)}: status reports due`)}`,
  ];
  for (const event of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${icsDate(event.dueDate)}`,
      `DTEND;VALUE=DATE:${icsDate(addDays(event.dueDate, 1))}`,
      `SUMMARY:${escapeText(event.summary)}`,
      `DESCRIPTION:${escapeText(event.description)}`,
      'TRANSP:TRANSPARENT',
    );
    if (options.remindDays > 0) {
      lines.push('BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${escapeText(event.summary)}`, `TRIGGER:-P${options.remindDays}D`, 'END:VALARM');
    }
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return icsText(lines);
}

function calendarCaption(config: ResolvedConfig): string {
  return `${config.case.plaintiffs.names[0]} v. ${config.case.defendants.names[0]}`;
}
