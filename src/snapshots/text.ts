import { UserError } from '../errors.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');
const REPLACEMENT = '\uFFFD';

const saveAsUtf8 = 'save it as UTF-8 (in Excel: Save As › "CSV UTF-8")';

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
