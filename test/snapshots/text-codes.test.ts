import { describe, expect, it } from 'vitest';
import { TextCodes } from '../../src/snapshots/csv-cells.js';

/** Every text found again gives the code it was remembered with; a text never remembered gives -1. */
function checkAll(texts: string[]): void {
  const codes = new TextCodes();
  const bytes = Buffer.from(texts.join(','), 'latin1');
  const spans: Array<[number, number]> = [];
  let at = 0;
  for (const text of texts) {
    spans.push([at, at + text.length]);
    at += text.length + 1;
  }
  // Twice over: the second pass reads the cache the first filled.
  for (let pass = 0; pass < 2; pass++) {
    texts.forEach((text, code) => {
      const [start, end] = spans[code]!;
      const found = codes.find(bytes, start, end);
      if (pass === 0 && found < 0) codes.remember(bytes, start, end, code);
      else expect(found, `${text} on pass ${pass}`).toBe(texts.indexOf(text));
    });
  }
  expect(codes.find(Buffer.from('never-seen'), 0, 10)).toBe(-1);
}

describe('TextCodes', () => {
  it('tells apart texts that share a length and their first, middle and last bytes (one cache slot)', () => {
    checkAll(['ABXCD', 'ABYCD', 'ABZCD', 'AAXCD', 'ABXCD', 'ABYCD']);
  });

  it('keeps finding texts once its cache is full (a field of many distinct values)', () => {
    const many = Array.from({ length: 6000 }, (_, i) => `name-${i.toString(36)}-${'x'.repeat(i % 11)}`);
    checkAll([...many, ...many.slice(0, 100)]);
  });
});
