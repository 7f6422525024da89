import { describe, expect, it } from 'vitest';
import { chooseKey, dateFormats, inferFields } from '../../src/init/infer-fields.js';
import { camelCase } from '../../src/init/names.js';
import { personalDataReason } from '../../src/init/personal-data.js';
import type { ExportTable } from '../../src/init/read-export.js';

function table(columns: string[], rows: (string | undefined)[][]): ExportTable {
  return { columns, rows, format: 'csv', dialect: {}, root: [] };
}

describe('init: inferring fields from an export', () => {
  it('reads a semicolon-separated export\'s numbers by the decimal separator its values show, and says when they do not', () => {
    const european = (values: string[]) =>
      inferFields({ columns: ['Bond Amount'], rows: values.map((v) => [v]), format: 'csv', dialect: { delimiter: ';' }, root: [] })[0]!;
    expect(european(['1.000', '2.500,50', '750'])).toMatchObject({ type: 'number', decimal: 'comma' });
    expect(european(['12,5', '3'])).toMatchObject({ type: 'number', decimal: 'comma' });
    expect(european(['1.234.567', '12'])).toMatchObject({ type: 'number', decimal: 'comma' });
    expect(european(['1.000', '2.5', '750'])).toMatchObject({ type: 'number', decimal: 'point' });
    const unsure = european(['1.000', '2.500', '750']);
    expect(unsure).toMatchObject({ type: 'number' });
    expect(unsure.decimal).toBeUndefined();
    expect(unsure.note).toMatch(/one, or one thousand .* set decimal: point or decimal: comma/);
    // Whole numbers need no separator; a comma-separated export is read with a decimal point, as before.
    expect(european(['0', '2'])).toMatchObject({ type: 'integer' });
    expect(european(['0', '2']).decimal).toBeUndefined();
    expect(inferFields(table(['Bond Amount'], [['1.000'], ['2.5']]))[0]!.decimal).toBeUndefined();
  });

  it('names fields in camelCase from the headers, keeping the header as column', () => {
    expect(['RELEASE_DATE', 'Date of Birth', 'A-Number', 'ReleaseDate', '2nd Review', '__proto__'].map(camelCase)).toEqual([
      'releaseDate',
      'dateOfBirth',
      'aNumber',
      'releaseDate',
      'field2ndReview',
      'proto',
    ]);
    const fields = inferFields(table(['Case ID', 'case_id'], [['1', '2']]));
    expect(fields.map((f) => [f.id, f.column])).toEqual([['caseId', 'Case ID'], ['caseId2', 'case_id']]);
  });

  it('types a column from every value: integer, number, boolean, else string', () => {
    const fields = inferFields(table(['n', 'x', 'flag', 'zip', 'mixed'], [
      ['1', '1.5', 'yes', '02134', '7'],
      ['-20', '2', 'No', '10001', 'seven'],
    ]));
    expect(fields.map((f) => f.type)).toEqual(['integer', 'number', 'boolean', 'string', 'string']);
  });

  it('keeps digits that identify as text: a header ending in ID, No, Number or Code, or personal data', () => {
    const fields = inferFields(table(['Case No', 'detainee_id', 'Zip Code', 'SSN', 'Number of Dependents', 'Days Held'], [
      ['2025000101', '5001', '32301', '123456789', '2', '40'],
      ['2025000102', '5002', '33101', '223456789', '0', '12'],
    ]));
    expect(fields.map((f) => f.type)).toEqual(['string', 'string', 'string', 'string', 'integer', 'integer']);
  });

  it('reads dates in the formats actually seen, month-first unless a value is only day-first', () => {
    expect(dateFormats(['2024-05-31', '5/1/2024'])).toEqual(['yyyy-MM-dd', 'M/d/yyyy']);
    expect(dateFormats(['05/01/2024', '12/11/2024'])).toEqual(['M/d/yyyy']);
    expect(dateFormats(['05/01/2024', '31/12/2024'])).toEqual(['d/M/yyyy']);
    expect(dateFormats(['5/31/2024', '31/5/2024'])).toBeNull();
    expect(dateFormats(['2024-02-30'])).toBeNull();
  });

  it('makes a text column with few distinct values relative to the rows an enum, and marks required columns', () => {
    const rows = Array.from({ length: 9 }, (_, i) => [String(i), ['DETAINED', 'RELEASED', 'DETAINED'][i % 3], i === 4 ? undefined : `note ${i}`]);
    const [, status, note] = inferFields(table(['id', 'status', 'note'], rows));
    expect(status).toMatchObject({ type: 'enum', values: ['DETAINED', 'RELEASED'], required: true });
    expect(note).toMatchObject({ type: 'string', required: false });
  });

  it('prefers an id-like unique column as the key, or the one given', () => {
    const fields = inferFields(table(['Name', 'Booking No', 'Unit'], [['Ann Lee', 'B1', 'A'], ['Bo Park', 'B2', 'A']]));
    expect(chooseKey(fields, undefined)?.column).toBe('Booking No');
    expect(chooseKey(fields, 'name')?.column).toBe('Name');
    expect(chooseKey(inferFields(table(['Unit'], [['A'], ['A']])), undefined)).toBeUndefined();
  });

  it('marks personal data by column name and by value, saying why', () => {
    expect(personalDataReason('DOB', [])).toBe('the column name "DOB" looks like a date of birth');
    expect(personalDataReason('ALIEN_NUMBER', [])).toContain('A-Number');
    expect(personalDataReason('Contact', ['ann@example.org', 'bo@example.org'])).toBe('2 of 2 values in "Contact" look like e-mail addresses');
    expect(personalDataReason('ref', ['123-45-6789'])).toContain('Social Security numbers');
    expect(personalDataReason('ref', ['A012345678'])).toContain('A-Numbers');
    expect(personalDataReason('callback', ['(202) 555-0100', '202-555-0101'])).toContain('telephone numbers');
    expect(personalDataReason('Housing Unit', ['A', 'B'])).toBeUndefined();
    expect(personalDataReason('Unit name', ['A'])).toBeUndefined();
  });

  it('never makes a personal-data column an enum', () => {
    const rows = Array.from({ length: 12 }, (_, i) => [String(i), ['Smith', 'Jones'][i % 2]]);
    expect(inferFields(table(['id', 'Last Name'], rows))[1]).toMatchObject({ type: 'string', piiReason: expect.stringContaining("person's name") });
  });
});
