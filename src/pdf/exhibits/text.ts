/**
 * The words of a PDF exhibit, page by page, for the personal-data check:
 * read from the pages' content streams with pdf-lib's low-level objects (no
 * PDF text tool is a product dependency). A string shown with Tj, TJ, ' or "
 * is decoded by its font's ToUnicode map, or for a simple font by its
 * encoding (WinAnsi, with /Differences glyph names where they name a
 * character); text in form XObjects is read too. A page whose text cannot be
 * decoded (a scan, or a composite font without a ToUnicode map) is listed as
 * unread: the caller says so, it is never passed as checked.
 */
import { decodePDFRawStream, PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFStream, type PDFDocument, type PDFObject } from 'pdf-lib';
import { tokens, type Token } from './content-tokens.js';

export interface ExhibitText {
  /** The text of each page, in content order; lines where the PDF starts a new line. */
  pages: string[];
  /** 1-based numbers of pages with no decodable text. */
  unread: number[];
}

/** How a font's string bytes become text. */
interface FontReader {
  /** Bytes per character code: 1 for simple fonts, from the CMap's code space for composite ones. */
  width: number;
  decode(code: number): string | undefined;
  /** No map to Unicode: its strings cannot be read. */
  opaque: boolean;
}

const MAX_FORM_DEPTH = 8;

export function exhibitText(doc: PDFDocument): ExhibitText {
  const pages: string[] = [];
  const unread: number[] = [];
  doc.getPages().forEach((page, i) => {
    const state = { text: '', opaqueStrings: 0, strings: 0 };
    const resources = page.node.Resources();
    for (const stream of contentStreams(page.node.Contents(), doc)) read(bytesOf(stream), resources, doc, state, 0);
    const text = state.text.replace(/[ \t]+/g, ' ').replace(/ ?\n ?/g, '\n').replace(/\n+/g, '\n').trim();
    pages.push(text);
    if (text === '' || state.opaqueStrings > state.strings / 2) unread.push(i + 1);
  });
  return { pages, unread };
}

function contentStreams(contents: PDFObject | undefined, doc: PDFDocument): PDFStream[] {
  const resolved = contents ? doc.context.lookup(contents) : undefined;
  if (resolved instanceof PDFStream) return [resolved];
  if (resolved instanceof PDFArray) return resolved.asArray().flatMap((item) => contentStreams(item, doc));
  return [];
}

function bytesOf(stream: PDFStream): Uint8Array {
  return stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : stream.getContents();
}

interface ReadState {
  text: string;
  strings: number;
  opaqueStrings: number;
}

function read(content: Uint8Array, resources: PDFDict | undefined, doc: PDFDocument, state: ReadState, depth: number): void {
  const fonts = new Map<string, FontReader>();
  let font: FontReader | undefined;
  const operands: Token[] = [];
  const show = (value: Token | undefined) => {
    if (!value) return;
    if (value.kind === 'string') {
      state.strings++;
      if (!font || font.opaque) {
        state.opaqueStrings++;
        return;
      }
      state.text += decodeString(value.bytes, font);
    } else if (value.kind === 'array') {
      for (const item of value.items) {
        // A wide negative adjustment is the space between two words.
        if (item.kind === 'number' && item.value < -200) state.text += ' ';
        else show(item);
      }
    }
  };
  for (const token of tokens(content)) {
    if (token.kind !== 'operator') {
      operands.push(token);
      continue;
    }
    switch (token.name) {
      case 'Tf': {
        const name = operands[0];
        if (name?.kind === 'name') {
          if (!fonts.has(name.value)) fonts.set(name.value, fontReader(resourceEntry(resources, 'Font', name.value, doc), doc));
          font = fonts.get(name.value);
        }
        break;
      }
      case 'Tj':
        show(operands[operands.length - 1]);
        break;
      case 'TJ':
        show(operands[operands.length - 1]);
        break;
      case "'":
      case '"':
        state.text += '\n';
        show(operands[operands.length - 1]);
        break;
      case 'Td':
      case 'TD': {
        const ty = operands[1];
        state.text += ty?.kind === 'number' && ty.value !== 0 ? '\n' : ' ';
        break;
      }
      case 'T*':
      case 'Tm':
      case 'BT':
      case 'ET':
        state.text += '\n';
        break;
      case 'Do': {
        const name = operands[0];
        const xobject = name?.kind === 'name' ? resourceEntry(resources, 'XObject', name.value, doc) : undefined;
        if (xobject instanceof PDFStream && xobject.dict.get(PDFName.of('Subtype')) === PDFName.of('Form') && depth < MAX_FORM_DEPTH) {
          const own = xobject.dict.lookup(PDFName.of('Resources'));
          read(bytesOf(xobject), own instanceof PDFDict ? own : resources, doc, state, depth + 1);
          state.text += '\n';
        }
        break;
      }
    }
    operands.length = 0;
  }
}

function resourceEntry(resources: PDFDict | undefined, category: string, name: string, doc: PDFDocument): PDFObject | undefined {
  const group = resources?.lookup(PDFName.of(category));
  if (!(group instanceof PDFDict)) return undefined;
  const entry = group.get(PDFName.of(name));
  return entry ? doc.context.lookup(entry) : undefined;
}

function decodeString(bytes: Uint8Array, font: FontReader): string {
  let text = '';
  for (let i = 0; i + font.width <= bytes.length; i += font.width) {
    let code = 0;
    for (let k = 0; k < font.width; k++) code = code * 256 + bytes[i + k]!;
    text += font.decode(code) ?? '';
  }
  return text;
}

/** Each font read once however many pages use it: its ToUnicode map is the costly part. */
const readers = new WeakMap<PDFDict, FontReader>();

function fontReader(font: PDFObject | undefined, doc: PDFDocument): FontReader {
  if (!(font instanceof PDFDict)) return { width: 1, decode: () => undefined, opaque: true };
  let reader = readers.get(font);
  if (!reader) readers.set(font, (reader = newFontReader(font, doc)));
  return reader;
}

function newFontReader(font: PDFDict, doc: PDFDocument): FontReader {
  const composite = font.get(PDFName.of('Subtype')) === PDFName.of('Type0');
  const toUnicode = font.lookup(PDFName.of('ToUnicode'));
  if (toUnicode instanceof PDFStream) {
    const cmap = parseToUnicode(new TextDecoder('latin1').decode(bytesOf(toUnicode)));
    return { width: cmap.width ?? (composite ? 2 : 1), decode: (code) => cmap.map.get(code), opaque: false };
  }
  if (composite) return { width: 2, decode: () => undefined, opaque: true };
  const differences = encodingDifferences(font.lookup(PDFName.of('Encoding')), doc);
  return { width: 1, decode: (code) => differences.get(code) ?? winAnsi(code), opaque: false };
}

/** A ToUnicode CMap's bfchar and bfrange entries, and its code width from the code space. */
export function parseToUnicode(cmap: string): { width: number | undefined; map: Map<number, string> } {
  const map = new Map<number, string>();
  const space = /begincodespacerange\s*<([0-9a-fA-F]+)>/.exec(cmap);
  const width = space ? Math.max(1, Math.ceil(space[1]!.length / 2)) : undefined;
  const unicode = (hex: string) => {
    let text = '';
    for (let i = 0; i + 4 <= hex.length; i += 4) text += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
    return text;
  };
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const entry of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>/g)) map.set(parseInt(entry[1]!, 16), unicode(entry[2]!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const entry of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]*>|\[[^\]]*\])/g)) {
      const low = parseInt(entry[1]!, 16);
      const high = Math.min(parseInt(entry[2]!, 16), low + 0xffff);
      const target = entry[3]!;
      if (target.startsWith('[')) {
        [...target.matchAll(/<([0-9a-fA-F]*)>/g)].forEach((item, k) => low + k <= high && map.set(low + k, unicode(item[1]!)));
      } else {
        const hex = target.slice(1, -1);
        const last = hex.length >= 4 ? parseInt(hex.slice(-4), 16) : 0;
        for (let code = low; code <= high; code++) map.set(code, unicode(hex.slice(0, -4)) + String.fromCharCode(last + code - low));
      }
    }
  }
  return { width, map };
}

/** Glyph names of /Differences that name a character (a, A, one, comma…). */
function encodingDifferences(encoding: PDFObject | undefined, doc: PDFDocument): Map<number, string> {
  const map = new Map<number, string>();
  if (!(encoding instanceof PDFDict)) return map;
  const differences = encoding.lookup(PDFName.of('Differences'));
  if (!(differences instanceof PDFArray)) return map;
  let code = 0;
  for (const item of differences.asArray().map((o) => doc.context.lookup(o) ?? o)) {
    if (item instanceof PDFNumber) code = item.asNumber();
    else if (item instanceof PDFName) {
      const char = glyphChar(item.decodeText());
      if (char !== undefined) map.set(code, char);
      code++;
    }
  }
  return map;
}

const GLYPH_NAMES: Record<string, string> = {
  space: ' ', period: '.', comma: ',', hyphen: '-', colon: ':', semicolon: ';', slash: '/', parenleft: '(', parenright: ')', at: '@', underscore: '_', numbersign: '#',
  zero: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', quoteright: '’', quotesingle: "'", ampersand: '&',
};

function glyphChar(name: string): string | undefined {
  if (/^[A-Za-z]$/.test(name)) return name;
  const uni = /^uni([0-9A-Fa-f]{4})$/.exec(name);
  if (uni) return String.fromCharCode(parseInt(uni[1]!, 16));
  return GLYPH_NAMES[name];
}

/** WinAnsiEncoding: Latin-1 but for 0x80–0x9F, where only a few matter to words. */
const WIN_ANSI_HIGH: Record<number, string> = { 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x96: '–', 0x97: '—', 0x85: '…' };

function winAnsi(code: number): string | undefined {
  if (code >= 0x80 && code <= 0x9f) return WIN_ANSI_HIGH[code] ?? ' ';
  return code >= 0x20 ? String.fromCharCode(code) : code === 9 || code === 10 || code === 13 ? ' ' : undefined;
}

