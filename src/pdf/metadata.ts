/**
 * Stamps a printed PDF with its document properties and fixed dates, so the
 * same inputs and --as-of give the same bytes.
 *
 * Chrome's PDFs differ between two prints only in the dates of their Info
 * dictionary. Those are overwritten in place (same length, so no offset
 * moves), and the new properties are added as a PDF incremental update: a
 * new Info object, an xref section and a trailer appended to the file. This
 * takes about a millisecond, where re-saving the whole document with a PDF
 * library takes a hundred or more.
 *
 * Chrome also names the tagged structure's elements after DOM node ids
 * ("node00000040"), which count up for as long as a page lives: the same
 * document printed on a page that printed another first would differ. They
 * are renumbered in place, in their order, so only the document decides them.
 */
import { UserError } from '../errors.js';

export interface PdfProperties {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  creator: string;
  /** The as-of date, YYYY-MM-DD: both CreationDate and ModDate. */
  date: string;
}

export function stampPdf(pdf: Uint8Array, properties: PdfProperties): Uint8Array {
  const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  // latin1 maps bytes to chars one for one, so string offsets are byte offsets.
  const text = bytes.toString('latin1');
  const trailer = lastTrailer(text);
  const date = pdfDate(properties.date);
  const fixed = Buffer.from(bytes);
  renumberNodeIds(text, fixed);
  // Chrome writes (D:YYYYMMDDHHmmSS+00'00'); any date of that shape is replaced by one of the same length.
  for (const match of text.matchAll(/\/(CreationDate|ModDate) \((D:\d{14}[+\-Z][^)]*)\)/g)) {
    const start = match.index + match[0].indexOf('(') + 1;
    fixed.write(date.padEnd(match[2]!.length, ' ').slice(0, match[2]!.length), start, 'latin1');
  }

  const info = [
    `/Title ${pdfText(properties.title)}`,
    `/Author ${pdfText(properties.author)}`,
    `/Subject ${pdfText(properties.subject)}`,
    `/Keywords ${pdfText(properties.keywords.join(', '))}`,
    `/Creator ${pdfText(properties.creator)}`,
    `/Producer ${pdfText(properties.creator)}`,
    `/CreationDate (${date})`,
    `/ModDate (${date})`,
  ].join('\n');
  const separator = text.endsWith('\n') ? '' : '\n';
  const infoOffset = fixed.length + separator.length;
  const infoObject = `${trailer.info} 0 obj\n<<${info}>>\nendobj\n`;
  const xrefOffset = infoOffset + infoObject.length;
  const update =
    separator +
    infoObject +
    `xref\n${trailer.info} 1\n${String(infoOffset).padStart(10, '0')} 00000 n \n` +
    `trailer\n<</Size ${trailer.size}\n/Root ${trailer.root} 0 R\n/Info ${trailer.info} 0 R\n/Prev ${trailer.xref}>>\n` +
    `startxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.concat([fixed, Buffer.from(update, 'latin1')]);
}

/** Renumbers (nodeNNNNNNNN) strings outside streams 1, 2, 3… in their numeric order; same length, so nothing moves. */
function renumberNodeIds(text: string, out: Buffer): void {
  const streams = streamRanges(text);
  const found: Array<{ at: number; id: number }> = [];
  // Matches and streams both come in file order: one pass over the two (a report has thousands of ids, hundreds of streams).
  let next = 0;
  for (const match of text.matchAll(/\(node(\d{8})\)/g)) {
    while (next < streams.length && streams[next]![1] <= match.index) next++;
    const stream = streams[next];
    if (stream && match.index > stream[0] && match.index < stream[1]) continue;
    found.push({ at: match.index + 5, id: Number(match[1]) });
  }
  const order = [...new Set(found.map((f) => f.id))].sort((a, b) => a - b);
  const renumbered = new Map(order.map((id, index) => [id, String(index + 1).padStart(8, '0')]));
  for (const { at, id } of found) out.write(renumbered.get(id)!, at, 'latin1');
}

/** Byte ranges of stream data (compressed content may hold any bytes). */
function streamRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (let at = text.indexOf('stream', 0); at !== -1; ) {
    if (text.startsWith('endstream', at - 3)) {
      at = text.indexOf('stream', at + 6);
      continue;
    }
    const end = text.indexOf('endstream', at + 6);
    if (end === -1) break;
    ranges.push([at, end]);
    at = text.indexOf('stream', end + 9);
  }
  return ranges;
}

interface Trailer {
  size: number;
  root: number;
  info: number;
  /** Offset of the last xref section. */
  xref: number;
}

function lastTrailer(text: string): Trailer {
  const at = text.lastIndexOf('trailer');
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
  const dictionary = at >= 0 ? text.slice(at, startxref?.index ?? text.length) : '';
  const number = (key: string) => /(\d+)/.exec(new RegExp(`/${key}\\s+(\\d+)`).exec(dictionary)?.[1] ?? '')?.[1];
  const [size, root, info] = [number('Size'), number('Root'), number('Info')];
  if (!startxref || !size || !root || !info) {
    // Chrome always writes a classic trailer; anything else is a browser we do not know.
    throw new UserError({ message: 'the browser produced a PDF without the trailer court-report expects', hint: 'use Chrome or Chromium 120 or newer' });
  }
  return { size: Number(size), root: Number(root), info: Number(info), xref: Number(startxref[1]) };
}

/** A PDF date at noon UTC of the given day, so no time zone shows it as the day before. */
function pdfDate(isoDate: string): string {
  return `D:${isoDate.replace(/-/g, '')}120000+00'00'`;
}

/** A PDF text string: UTF-16BE with its byte-order mark, as hex, so any character is safe. */
function pdfText(value: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < value.length; i++) hex += value.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return `<${hex}>`;
}
