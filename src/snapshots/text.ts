import { UserError } from '../errors.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');
const REPLACEMENT = '\uFFFD';

/** Decodes a text snapshot, rejecting anything that is not UTF-8. A BOM is dropped. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    const bad = firstInvalidByte(bytes);
    throw new UserError({
      location: { file, ...positionInText(bad.textBefore, bad.textBefore.length) },
      message: `is not UTF-8 text (byte 0x${bad.byte.toString(16).toUpperCase().padStart(2, '0')} is not valid UTF-8)`,
      hint: 'save it as UTF-8 (in Excel: Save As › "CSV UTF-8")',
    });
  }
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
