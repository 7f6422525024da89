/**
 * What the loader says about a CSV snapshot too large for the full loader
 * when the streaming loader could not read it: the record problems, found by
 * streaming (csv-problems.ts); else the header's, found by the full loader
 * on the file's first megabyte; else that the file cannot be read at this
 * size, at the line and column of the first thing the reader does not read
 * (a stray quote, a byte that is not UTF-8), or why that may be. Never a V8 crash.
 */
import { openSync, readSync, closeSync } from 'node:fs';
import type { SnapshotSource } from '../config/types.js';
import { UserError } from '../errors.js';
import { firstUnreadableSpot } from './csv-first-unreadable.js';
import { throwRecordProblems } from './csv-problems.js';
import { readCsv } from './csv.js';
import { CappedProblemList } from './problems.js';
import { toSnapshot } from './tabular.js';

/**
 * Above this the full loader is not used: it holds the file as one string (V8 allows ~512 MB)
 * and every cell as a string, about 20 bytes of memory per byte of file.
 */
export const FULL_LOADER_MAX_BYTES = 64 << 20;
const HEAD_BYTES = 1 << 20;

export function explainLargeCsv(path: string, shownAs: string, source: SnapshotSource, period: string, bytes: number, displayBase: string): never {
  throwRecordProblems({ source, file: path, shownAs, period, displayBase });
  throwHeadProblems(path, shownAs, source, period);
  const megabytes = Math.round(bytes / (1 << 20)).toLocaleString('en-US');
  // Found again, a byte at a time, so the message says where: the reader stops without saying.
  const spot = firstUnreadableSpot(path);
  if (spot) {
    throw new UserError({
      location: { file: shownAs, line: spot.line, column: spot.column },
      message: `cannot be read: at ${megabytes} MB it is read only by the streaming CSV reader, which does not read ${spot.what}`,
      hint: spot.hint,
    });
  }
  throw new UserError({
    location: { file: shownAs },
    message: `cannot be read: at ${megabytes} MB it is read only by the streaming CSV reader, which stopped at something it does not read (a double quote inside an unquoted value, an unclosed quote, or bytes that are not UTF-8)`,
    hint: 'check the file\'s quoting and encoding; a smaller export (under 64 MB) is read by the full reader, whose message names the line',
  });
}

/** The full loader's problems with the header and first records (a missing column, semicolons, …). */
function throwHeadProblems(path: string, shownAs: string, source: SnapshotSource, period: string): void {
  const head = Buffer.alloc(HEAD_BYTES);
  const fd = openSync(path, 'r');
  let length: number;
  try {
    length = readSync(fd, head, 0, HEAD_BYTES, 0);
  } finally {
    closeSync(fd);
  }
  // Whole records only: cut after the last line break, and inside a character never.
  const end = head.lastIndexOf(0x0a, length - 1);
  if (end <= 0) return;
  const problems = new CappedProblemList();
  const table = readCsv(head.subarray(0, end + 1), shownAs, problems);
  toSnapshot(table, source, period, path, problems);
}
