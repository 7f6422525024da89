import { beforeAll, describe, expect, it } from 'vitest';
import { dayToIso, isoDayAt, isoToDay, NO_DAY, prepareDayTable } from '../../src/snapshots/days.js';

const at = (text: string) => isoDayAt(Buffer.from(`,${text},`, 'latin1'), 1);

// Each case twice: computed (before the table is made, as for a small file), then from the table.
describe.each(['computed', 'from the table'])('isoDayAt, %s', (how) => {
  if (how === 'from the table') beforeAll(() => prepareDayTable());

  it('reads every day from 1899 to 2101 as its day number, inside and outside the table', () => {
    for (let day = isoToDay('1899-12-01'); day <= isoToDay('2101-01-31'); day++) {
      const iso = dayToIso(day);
      if (at(iso) !== day) expect(at(iso), iso).toBe(day);
    }
    expect(at('0001-01-01')).toBe(isoToDay('0001-01-01'));
    expect(at('9999-12-31')).toBe(isoToDay('9999-12-31'));
  });

  it.each([
    '2024-13-01', '2024-00-10', '2024-01-00', '2024-01-32', '2023-02-29', '2024-04-31', '1900-02-29',
    '2024-0a-01', '20x4-01-01', '2024/01/01', '2024-01-0/', '2024-01-0:', '/024-01-01', ':024-01-01', '2024-1-01 ', ' 2024-1-01',
  ])('gives no day for %s (the loader then asks the full coercion, which words the problem)', (text) => {
    expect(at(text)).toBe(NO_DAY);
  });

  it('reads a leap day only in a leap year', () => {
    expect(at('2024-02-29')).toBe(isoToDay('2024-02-29'));
    expect(at('2000-02-29')).toBe(isoToDay('2000-02-29'));
    expect(at('2100-02-29')).toBe(NO_DAY);
  });
});
