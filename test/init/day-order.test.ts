import { describe, expect, it } from 'vitest';
import { inferFields } from '../../src/init/infer-fields.js';
import type { ExportTable } from '../../src/init/read-export.js';

function table(columns: string[], rows: (string | undefined)[][]): ExportTable {
  return { columns, rows, format: 'csv', dialect: {}, root: [] };
}

describe('init: the day order of a date column every value of which fits both', () => {
  it('follows another date column of the export that is plainly day-first, and says so', () => {
    const [filed, decided] = inferFields(table(['Filed', 'Decided'], [['28/01/2025', '03/02/2025'], ['15/01/2025', '11/02/2025']]));
    expect(filed!.formats).toEqual(['d/M/yyyy']);
    expect(decided!.formats).toEqual(['d/M/yyyy']);
    expect(decided!.note).toBe('every value fits day/month and month/day: read day-first as "Filed" is; check');
  });

  it('stays month-first with nothing to go by, with a comment asking to check', () => {
    const [decided] = inferFields(table(['Decided'], [['03/02/2025'], ['11/02/2025']]));
    expect(decided!.formats).toEqual(['M/d/yyyy']);
    expect(decided!.note).toBe('every value fits month/day and day/month: read month-first (US); if the export writes day/month, set formats: [d/M/yyyy]');
  });

  it('says nothing when both readings give the same days', () => {
    const [decided] = inferFields(table(['Decided'], [['1/1/2025'], ['2/2/2025']]));
    expect(decided!.formats).toEqual(['M/d/yyyy']);
    expect(decided!.note).toBeUndefined();
  });
});
