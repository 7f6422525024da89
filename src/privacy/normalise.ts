/**
 * How the personal-data check compares text: Unicode-normalised (NFKC, so a
 * full-width or ligature letter is the plain one), case-folded ("MARCUS WEBB"
 * is "marcus webb"), and as tokens, so whitespace and line breaks between
 * words do not matter. Documents and pii values go through the same steps.
 */

/** A run of letters and digits, with _ . @ - inside (identifiers, e-mail addresses, hyphenated names). */
const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}_.@-]*/gu;
/** Punctuation a token may end in that is not part of a value ("A123." at the end of a sentence). */
const TRAILING = /[.@_-]+$/;

/** Only ASCII: NFKC leaves it as it is, and upper then lower case is lower case. */
const ASCII = /^[\x00-\x7f]*$/;

/** Case folding close to Unicode's full folding: upper then lower maps ß to ss, ﬁ (after NFKC) to fi. */
export function fold(text: string): string {
  // Most documents and values are ASCII: one test instead of two normalisations and two case mappings.
  if (ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC');
}

export function normalisedTokens(text: string): string[] {
  const tokens: string[] = [];
  forEachToken(fold(text), (token) => tokens.push(token));
  return tokens;
}

/** Each token of text already folded, with where it starts in it. */
export function forEachToken(folded: string, visit: (token: string, start: number) => void): void {
  for (const match of folded.matchAll(TOKEN)) {
    const text = match[0];
    // The trailing-punctuation pattern runs only on a token that ends in some.
    const last = text.charCodeAt(text.length - 1);
    const token = last === 0x2e || last === 0x40 || last === 0x5f || last === 0x2d ? text.replace(TRAILING, '') : text;
    if (token !== '') visit(token, match.index);
  }
}

/** A value as the check compares it: its tokens joined by one space. */
export function normalisedPhrase(text: string): string {
  return normalisedTokens(text).join(' ');
}
