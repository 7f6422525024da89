/**
 * How many lines a short text takes in Times New Roman at a width: for the
 * ")" column of a caption, which has one ")" a line of the parties beside it,
 * wrapped lines included. Word and LibreOffice wrap at spaces; the widths are
 * Times Roman's (its AFM, in thousandths of an em), the metrics Times New
 * Roman and Liberation Serif share. A word not listed counts as an "n".
 */
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const UPPER_WIDTHS = [722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611];
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const LOWER_WIDTHS = [444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444];
const OTHER: Record<string, number> = { ' ': 250, ',': 250, '.': 250, ':': 278, ';': 278, '-': 333, "'": 333, '’': 333, '&': 778, '(': 333, ')': 333 };

function charWidth(c: string): number {
  const upper = UPPER.indexOf(c);
  if (upper >= 0) return UPPER_WIDTHS[upper]!;
  const lower = LOWER.indexOf(c);
  if (lower >= 0) return LOWER_WIDTHS[lower]!;
  if (c >= '0' && c <= '9') return 500;
  return OTHER[c] ?? 500;
}

/** Lines of `text` at `sizePt` in a line `widthTwips` wide, wrapped at spaces. */
export function wrappedLines(text: string, sizePt: number, widthTwips: number): number {
  const width = (s: string) => ([...s].reduce((sum, c) => sum + charWidth(c), 0) * sizePt * 20) / 1000;
  const space = width(' ');
  let lines = 1;
  let used = 0;
  for (const word of text.split(' ').filter((w) => w !== '')) {
    const w = width(word);
    if (used > 0 && used + space + w > widthTwips) {
      lines++;
      used = w;
    } else used += (used > 0 ? space : 0) + w;
  }
  return lines;
}
