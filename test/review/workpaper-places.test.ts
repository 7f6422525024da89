/** A personal-data refusal of the workpapers names the sheet and the cell, as Excel's Go To takes them. */
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { assertNoPersonalData, personalDataOf } from '../../src/privacy/scan.js';
import { workpapersOutput } from '../../src/review/workpaper-places.js';
import type { Sheet } from '../../src/review/workpapers.js';
import { field, snapshot } from '../helpers.js';

const pii = personalDataOf(
  [snapshot('2024-05', [field('aNumber', 'string', { pii: true, required: true }), field('name', 'string', { pii: true })], [{ aNumber: 'A123456789', name: 'Luis Ortega' }])],
  { privacy: { allow: [] } },
);

const heading = 'Record keys and personal data masked as in the report';

function refused(sheets: Sheet[]): UserError {
  try {
    assertNoPersonalData([workpapersOutput('workpapers.xlsx', sheets)], pii, { maskVisible: 4 });
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('the workpapers were not refused');
}

const released: Sheet = {
  name: 'released',
  rows: [
    [heading],
    ['Released (released), 2024-04 → 2024-05'],
    ['Term', 'A-Number', 'Office before', 'Office after'],
    ['added', '****6789', 'Miami', 'Tampa'],
    ['added', '****0001', 'Miami', 'Tampa (Luis Ortega)'],
  ],
};

describe('the workpapers refused for personal data', () => {
  it('names the sheet and the cell, with its column heading', () => {
    const problem = refused([released]).problems[0]!;
    expect(problem.location).toEqual({ file: 'workpapers.xlsx', sheet: 'released', line: 5, columnName: 'D' });
    expect(problem.message).toBe('the name of record ****6789 would be printed in full ("****") in cell released!D5 (Office after); nothing was written');
  });

  it('counts the cells of earlier sheets, each distinct text once and a text of two lines as two', () => {
    const checks: Sheet = { name: 'Anomalies & checks', rows: [[heading], ['Check', 'Result'], ['note', 'first line\nsecond line'], ['Miami', 'Tampa']] };
    const problem = refused([checks, { ...released, name: "Bob's sheet" }]).problems[0]!;
    expect(problem.location).toMatchObject({ sheet: "Bob's sheet", line: 5, columnName: 'D' });
    expect(problem.message).toContain("in cell 'Bob''s sheet'!D5 (Office after)");
  });

  it('masks a pii value in the column heading it quotes', () => {
    const sheet: Sheet = { name: 'Checks', rows: [[heading], ['Check', 'Luis Ortega notes'], ['x', 'A123456789']] };
    expect(refused([sheet]).problems.map((p) => p.message)).toEqual([
      'the name of record ****6789 would be printed in full ("****") in cell Checks!B2; nothing was written',
      'the aNumber of record ****6789 would be printed in full ("****") in cell Checks!B3 (**** notes); nothing was written',
    ]);
  });
});
