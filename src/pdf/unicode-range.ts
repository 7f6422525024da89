/**
 * Whether a document has a character in a font face's CSS unicode-range: a
 * face whose range the document never touches is one Chrome never loads, so
 * the printer need not send it inline (see Printer.withUncachedAssetsInline).
 */

/** [first, last] code points of a unicode-range ("U+0100-02BA,U+2113,U+4??"). */
export function parseUnicodeRange(range: string): Array<[number, number]> {
  return range.split(',').map((part) => {
    const spec = part.trim().replace(/^U\+/i, '');
    const [first, last] = spec.includes('-') ? spec.split('-') : [spec.replace(/\?/g, '0'), spec.replace(/\?/g, 'F')];
    const span: [number, number] = [Number.parseInt(first!, 16), Number.parseInt(last!, 16)];
    if (!span.every(Number.isFinite)) throw new Error(`not a unicode-range: ${range}`);
    return span;
  });
}

/** Whether any character of `text` falls in one of the spans. */
export function touchesRange(text: string, spans: ReadonlyArray<readonly [number, number]>): boolean {
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    // A surrogate pair is one character beyond U+FFFF.
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) code = text.codePointAt(i++)!;
    for (const [first, last] of spans) if (code >= first && code <= last) return true;
  }
  return false;
}
