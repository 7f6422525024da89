/**
 * Where in an output a personal-data value was found, in the words of
 * whoever fixes it: the numbered paragraph of the report ("paragraph 7", as
 * the court reads it) or the part of the filing around it (the caption, the
 * signature block, Exhibit B); the JSON path for a JSON output
 * (metrics.released.label). Only worked out once the check has failed, so
 * its cost does not matter.
 */
import { normalisedTokens } from './normalise.js';

/** Where in `text` (the output named `name`) the phrase found on `line` is ("in paragraph 7", "at metrics.x.label"); undefined when that cannot be said. */
export function placeIn(name: string, text: string, line: number, phrase: string): string | undefined {
  if (/\.json$/i.test(name)) {
    const path = jsonPlace(text, phrase);
    return path === undefined ? undefined : path.startsWith('a key of ') ? `in ${path}` : `at ${path}`;
  }
  if (/\.x?html?$/i.test(name)) {
    const place = htmlPlace(text, line, phrase);
    return place === undefined ? undefined : `in ${place}`;
  }
  return undefined;
}

function holds(text: string, phrase: string): boolean {
  return ` ${normalisedTokens(text).join(' ')} `.includes(` ${phrase} `);
}

/** The path of the first string (or key) in the document that holds the phrase. */
function jsonPlace(text: string, phrase: string): string | undefined {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return undefined;
  }
  const search = (value: unknown, path: string): string | undefined => {
    if (typeof value === 'string') return holds(value, phrase) ? path || '(the document)' : undefined;
    if (typeof value === 'number') return holds(String(value), phrase) ? path : undefined;
    if (value === null || typeof value !== 'object') return undefined;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const found = search(value[i], `${path}[${i}]`);
        if (found) return found;
      }
      return undefined;
    }
    for (const [key, child] of Object.entries(value)) {
      // The key itself is never shown: it is the value being kept out.
      if (holds(key, phrase)) return `a key of ${path || 'the document'}`;
      const found = search(child, /^[A-Za-z_$][\w$]*$/.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`);
      if (found) return found;
    }
    return undefined;
  };
  return search(document, '');
}

/** Parts of the bundled layout, by class, as a reader names them. */
const PARTS: Record<string, string> = {
  caption: 'the caption',
  'document-title': 'the title',
  'signature-block': 'the signature block',
  signature: 'the signature block',
  certificate: 'the certificate of service',
};

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const TAG = /<(\/?)([a-zA-Z][\w-]*)([^>]*)>|<!--[\s\S]*?-->/g;

interface Open {
  tag: string;
  place: string | undefined;
  /** The numbered paragraphs' section: its paragraphs are counted. */
  paragraphs: boolean;
}

/**
 * The paragraph (or part) holding the first text on `line` that has the phrase's first word, found by
 * walking the markup's elements: numbered paragraphs are the <p> children of <section class="paragraphs">
 * not marked unnumbered, counted as the stylesheet counts them.
 */
function htmlPlace(html: string, line: number, phrase: string): string | undefined {
  const first = phrase.split(' ')[0]!;
  const stack: Open[] = [];
  let paragraph = 0;
  let exhibits = 0;
  let at = 0;
  let lineAt = 1;
  const placeHere = () => stack.findLast((open) => open.place !== undefined)?.place;
  const textHolds = (text: string) => normalisedTokens(decodeBasicEntities(text)).includes(first);
  for (const match of html.matchAll(TAG)) {
    const text = html.slice(at, match.index);
    const textLine = lineAt;
    lineAt += countLines(text) + countLines(match[0]);
    at = match.index + match[0].length;
    if (textLine <= line && textLine + countLines(text) >= line && textHolds(text)) return placeHere();
    if (match[2] === undefined) continue;
    const tag = match[2].toLowerCase();
    if (match[1] === '/') {
      const index = stack.map((open) => open.tag).lastIndexOf(tag);
      if (index !== -1) stack.length = index;
      continue;
    }
    if (VOID.has(tag) || match[3]!.endsWith('/')) continue;
    const classes = /\bclass="([^"]*)"/.exec(match[3]!)?.[1]?.split(/\s+/) ?? [];
    const parent = stack.at(-1);
    let place: string | undefined;
    if (tag === 'p' && parent?.paragraphs) {
      place = classes.includes('unnumbered') ? (paragraph > 0 ? `the unnumbered text after paragraph ${paragraph}` : 'the text before paragraph 1') : `paragraph ${++paragraph}`;
    } else if (classes.includes('exhibit')) {
      place = `Exhibit ${String.fromCharCode(65 + exhibits++)}`;
    } else {
      place = classes.map((c) => PARTS[c]).find((p) => p !== undefined);
    }
    stack.push({ tag, place, paragraphs: tag === 'section' && classes.includes('paragraphs') });
  }
  return undefined;
}

function countLines(text: string): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

function decodeBasicEntities(text: string): string {
  return text.replace(/&#x27;|&apos;/g, "'").replace(/&quot;/g, '"').replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
