/**
 * RFC 5545 text, written by hand: the `ics` package folds at 75 characters
 * rather than octets and writes invalid TRIGGER durations.
 */

/** TEXT values escape backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11). */
export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds a content line at 75 octets (§3.1): continuation lines start with a
 * space, which counts toward their 75, and a UTF-8 character is never split.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const character of line) {
    const size = Buffer.byteLength(character, 'utf8');
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      // The leading space of a continuation line is one of its 75 octets.
      limit = 74;
    }
    current += character;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** YYYY-MM-DD → YYYYMMDD, a DATE value. */
export function icsDate(iso: string): string {
  return iso.replaceAll('-', '');
}

/** Lines joined with CRLF, each folded, ending with CRLF. */
export function icsText(lines: string[]): string {
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
