/**
 * Snapshot CSV files as the example's report.yaml reads them: its column
 * names, dates as yyyy-MM-dd, empty cell for no value, LF line endings and
 * RFC 4180 quoting.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Cohort } from './cohort.js';
import { snapshotRows, type SnapshotRow } from './snapshot.js';

/** Columns in file order, with the report.yaml field each one holds. */
export const SNAPSHOT_COLUMNS: ReadonlyArray<readonly [column: string, field: keyof SnapshotRow]> = [
  ['A_NUMBER', 'aNumber'],
  ['COUNTRY_OF_CITIZENSHIP', 'nationality'],
  ['RELEASE_DATE', 'releasedOn'],
  ['CHECK_IN_DATE', 'checkedInOn'],
  ['NTA_ISSUED_DATE', 'ntaIssuedOn'],
  ['NTA_SERVED_DATE', 'ntaServedOn'],
  ['EXIT_DATE', 'exitOn'],
  ['EXIT_TYPE', 'exitType'],
  ['CUSTODY_STATUS', 'custodyStatus'],
  ['FIELD_OFFICE', 'fieldOffice'],
];

/** The whole snapshot file as of `asOf` (YYYY-MM-DD). */
export function snapshotCsv(cohort: Cohort, asOf: string): string {
  const lines = [SNAPSHOT_COLUMNS.map(([column]) => quoteCell(column)).join(',')];
  for (const row of snapshotRows(cohort, asOf)) {
    lines.push(SNAPSHOT_COLUMNS.map(([, field]) => quoteCell(row[field] ?? '')).join(','));
  }
  return lines.join('\n') + '\n';
}

export async function writeSnapshotCsv(cohort: Cohort, asOf: string, file: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, snapshotCsv(cohort, asOf), 'utf8');
}

/** RFC 4180: quote a cell holding a comma, quote or line break, doubling inner quotes. */
export function quoteCell(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}
