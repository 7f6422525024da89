/**
 * The last check before a report is written: no raw value of a `pii` field
 * from the snapshots used may appear in the document. The error names the
 * field and the (masked) record key, never the value.
 */
import { UserError } from '../errors.js';
import type { Snapshot } from '../snapshots/types.js';
import { mask } from './mask.js';
import { piiValues, type PiiValue, type PiiValues } from './pii-values.js';

export type { PiiValue, PiiValues };

/** The raw values of a snapshot's pii fields, with where each came from. */
export interface PiiIndex {
  values: PiiValues;
  /** The values that are not one token, which the scan must search for. */
  multiToken: Array<[string, PiiValue]>;
}

/** Built once per snapshot: a batch checks each snapshot twice, as a period's current and as the next one's prior. */
const indexes = new WeakMap<Snapshot, PiiIndex>();

export function piiIndex(snapshot: Snapshot): PiiIndex {
  let index = indexes.get(snapshot);
  if (!index) {
    index = piiValues(snapshot);
    indexes.set(snapshot, index);
  }
  return index;
}

/**
 * Looks for the values of the snapshots' indexes in the document's markup and
 * in its text (tags stripped, entities decoded), leaving out inlined fonts and
 * images. A value in several snapshots is reported from the first.
 */
export function assertNoPii(html: string, snapshots: readonly PiiIndex[], maskVisible: number): void {
  if (snapshots.every((s) => s.values.size === 0)) return;
  // Inlined fonts and images are most of the document and hold no data: cut them out first.
  const markup = withoutDataUrls(html);
  const text = decodeEntities(markup.replace(/<style[\s\S]*?<\/style>/g, ' ').replace(/<[^>]*>/g, ''));
  const found = new Map<string, PiiValue>();
  const lookUp = (value: string) => {
    for (const snapshot of snapshots) {
      const hit = snapshot.values.get(value);
      if (hit) return hit;
    }
    return undefined;
  };
  for (const haystack of [markup, text]) {
    // Most identifiers are single tokens: look them up; scan for the rest.
    for (const token of haystack.match(TOKENS) ?? []) {
      // A token may end in punctuation that is not part of the value ("A123."); trimming is rarely needed.
      const hit = lookUp(token) ?? (TRAILING_PUNCTUATION.test(token) ? lookUp(token.replace(TRAILING_PUNCTUATION, '')) : undefined);
      if (hit) found.set(hit.field + '\u0000' + hit.key, hit);
    }
    snapshots.forEach((snapshot, i) => {
      const earlier = snapshots.slice(0, i);
      for (const [value, hit] of snapshot.multiToken) {
        if (earlier.some((e) => e.values.has(value))) continue;
        if (haystack.includes(value)) found.set(hit.field + '\u0000' + hit.key, hit);
      }
    });
  }
  if (found.size === 0) return;
  throw new UserError(
    [...found.values()].slice(0, 20).map((hit) => ({
      message: `the report would print the ${hit.field} of record ${hit.keyIsPii ? mask(hit.key, maskVisible) : hit.key} in full; nothing was written`,
      hint: `${hit.field} is marked pii: show it only masked (pii fields reach templates masked), or remove it from the template`,
    })),
  );
}

const TOKENS = /[\p{L}\p{N}][\p{L}\p{N}_.@-]*/gu;
const TRAILING_PUNCTUATION = /[.@_-]+$/;

/** The document with the payload of every base64 data: URL removed (found with indexOf and a sticky regex, not a regex over 500 KB). */
function withoutDataUrls(html: string): string {
  const parts: string[] = [];
  let from = 0;
  for (let at = html.indexOf(';base64,', from); at !== -1; at = html.indexOf(';base64,', from)) {
    parts.push(html.slice(from, at + 8));
    BASE64_RUN.lastIndex = at + 8;
    BASE64_RUN.exec(html);
    from = BASE64_RUN.lastIndex;
  }
  parts.push(html.slice(from));
  return parts.join('');
}

/** Matches a (possibly empty) run of base64 characters where it is told to start. */
const BASE64_RUN = /[A-Za-z0-9+/=]*/y;

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
