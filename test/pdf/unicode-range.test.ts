import { describe, expect, it } from 'vitest';
import { parseUnicodeRange, touchesRange } from '../../src/pdf/unicode-range.js';

describe('unicode-range', () => {
  it('reads single code points, spans and wildcards', () => {
    expect(parseUnicodeRange('U+0100-02BA, U+2113,U+4??')).toEqual([
      [0x100, 0x2ba],
      [0x2113, 0x2113],
      [0x400, 0x4ff],
    ]);
  });

  it('finds a character of the range in a document, and none in one without', () => {
    const latinExt = parseUnicodeRange('U+0100-02BA,U+2113');
    expect(touchesRange('<p>Dept. of Homeland Security — “Mayorkas”</p>', latinExt)).toBe(false);
    expect(touchesRange('<p>Łukasz Nowak</p>', latinExt)).toBe(true);
  });

  it('reads a character beyond U+FFFF as one code point', () => {
    expect(touchesRange('a\u{1D400}b', parseUnicodeRange('U+1D400'))).toBe(true);
    expect(touchesRange('a\u{1D400}b', parseUnicodeRange('U+D835'))).toBe(false);
  });
});
