/** The words of a PDF with their positions (poppler's pdftotext -bbox), for tests of where text sits on a page. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export interface Word {
  page: number;
  text: string;
  x: number;
  y: number;
}

/** Every word of the PDF with its page and top-left corner. */
export async function words(file: string): Promise<{ words: Word[]; pageHeight: number }> {
  const { stdout } = await promisify(execFile)('pdftotext', ['-bbox', file, '-'], { maxBuffer: 64 * 1024 * 1024 });
  const found: Word[] = [];
  let page = 0;
  let pageHeight = 0;
  for (const line of stdout.split('\n')) {
    const pageMatch = /<page width="[\d.]+" height="([\d.]+)">/.exec(line);
    if (pageMatch) {
      page++;
      pageHeight = Number(pageMatch[1]);
    }
    const word = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)<\/word>/.exec(line);
    if (word) found.push({ page, text: word[3]!.replace(/&apos;/g, "'").replace(/&amp;/g, '&'), x: Number(word[1]), y: Number(word[2]) });
  }
  return { words: found, pageHeight };
}

/** Line numbers are the numerals in the left margin (left of the 1-inch text edge). */
export const isLineNumber = (w: Word) => w.x < 60 && /^\d+$/.test(w.text);

/** Per page, the line numbers printed and the words that sit on no numbered line (the footer below the last line aside). */
export async function pleadingLines(file: string): Promise<Array<{ numbers: string[]; off: string[] }>> {
  const { words: all, pageHeight } = await words(file);
  const pages = Math.max(0, ...all.map((w) => w.page));
  return Array.from({ length: pages }, (_, i) => {
    const numbers = all.filter((w) => w.page === i + 1 && isLineNumber(w));
    const lastLine = numbers[numbers.length - 1]?.y ?? 0;
    const text = all.filter((w) => w.page === i + 1 && !isLineNumber(w) && w.y <= lastLine + 1 && w.y < pageHeight);
    const off = text.filter((w) => !numbers.some((n) => Math.abs(n.y - w.y) < 0.5));
    return { numbers: numbers.map((n) => n.text), off: off.map((w) => `${w.text} at ${w.y.toFixed(1)}`) };
  });
}
