/**
 * A written .docx as the personal-data check reads it (its words, partsText)
 * and, once it has refused it, which paragraph a line of those words is in:
 * the numbered paragraph as the court reads it ("paragraph 3"), or the
 * paragraph's first words with every pii value masked, which Word's Find
 * finds; never the line of a text no one sees.
 */
import type { OutputPlace, OutputText } from '../../privacy/scan.js';
import type { WordPackage } from './package.js';
import { partsText, xmlText } from './text.js';

export function docxOutput(name: string, word: WordPackage): OutputText {
  return { name, text: partsText(word.textParts), placeOf: (line, excerpt) => paragraphAt(name, word, line, excerpt) };
}

/** Where a part's paragraphs are, as a reader names it. */
function partLabel(part: string): string {
  if (/\/header\d*\.xml$/.test(part)) return "the page header's";
  if (/\/footer\d*\.xml$/.test(part)) return "the page footer's";
  return "the body's";
}

/**
 * The paragraph holding `line` of partsText: each part's XML cut after every </w:p>, each piece's
 * words counted in lines as partsText counts them (a paragraph ends a line; the parts are joined by one).
 */
function paragraphAt(name: string, word: WordPackage, line: number, excerpt: (text: string) => string): OutputPlace | undefined {
  let start = 1;
  for (let part = 0; part < word.textParts.length; part++) {
    const numbered = new Map<string, number>();
    let before = '';
    const pieces = word.textParts[part]!.split(/(?<=<\/w:p>)/);
    for (const piece of pieces) {
      const text = xmlText(piece);
      const breaks = text.split('\n').length - 1;
      const numId = /<w:numPr>.*?<w:numId w:val="(\d+)"/s.exec(piece)?.[1];
      const number = numId === undefined ? undefined : (numbered.get(numId) ?? 0) + 1;
      if (numId !== undefined) numbered.set(numId, number!);
      const ends = piece.endsWith('</w:p>');
      if (line >= start && (line < start + breaks || (!ends && line <= start + breaks))) {
        const words = excerpt(text);
        // A paragraph that is all the value ("****") is found by the one before it.
        const after = /^(\*{4}\W*)+$/.test(words) && before !== '' ? `, after "${excerpt(before)}"` : '';
        const place = number !== undefined ? `in paragraph ${number} ("${words}")` : `in ${partLabel(word.textPartNames[part] ?? '')} paragraph "${words}"${after}`;
        return { location: { file: name }, place };
      }
      if (text.trim() !== '') before = text;
      start += breaks;
    }
    // The next part begins on the line after this part's last.
    start += 1;
  }
  return undefined;
}
