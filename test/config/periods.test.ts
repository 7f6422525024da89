import { describe, expect, it } from 'vitest';
import { legalHolidays } from '../../src/config/holidays.js';
import { addDaysUnderRule6, latestPeriod, periodOf, periodRange } from '../../src/config/periods.js';

const rules = { first: '2023-06', last: undefined, snapshotDay: 'last' as const, due: { daysAfterSnapshot: 14 } };

describe('periods', () => {
  it('knows each month\'s days, leap years included', () => {
    expect(periodOf('2024-02', rules)).toMatchObject({ start: '2024-02-01', end: '2024-02-29', snapshotDate: '2024-02-29' });
    expect(periodOf('2023-02', { ...rules, snapshotDay: 30 }).snapshotDate).toBe('2023-02-28');
  });

  it('lists a range across a year end', () => {
    expect(periodRange('2023-11', '2024-02')).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
  });

  it('finds the latest period whose snapshot day has passed', () => {
    expect(latestPeriod(rules, '2024-05-31')).toBe('2024-05');
    expect(latestPeriod(rules, '2024-05-30')).toBe('2024-04');
    expect(latestPeriod(rules, '2023-06-01')).toBeNull();
    expect(latestPeriod({ ...rules, last: '2023-12' }, '2026-01-01')).toBe('2023-12');
  });
});

describe('Fed. R. Civ. P. 6(a) due dates', () => {
  it('rolls a Saturday or Sunday forward to Monday', () => {
    // 2024-05-31 + 14 days = Friday 2024-06-14; + 15 = Saturday 2024-06-15 → Monday 2024-06-17.
    expect(addDaysUnderRule6('2024-05-31', 14)).toBe('2024-06-14');
    expect(addDaysUnderRule6('2024-05-31', 15)).toBe('2024-06-17');
  });

  it('rolls past a legal holiday', () => {
    // 2024-06-30 + 4 = Thursday, July 4 (Independence Day) → Friday, July 5.
    expect(addDaysUnderRule6('2024-06-30', 4)).toBe('2024-07-05');
    // Juneteenth 2023 fell on Monday; 2023-06-18 (Sunday) + 1 → Tuesday.
    expect(addDaysUnderRule6('2023-06-18', 1)).toBe('2023-06-20');
  });

  it('computes the movable federal holidays', () => {
    const y2024 = legalHolidays(2024);
    for (const day of ['2024-01-01', '2024-01-15', '2024-02-19', '2024-05-27', '2024-06-19', '2024-07-04', '2024-09-02', '2024-10-14', '2024-11-11', '2024-11-28', '2024-12-25']) {
      expect(y2024.has(day), day).toBe(true);
    }
    // Independence Day 2026 is a Saturday: observed Friday, July 3.
    expect(legalHolidays(2026).has('2026-07-03')).toBe(true);
    // New Year's Day 2028 is a Saturday: observed Friday, December 31, 2027.
    expect(legalHolidays(2027).has('2027-12-31')).toBe(true);
  });

  it('takes a fixed day of the following month as given', () => {
    expect(periodOf('2024-05', { ...rules, due: { dayOfFollowingMonth: 15 } }).dueDate).toBe('2024-06-15');
    expect(periodOf('2024-01', { ...rules, due: { dayOfFollowingMonth: 31 } }).dueDate).toBe('2024-02-29');
  });
});
