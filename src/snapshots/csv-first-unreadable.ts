/**
 * Where a CSV too large for the full loader stops being CSV the streaming
 * reader reads: the first double quote inside an unquoted value, text after a
 * closing quote, a quoted value the file ends inside, or a byte that is not
 * UTF-8, at its line and column. Run only once the reader has refused the
 * file, a byte at a time in 1 MB reads: its cost is an error's, not a build's.
 */
import { closeSync, openSync, readSync } from 'node:fs';

export interface UnreadableSpot {
  line: number;
  column: number;
  /** What is there, as "the streaming CSV reader does not read …" ends. */
  what: string;
  hint: string;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const CHUNK = 1 << 20;

const QUOTING_HINT = 'a value that holds a double quote is quoted whole, with its own quotes doubled ("5"" pipe"); re-export the file with standard CSV quoting';

/** The first spot the streaming reader cannot read, or undefined when the bytes are CSV it reads. */
export function firstUnreadableSpot(path: string): UnreadableSpot | undefined {
  const fd = openSync(path, 'r');
  try {
    return scan(fd);
  } finally {
    closeSync(fd);
  }
}

type State = 'cellStart' | 'unquoted' | 'quoted' | 'closed';

function scan(fd: number): UnreadableSpot | undefined {
  const buffer = Buffer.alloc(CHUNK + 4);
  let state: State = 'cellStart';
  let line = 1;
  let column = 0;
  let opened = { line: 0, column: 0 };
  let afterCr = false;
  // Continuation bytes still expected of a UTF-8 character, and the range its next byte must be in.
  let pending = 0;
  let lead = 0;
  let low = 0x80;
  let high = 0xbf;
  let offset = 0;
  for (let first = true; ; first = false) {
    const length = readSync(fd, buffer, 0, CHUNK, offset);
    if (length === 0) break;
    offset += length;
    let i = first && length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
    for (; i < length; i++) {
      const byte = buffer[i]!;
      if (pending > 0) {
        // The character's first byte is the one to show: 0xE9 is é in Windows-1252, whatever follows it.
        if (byte < low || byte > high) return notUtf8(line, column, lead);
        pending--;
        low = 0x80;
        high = 0xbf;
        continue;
      }
      if (byte === LF && afterCr) {
        afterCr = false;
        continue;
      }
      afterCr = false;
      if (byte === LF || byte === CR) {
        if (state !== 'quoted') state = 'cellStart';
        afterCr = byte === CR;
        line++;
        column = 0;
        continue;
      }
      column++;
      if (byte >= 0x80) {
        const sequence = utf8Lead(byte);
        if (!sequence) return notUtf8(line, column, byte);
        [pending, low, high] = sequence;
        lead = byte;
      }
      if (state === 'quoted') {
        if (byte === QUOTE) state = 'closed';
        continue;
      }
      if (state === 'closed') {
        // A doubled quote inside a quoted value, or its end.
        if (byte === QUOTE) state = 'quoted';
        else if (byte === COMMA) state = 'cellStart';
        else return { line, column, what: 'text after the closing quote of a quoted value', hint: QUOTING_HINT };
        continue;
      }
      if (byte === COMMA) state = 'cellStart';
      else if (byte === QUOTE && state === 'cellStart') {
        state = 'quoted';
        opened = { line, column };
      } else if (byte === QUOTE) return { line, column, what: 'a double quote inside an unquoted value', hint: QUOTING_HINT };
      else state = 'unquoted';
    }
  }
  if (pending > 0) return notUtf8(line, column, lead);
  if (state === 'quoted') {
    return { ...opened, what: 'a quoted value that is not closed (the file ends inside it)', hint: 'the export was cut off, or a quote in a value was not doubled; re-export the file' };
  }
  return undefined;
}

/** A UTF-8 lead byte: how many continuation bytes follow, and the range of the first (no overlong form, no surrogate). */
function utf8Lead(byte: number): [number, number, number] | undefined {
  if (byte >= 0xc2 && byte <= 0xdf) return [1, 0x80, 0xbf];
  if (byte === 0xe0) return [2, 0xa0, 0xbf];
  if (byte === 0xed) return [2, 0x80, 0x9f];
  if (byte >= 0xe1 && byte <= 0xef) return [2, 0x80, 0xbf];
  if (byte === 0xf0) return [3, 0x90, 0xbf];
  if (byte >= 0xf1 && byte <= 0xf3) return [3, 0x80, 0xbf];
  if (byte === 0xf4) return [3, 0x80, 0x8f];
  return undefined;
}

function notUtf8(line: number, column: number, byte: number): UnreadableSpot {
  return {
    line,
    column,
    what: `bytes that are not UTF-8 (byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')})`,
    hint: 'save the export as UTF-8 (in Excel: Save As › "CSV UTF-8 (Comma delimited)"), or set snapshots.encoding (windows-1252, utf-16le, utf-16be) to what it is',
  };
}
