/**
 * `validate` reads the snapshot of every period: a report definition pointed
 * at the wrong folder would list "snapshot for … not found" for each of them.
 * Those are one problem, said once: "22 periods have no snapshot: 2023-06 …
 * 2025-03 (expected snapshots/{period}.csv)".
 */
import type { Problem } from '../errors.js';

const MISSING = /^snapshot for (\d{4}-\d{2}) not found: expected (.*)$/;

/** The problems with every missing-snapshot problem after the first merged into it, when there are several. */
export function groupMissingSnapshots(problems: readonly Problem[]): Problem[] {
  const missing = problems.map((problem) => MISSING.exec(problem.message)).filter((match): match is RegExpExecArray => match !== null);
  if (missing.length < 2) return [...problems];
  const periods = missing.map((match) => match[1]!);
  const [, firstPeriod, firstFile] = missing[0]!;
  const pattern = firstFile!.split(firstPeriod!).join('{period}');
  const listed = periods.length <= 4 ? periods.join(', ') : `${periods[0]} … ${periods[periods.length - 1]}`;
  const first = problems.find((problem) => MISSING.test(problem.message));
  const grouped: Problem = {
    // The snapshots.path line that names them all.
    ...(first?.location ? { location: first.location } : {}),
    message: `${periods.length} periods have no snapshot: ${listed} (expected ${pattern})`,
    hint: first?.hint,
  };
  let placed = false;
  return problems.flatMap((problem) => {
    if (!MISSING.test(problem.message)) return [problem];
    if (placed) return [];
    placed = true;
    return [grouped];
  });
}
