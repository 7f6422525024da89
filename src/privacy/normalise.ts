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

/** Case folding close to Unicode's full folding: upper then lower maps ß to ss, ﬁ (after NFKC) to fi. */
export function fold(text: string): string {
  return text.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC');
}

export function normalisedTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const match of fold(text).matchAll(TOKEN)) {
    const token = match[0].replace(TRAILING, '');
    if (token !== '') tokens.push(token);
  }
  return tokens;
}

/** A value as the check compares it: its tokens joined by one space. */
export function normalisedPhrase(text: string): string {
  return normalisedTokens(text).join(' ');
}
