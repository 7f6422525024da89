import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../../src/calendar/calendar.js';
import { fixedDueDateWarnings, calendarPeriods } from '../../src/calendar/due-dates.js';
import { escapeText, foldLine } from '../../src/calendar/ics.js';
import { loadConfig } from '../../src/config/load.js';
import { periodOf } from '../../src/config/periods.js';
import type { ResolvedConfig } from '../../src/config/types.js';
import { exampleConfig } from '../e2e/cli.js';

const octets = (line: string) => Buffer.byteLength(line, 'utf8');

describe('iCalendar text (RFC 5545)', () => {
  it('escapes backslash, semicolon, comma and line breaks', () => {
    expect(escapeText('a\\b; c, d\ne')).toBe('a\\\\b\\; c\\, d\\ne');
  });

  it('folds at 75 octets, continuation lines starting with a space, never splitting a UTF-8 character', () => {
    const line = `SUMMARY:${'Défense — réponse '.repeat(10)}`;
    const folded = foldLine(line).split('\r\n');
    expect(folded.length).toBeGreaterThan(2);
    for (const part of folded) expect(octets(part)).toBeLessThanOrEqual(75);
    expect(folded.slice(1).every((part) => part.startsWith(' '))).toBe(true);
    expect(folded.map((part, i) => (i === 0 ? part : part.slice(1))).join('')).toBe(line);
    expect(foldLine('SHORT:x')).toBe('SHORT:x');
  });
});

describe('calendar of due dates', () => {
  let config: ResolvedConfig;
  const load = async () => (config ??= await loadConfig(exampleConfig));

  it('has an all-day event per period with a stable UID, DTSTAMP from the as-of date, and a valid reminder', async () => {
    const ics = buildCalendar(await load(), { asOf: '2024-06-01', remindDays: 5, version: '9.9.9' });
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
    const calendar = new ICAL.Component(ICAL.parse(ics));
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//court-report//court-report 9.9.9//EN');
    const events = calendar.getAllSubcomponents('vevent');
    expect(events).toHaveLength(12);
    const september = events.find((e) => e.getFirstPropertyValue('uid') === 'florida-v-mayorkas-2023-09@court-report')!;
    const start = september.getFirstProperty('dtstart')!;
    expect(start.type).toBe('date');
    // Fourteen days after September 30 is Saturday October 14: Rule 6(a) rolls it to Monday the 16th.
    expect(String(start.getFirstValue())).toBe('2023-10-16');
    expect(String(september.getFirstPropertyValue('dtstamp'))).toBe('2024-06-01T00:00:00Z');
    expect(september.getFirstPropertyValue('summary')).toBe('Status report due: State of Florida v. Alejandro Mayorkas, No. 3:23-cv-9962-TKW-ZCB (September 2023)');
    const alarm = september.getFirstSubcomponent('valarm')!;
    expect(alarm.getFirstPropertyValue('trigger')!.toString()).toBe('-P5D');
    expect(ics).toContain('TRIGGER:-P5D\r\n');
    // Same inputs, same bytes.
    expect(buildCalendar(config, { asOf: '2024-06-01', remindDays: 5, version: '9.9.9' })).toBe(ics);
  });

  it('leaves the reminder out with 0 days, and runs a year past the as-of month without periods.last', async () => {
    const open = { ...(await load()), periods: { ...config.periods, last: undefined } };
    const ics = buildCalendar(open, { asOf: '2024-06-01', remindDays: 0, version: '1' });
    expect(ics).not.toContain('VALARM');
    expect(ics).toContain('UID:florida-v-mayorkas-2025-06@court-report');
    expect(ics).not.toContain('UID:florida-v-mayorkas-2025-07@court-report');
  });
});

describe('due dates and the days the court is closed', () => {
  const rules = { first: '2025-01', last: undefined, snapshotDay: 'last' as const };

  it('rolls a counted due date past periods.due.holidays as past a federal holiday', () => {
    // December 31 + 9 days is Thursday January 9, 2025: the national day of mourning for President Carter.
    expect(periodOf('2024-12', { ...rules, due: { daysAfterSnapshot: 9 } }).dueDate).toBe('2025-01-09');
    expect(periodOf('2024-12', { ...rules, due: { daysAfterSnapshot: 9, holidays: ['2025-01-09'] } }).dueDate).toBe('2025-01-10');
    // A state holiday the clerk's office observes (Monday March 17) moves the date to the next open day.
    expect(periodOf('2025-02', { ...rules, due: { daysAfterSnapshot: 17, holidays: ['2025-03-17'] } }).dueDate).toBe('2025-03-18');
  });

  it('warns when a fixed day of the following month falls on a weekend, a federal holiday or a closed day', () => {
    const fixed = { ...rules, due: { dayOfFollowingMonth: 4, holidays: ['2025-03-04'] } };
    const periods = ['2025-01', '2025-02', '2025-03', '2025-04', '2025-06'].map((id) => periodOf(id, fixed));
    const warnings = fixedDueDateWarnings(fixed, periods);
    expect(warnings).toEqual([
      expect.stringMatching(/^the 2025-02 report is due 2025-03-04, a day the court is closed \(periods.due.holidays\): .* \(2025-03-05\)$/),
      expect.stringMatching(/^the 2025-04 report is due 2025-05-04, a Sunday: periods.due.dayOfFollowingMonth is a fixed date, not moved under Fed. R. Civ. P. 6\(a\); .* \(2025-05-05\)$/),
      expect.stringMatching(/^the 2025-06 report is due 2025-07-04, a federal legal holiday: .* \(2025-07-07\)$/),
    ]);
    expect(periods.map((p) => p.dueDate)).toEqual(['2025-02-04', '2025-03-04', '2025-04-04', '2025-05-04', '2025-07-04']);
    expect(calendarPeriods({ ...fixed, last: '2025-02' }, '2025-06-01').map((p) => p.id)).toEqual(['2025-01', '2025-02']);
  });
});
