/**
 * A few words of an output quoted in a personal-data refusal, so that a
 * reviewer can find the place (Word's Find, a workbook's cell): every pii
 * value in them shown as ****, found as the check finds them (whole tokens
 * and phrases, any case or Unicode form), so the quote never shows one.
 */
import { fold, forEachToken } from './normalise.js';
import type { PersonalData } from './pii-values.js';

/** Words quoted at most. */
const WORDS = 8;

/** The first words of `text` with the snapshots' pii values masked, "…" when there are more. */
export function maskedExcerpt(text: string, snapshots: readonly PersonalData[], words = WORDS): string {
  const masked = maskValues(text.replace(/\s+/g, ' ').trim(), snapshots);
  const all = masked.split(' ');
  return all.length > words ? `${all.slice(0, words).join(' ')}…` : masked;
}

/**
 * The text with each pii value replaced by ****. Masked whole before it is cut to a few words, so a
 * name cut in half ("Luis" of "Luis Ortega") is still masked. Folding changes a text's length only for
 * some non-ASCII letters; such a text is quoted folded (lower case), which Find still finds.
 */
function maskValues(text: string, snapshots: readonly PersonalData[]): string {
  const folded = fold(text);
  const shown = folded.length === text.length ? text : folded;
  const tokens: Array<{ token: string; start: number }> = [];
  forEachToken(folded, (token, start) => tokens.push({ token, start }));
  const covered: Array<[number, number]> = [];
  const cover = (from: number, to: number) => covered.push([tokens[from]!.start, tokens[to]!.start + tokens[to]!.token.length]);
  for (let at = 0; at < tokens.length; at++) {
    const first = tokens[at]!.token;
    for (const snapshot of snapshots) {
      if (snapshot.token(first)) cover(at, at);
      for (const length of snapshot.phraseLengths(first) ?? []) {
        if (at + length > tokens.length) continue;
        if (snapshot.phrase(tokens.slice(at, at + length).map((t) => t.token).join(' '))) cover(at, at + length - 1);
      }
    }
  }
  if (covered.length === 0) return shown;
  covered.sort((a, b) => a[0] - b[0]);
  let out = '';
  let from = 0;
  for (const [start, end] of covered) {
    if (end <= from) continue;
    out += start >= from ? `${shown.slice(from, start)}****` : '';
    from = end;
  }
  return out + shown.slice(from);
}
