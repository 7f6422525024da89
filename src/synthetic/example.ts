/** Writes the bundled example's monthly snapshots: one CSV per month, as of its last day. */
import { join } from 'node:path';
import { monthEnd, monthsBetween } from './calendar.js';
import { generateCohort, type CohortOptions } from './cohort.js';
import { writeSnapshotCsv } from './csv.js';

/** The months the example's report covers. */
export const EXAMPLE_FIRST_MONTH = '2023-06';
export const EXAMPLE_LAST_MONTH = '2024-05';

export interface ExampleOptions extends CohortOptions {
  /** Directory the `YYYY-MM.csv` files go to. */
  out: string;
  /** First month, YYYY-MM. */
  from?: string;
  /** Last month, YYYY-MM. */
  to?: string;
}

/** Returns the paths written, oldest month first. */
export async function generateExample(options: ExampleOptions): Promise<string[]> {
  const cohort = generateCohort(options);
  const months = monthsBetween(options.from ?? EXAMPLE_FIRST_MONTH, options.to ?? EXAMPLE_LAST_MONTH);
  const files: string[] = [];
  for (const month of months) {
    const file = join(options.out, `${month}.csv`);
    await writeSnapshotCsv(cohort, monthEnd(month), file);
    files.push(file);
  }
  return files;
}
