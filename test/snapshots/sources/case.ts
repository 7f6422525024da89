/** The small case of test/fixtures/sources, loadable into a SQLite file or a PostgreSQL table. */
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import initSqlJs from 'sql.js';

export const fixtures = path.resolve(import.meta.dirname, '../../fixtures/sources');
export const periods = ['2025-01', '2025-02'];

export const createTable = `CREATE TABLE youth_snapshots (
  period TEXT NOT NULL, youth_id TEXT NOT NULL, full_name TEXT, admitted_on DATE, facility TEXT,
  days_in_isolation INTEGER, in_school BOOLEAN, daily_rate NUMERIC(8,2))`;

export const query = 'SELECT youth_id, full_name, admitted_on, facility, days_in_isolation, in_school, daily_rate FROM youth_snapshots WHERE period = :period';

/** The case's CSV rows, by period, with empty cells as null. */
export async function caseRows(): Promise<Array<{ period: string; cells: Array<string | null> }>> {
  const rows: Array<{ period: string; cells: Array<string | null> }> = [];
  for (const period of periods) {
    const [, ...lines] = (await readFile(path.join(fixtures, 'snapshots', `${period}.csv`), 'utf8')).trim().split('\n');
    for (const line of lines) rows.push({ period, cells: line.split(',').map((cell) => (cell === '' ? null : cell)) });
  }
  return rows;
}

/** A copy of the fixture's report.yaml in a fresh folder, with `snapshots.path` replaced by `snapshotsYaml`. */
export async function caseWith(snapshotsYaml: string): Promise<{ dir: string; config: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'court-report-sources-'));
  const text = (await readFile(path.join(fixtures, 'report.yaml'), 'utf8')).replace('  path: snapshots/{period}.csv\n', snapshotsYaml);
  const config = path.join(dir, 'report.yaml');
  await writeFile(config, text);
  await mkdir(path.join(dir, 'snapshots'));
  for (const period of periods) await copyFile(path.join(fixtures, 'snapshots', `${period}.csv`), path.join(dir, 'snapshots', `${period}.csv`));
  return { dir, config };
}

/** Writes the case as a SQLite file: one table, a period column; SQLite's own types (booleans as 0/1). */
export async function writeSqliteCase(file: string, edit = ''): Promise<void> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(createTable);
  for (const { period, cells } of await caseRows()) {
    const [id, name, admitted, facility, days, school, rate] = cells;
    db.run('INSERT INTO youth_snapshots VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
      period, id!, name!, admitted!, facility!, days === null ? null : Number(days), school === 'true' ? 1 : 0, Number(rate),
    ]);
  }
  if (edit) db.run(edit);
  await writeFile(file, db.export());
  db.close();
}
