/**
 * Which periods of a build are filed reports (a final manifest.json in their
 * folder): a record is never overwritten without --force. A damaged manifest
 * still marks a record, and is never skipped silently.
 */
import path from 'node:path';
import { UserError, type Problem } from '../errors.js';
import { readManifest } from './manifest.js';

/**
 * The filed periods among `periods`, each with its as-of date, when `skip` allows leaving them as
 * they are; otherwise (or when a manifest is damaged) a UserError listing every one.
 */
export async function filedPeriods(periods: readonly string[], outDir: string, skip: boolean): Promise<Map<string, string>> {
  const filed = new Map<string, string>();
  const problems: Problem[] = [];
  for (const period of periods) {
    const found = await readManifest(path.join(outDir, period));
    if (found.state === 'filed') filed.set(period, found.manifest.asOf);
    else if (found.state === 'damaged') {
      problems.push({
        message: `${period} is filed, but its manifest is damaged: ${found.file}: ${found.reason}; not overwriting it`,
        hint: 'restore manifest.json from your records (or run verify to see what is wrong); pass --force only to replace the filed report',
      });
    }
  }
  if (!skip && filed.size > 0) {
    problems.unshift({
      message: `not overwriting a filed report: ${[...filed].map(([p, asOf]) => `${p} (final, as of ${asOf})`).join(', ')} in ${outDir}`,
      hint: 'a period with a final manifest.json is a record; build into another --out, or pass --force to replace it',
    });
  }
  if (problems.length > 0) throw new UserError(problems);
  return filed;
}
