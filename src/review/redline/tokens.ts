/**
 * The words of a report, for a redline: figures ("2,545", "$1,200.50",
 * "12.5%", "−3"), dates ("May 31, 2024", "2024-05-31") and citations
 * ("Fed. R. Civ. P. 5.2", "ECF No. 30", "No. 3:23-cv-9962-TKW-ZCB",
 * "§ 1226(a)") are one token each, so a changed figure is struck and inserted
 * whole, never as "2," + "545".
 */

export interface Token {
  text: string;
  /** Whitespace came before it in the text (how to put the words back together). */
  spaced: boolean;
  /** A block of the report (a paragraph, a heading, a table row) ended before it: where the DOCX redline starts a paragraph. */
  paragraph: boolean;
}

/** What reportText puts where a block of the report ends: whitespace to the tokeniser, a paragraph to the redline. */
export const BLOCK_END = '\u2029';

const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Mar\\.|Apr\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.)';
const PATTERNS = [
  // Citations first: they hold figures and dots of their own.
  String.raw`Fed\.\s+R\.\s+(?:Civ|Crim|App|Evid|Bankr)\.\s+P\.\s+\d+(?:\.\d+)*(?:\([a-zA-Z0-9]+\))*`,
  String.raw`(?:[A-Z]\.){1,2}[A-Z]\.?\s+[A-Z][a-z]+\.\s+Loc\.\s+R\.\s+\d+(?:\.\d+)*(?:\([a-zA-Z0-9]+\))*`,
  String.raw`Loc\.\s+R\.\s+\d+(?:\.\d+)*(?:\([a-zA-Z0-9]+\))*`,
  String.raw`\d+\s+U\.S\.C\.\s+\u00a7+\s*\d+[a-z]?(?:\([a-zA-Z0-9]+\))*`,
  String.raw`\u00a7+\s*\d+[a-z]?(?:\.\d+)*(?:\([a-zA-Z0-9]+\))*`,
  String.raw`ECF\s+No\.\s+\d+(?:-\d+)?`,
  String.raw`No\.\s+\d[\w:.-]*\w`,
  // Dates.
  String.raw`${MONTH}\s+\d{1,2},\s+\d{4}`,
  String.raw`\d{4}-\d{2}-\d{2}`,
  String.raw`\d{1,2}/\d{1,2}/\d{2,4}`,
  // Figures, with a sign, a currency, thousands separators, decimals and a percent sign.
  String.raw`[+\u2212-]?\$?\d{1,3}(?:,\d{3})+(?:\.\d+)?%?`,
  String.raw`[+\u2212-]?\$?\d+(?:\.\d+)?%?`,
  // Words (with inner apostrophes and hyphens), then any other single character.
  String.raw`[\p{L}\p{N}]+(?:['\u2019-][\p{L}\p{N}]+)*`,
  String.raw`\S`,
];
const TOKEN = new RegExp(PATTERNS.map((p) => `(?:${p})`).join('|'), 'gu');

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let end = 0;
  for (const match of text.matchAll(TOKEN)) {
    const gap = text.slice(end, match.index);
    tokens.push({ text: match[0], spaced: match.index > end && /\s/.test(gap), paragraph: gap.includes(BLOCK_END) });
    end = match.index + match[0].length;
  }
  return tokens;
}

/**
 * The reading text of a report.html: no styles, fonts, chart drawing or
 * watermark; block ends become BLOCK_END; entities decoded.
 */
export function reportText(html: string): string {
  return decodeEntities(
    html
      .replace(/<head[\s\S]*?<\/head>/gi, ' ')
      .replace(/<(style|script|svg)\b[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<div class="watermark"[^>]*>[\s\S]*?<\/div>/gi, ' ')
      .replace(/<\/(p|h[1-6]|li|tr|div|section|table|figure)>|<br\s*\/?>/gi, BLOCK_END)
      .replace(/<\/t[dh]>/gi, ' ')
      .replace(/<[^>]*>/g, ''),
  );
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
