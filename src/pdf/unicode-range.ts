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

const patterns = new WeakMap<ReadonlyArray<readonly [number, number]>, RegExp>();

/**
 * Whether any character of `text` falls in one of the spans. Asked of every
 * printed document, once per face: as a character class the regular
 * expression engine scans the ~0.2 MB in well under a millisecond, where a
 * loop over its characters took 10-15 ms before the document could go out.
 */
export function touchesRange(text: string, spans: ReadonlyArray<readonly [number, number]>): boolean {
  let pattern = patterns.get(spans);
  if (pattern === undefined) patterns.set(spans, (pattern = rangePattern(spans)));
  return pattern.test(text);
}

/** One character class of the spans; with the u flag a pair of surrogates is one code point, as in CSS. */
function rangePattern(spans: ReadonlyArray<readonly [number, number]>): RegExp {
  const point = (code: number) => `\\u{${code.toString(16)}}`;
  return new RegExp(`[${spans.map(([first, last]) => (first === last ? point(first) : `${point(first)}-${point(last)}`)).join('')}]`, 'u');
}
