import type { SnapshotEncoding } from '../config/schema.js';
import { UserError } from '../errors.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');
const REPLACEMENT = '\uFFFD';

const saveAsUtf8 = 'save it as UTF-8 (in Excel: Save As › "CSV UTF-8")';
const ENCODING_HINT = 'or set snapshots.encoding to the encoding it was saved in (utf-8, windows-1252, utf-16le, utf-16be)';

/**
 * Bytes → text for every text snapshot (CSV, JSON, YAML), in the configured
 * encoding; without one, UTF-8, or UTF-16 when the file starts with its byte
 * order mark (Excel's "Unicode Text"). A byte order mark that contradicts the
 * configured encoding is an error: one of the two is wrong, and guessing
 * would change names and figures. The BOM is dropped.
 */
export function decodeSnapshotText(bytes: Uint8Array, file: string, encoding?: SnapshotEncoding): string {
  const marked = byteOrderMark(bytes);
  if (encoding !== undefined && marked !== undefined && marked !== encoding) {
    throw new UserError({
      location: { file },
      message: `starts with the ${marked.toUpperCase()} byte order mark, but snapshots.encoding is ${encoding}`,
      hint: `set snapshots.encoding: ${marked}, or re-save the file as ${encoding}`,
    });
  }
  const chosen = encoding ?? marked ?? 'utf-8';
  if (chosen === 'utf-8') return decodeUtf8(bytes, file, `${saveAsUtf8}, ${ENCODING_HINT}`);
  if (chosen === 'windows-1252') return decodeWindows1252(bytes);
  // UTF-16: an odd byte count or a lone surrogate means the file is not what the config says.
  try {
    return new TextDecoder(chosen, { fatal: true }).decode(bytes);
  } catch (error) {
    throw new UserError(
      {
        location: { file },
        message: `is not ${chosen.toUpperCase()} text (${bytes.length % 2 === 1 ? 'it has an odd number of bytes' : 'it holds an unpaired surrogate'})`,
        hint: `check snapshots.encoding${encoding === undefined ? ' (the file starts with a UTF-16 byte order mark)' : ''}`,
      },
      { cause: error },
    );
  }
}

// 0x80–0x9F in Windows-1252 (WHATWG); 0x81, 0x8D, 0x8F, 0x90 and 0x9D stay C1 controls.
const WINDOWS_1252_HIGH = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8DŽ\x8F\x90‘’“”•–—˜™š›œ\x9DžŸ';

/**
 * Node 20's TextDecoder('windows-1252') decodes as Latin-1 (0x80 becomes
 * U+0080, not €), so the 32 bytes where the two differ are mapped here.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return /[\x80-\x9f]/.test(latin1) ? latin1.replace(/[\x80-\x9f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]!) : latin1;
}

/** The UTF-8 or UTF-16 byte order mark a file starts with, if any. */
export function byteOrderMark(bytes: Uint8Array): SnapshotEncoding | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * Decodes a text input (snapshot, config, template), rejecting anything that
 * is not UTF-8 at its line and column. A BOM is dropped. UTF-16 is named as
 * such: its ASCII is valid UTF-8 with a zero byte after every letter.
 */
export function decodeUtf8(bytes: Uint8Array, file: string, hint = saveAsUtf8): string {
  const utf16 = utf16Order(bytes);
  if (utf16) {
    throw new UserError({ location: { file }, message: `is UTF-16 text (${utf16}), not UTF-8`, hint });
  }
  try {
    return strictUtf8.decode(bytes);
  } catch {
    const bad = firstInvalidByte(bytes);
    throw new UserError({
      location: { file, ...positionInText(bad.textBefore, bad.textBefore.length) },
      message: `is not UTF-8 text (byte 0x${bad.byte.toString(16).toUpperCase().padStart(2, '0')} is not valid UTF-8)`,
      hint,
    });
  }
}

/** "little-endian" or "big-endian" when the bytes look like UTF-16: a BOM, or zero bytes in every other place. */
function utf16Order(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'little-endian';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'big-endian';
  const sample = Math.min(bytes.length, 512) & ~1;
  if (sample < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = sample / 2;
  if (oddZeros > pairs * 0.6 && evenZeros === 0) return 'little-endian';
  if (evenZeros > pairs * 0.6 && oddZeros === 0) return 'big-endian';
  return undefined;
}

/**
 * Finds the first byte the lenient decoder replaced. A U+FFFD that was really
 * in the file (encoded as EF BF BD) is skipped.
 */
function firstInvalidByte(bytes: Uint8Array): { byte: number; textBefore: string } {
  const text = lenientUtf8.decode(bytes);
  const bomLength = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (let index = text.indexOf(REPLACEMENT); index !== -1; index = text.indexOf(REPLACEMENT, index + 1)) {
    const textBefore = text.slice(0, index);
    const offset = bomLength + Buffer.byteLength(textBefore);
    const genuine = bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd;
    if (!genuine) return { byte: bytes[offset] ?? 0, textBefore };
  }
  throw new Error('strict UTF-8 decoding failed but no invalid byte was found');
}

/** 1-based line and column of a character offset. */
export function positionInText(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

export function isBlankText(text: string): boolean {
  return text.trim() === '';
}
