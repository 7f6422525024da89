/**
 * A header line that is not what it seems makes every data line look ragged,
 * and fifty "has 6 values but the header has 5 columns" hide the one cause.
 * These checks look at the header and the lines just after it and name the
 * likely cause once, at the header line. Plain functions over cells, so any
 * CSV reader can call them.
 */
import type { Problem } from '../errors.js';

/** The records a check needs: cells and the line each starts on. */
interface Line {
  cells: readonly string[];
  line: number;
}

/** How many records after the header are compared with it. */
const SAMPLE = 20;

/** The problem with the header, when the records after it show one; `lines` starts at the header. */
export function headerProblem(file: string, lines: readonly Line[]): Problem | undefined {
  const [header, ...after] = lines;
  if (!header) return undefined;
  const sample = after.slice(0, SAMPLE);
  const at = { file, line: header.line };

  // Excel writes "sep=," as a first line when asked to; it is an instruction to Excel, not data.
  if (/^sep=.?$/i.test(header.cells.join(',').trim())) {
    return { location: at, message: `is Excel's separator line ${JSON.stringify(header.cells.join(','))}, not the header`, hint: 'delete this first line; the header must be the first line' };
  }
  if (sample.length === 0) return undefined;
  const width = commonWidth(sample);
  if (width === undefined || width === header.cells.length) return undefined;

  if (header.cells.length < width) {
    const next = sample.find((record) => record.cells.length === width)!;
    return {
      location: at,
      message: `has ${header.cells.length} value${header.cells.length === 1 ? '' : 's'} but the lines after it have ${width}: it looks like a title above the header (line ${next.line}?)`,
      value: header.cells.join(','),
      hint: 'delete any title or note lines above the header; the header must be the first line',
    };
  }
  if (header.cells.length === width + 1 && header.cells[width]!.trim() === '') {
    return {
      location: at,
      message: `ends with an empty column (a trailing comma) that the lines after it do not have`,
      hint: 'remove the comma at the end of the header line',
    };
  }
  return undefined;
}

/** The number of cells most of the sampled records have, when at least three quarters agree. */
function commonWidth(sample: readonly Line[]): number | undefined {
  const counts = new Map<number, number>();
  for (const record of sample) counts.set(record.cells.length, (counts.get(record.cells.length) ?? 0) + 1);
  const [width, count] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
  return count * 4 >= sample.length * 3 ? width : undefined;
}
