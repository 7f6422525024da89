/**
 * How a CSV export was saved, when it is not the loaders' default (UTF-8,
 * commas): init has no config to read `snapshots.encoding` or
 * `snapshots.delimiter` from, so it tells them from the bytes and writes
 * them into the new report.yaml, where every later month is read the same way.
 */
import type { CsvDelimiter } from '../config/schema.js';
import { byteOrderMark, decodeWindows1252 } from '../snapshots/text.js';

export interface CsvDialect {
  /** Set when the file is not UTF-8 (and has no byte order mark): read as Windows-1252, what Excel on Windows saves. */
  encoding?: 'windows-1252';
  /** Set when the header is separated by something other than commas. */
  delimiter?: Exclude<CsvDelimiter, ','>;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const CANDIDATES: Array<Exclude<CsvDelimiter, ','>> = [';', '\t', '|'];

export function sniffCsv(bytes: Uint8Array): CsvDialect {
  const dialect: CsvDialect = {};
  let text: string;
  if (byteOrderMark(bytes) !== undefined) {
    // The loaders read a marked file by its mark; the header is still needed for the delimiter.
    text = new TextDecoder(byteOrderMark(bytes)!).decode(bytes.subarray(0, 64 * 1024));
  } else {
    try {
      text = strictUtf8.decode(bytes);
    } catch {
      // Not UTF-8. Windows-1252 decodes any byte, so this is a choice, which the CLI reports.
      dialect.encoding = 'windows-1252';
      text = decodeWindows1252(bytes);
    }
  }
  const delimiter = headerDelimiter(text);
  if (delimiter !== undefined) dialect.delimiter = delimiter;
  return dialect;
}

/** The separator the header line splits on most often, outside quotes; undefined for commas (or nothing). */
function headerDelimiter(text: string): Exclude<CsvDelimiter, ','> | undefined {
  const header = firstLine(text);
  const counts = new Map<string, number>();
  let quoted = false;
  for (const c of header) {
    if (c === '"') quoted = !quoted;
    else if (!quoted) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const commas = counts.get(',') ?? 0;
  let best: Exclude<CsvDelimiter, ','> | undefined;
  for (const candidate of CANDIDATES) {
    const count = counts.get(candidate) ?? 0;
    // Commas win ties: they are the default, and a header "a;b,c;d" is read as the loaders would.
    if (count > commas && count > (best === undefined ? 0 : (counts.get(best) ?? 0))) best = candidate;
  }
  return best;
}

function firstLine(text: string): string {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const end = text.search(/\r?\n/);
  return text.slice(start, end === -1 ? Math.min(text.length, 64 * 1024) : end);
}
