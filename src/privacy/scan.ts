/**
 * The last check before anything is written: no raw value of a `pii` field
 * from the snapshots used may appear in any output (report.html and its text,
 * diff.json, metrics.json, review files, report.docx's text, ...). Every
 * stage that writes an output calls `assertNoPersonalData` with the texts it
 * is about to write. Each document is tokenised once and its tokens looked up
 * (a value of several words by its first token, then the rest confirmed), so
 * the check costs what the document costs, not what the snapshot costs.
 * The error says where (output file and line; the numbered paragraph or the
 * JSON path, where.ts; the template or config line the text is written on,
 * when it is), with the value masked, never in full.
 */
import { readFileSync } from 'node:fs';
import { UserError, type Problem, type SourceLocation } from '../errors.js';
import { maskedExcerpt } from './excerpt.js';
import type { Snapshot } from '../snapshots/types.js';
import { maskForMessage, maskPii } from './mask.js';
import { fold, forEachToken, normalisedPhrase, normalisedTokens } from './normalise.js';
import { collectPersonalDataSteps, type PersonalData, type PiiValue } from './pii-values.js';
import { runSteps, type Steps } from '../steps.js';
import { placeIn } from './where.js';

export type { PersonalData, PiiValue };

/** An output about to be written: its file name and its text. */
export interface OutputText {
  name: string;
  text: string;
  /**
   * Where a line of `text` is in the file, for an output whose text is not its file's lines (a
   * workbook's cells, a Word document's paragraphs): a reviewer is told the cell or paragraph, not the
   * line. `excerpt` quotes a few words of a text with every pii value in them masked.
   */
  placeOf?: (line: number, excerpt: (text: string) => string) => OutputPlace | undefined;
}

/** A place in an output a reviewer can find: the file (and sheet), and the words that say where in it. */
export interface OutputPlace {
  location: SourceLocation;
  /** "in cell Changed!C14", "in paragraph 3 (\"As of May 31, 2024, ****…\")". */
  place: string;
}

export interface PersonalDataOptions {
  maskVisible: number;
  /**
   * Files the outputs were made from (templates, the config), read only when a value is found, to
   * say on which of their lines it is written.
   */
  sources?: readonly string[];
  /** Base for the source paths shown. */
  displayPath?: (file: string) => string;
}

/** Built once per snapshot and allow list: a batch checks each snapshot twice, as a period's current and as the next one's prior. */
const collected = new WeakMap<Snapshot, Map<string, PersonalData>>();

/** The pii values of a snapshot, less those `privacy.allow` lets be printed. */
export function piiIndex(snapshot: Snapshot, allow: readonly string[] = []): PersonalData {
  return runSteps(piiIndexSteps(snapshot, allow));
}

function* piiIndexSteps(snapshot: Snapshot, allow: readonly string[]): Steps<PersonalData> {
  const allowed = new Set(allow.map(normalisedPhrase));
  const cacheKey = [...allowed].sort().join('\u0000');
  let bySnapshot = collected.get(snapshot);
  if (!bySnapshot) collected.set(snapshot, (bySnapshot = new Map()));
  let data = bySnapshot.get(cacheKey);
  if (!data) bySnapshot.set(cacheKey, (data = yield* collectPersonalDataSteps(snapshot, allowed)));
  return data;
}

/** The pii values a config's outputs are checked for: its snapshots' values, less privacy.allow. */
export function personalDataOf(snapshots: readonly Snapshot[], config: { privacy: { allow: readonly string[] } }): PersonalData[] {
  return snapshots.map((snapshot) => piiIndex(snapshot, config.privacy.allow));
}

/**
 * assertNoPersonalData of the snapshots' values, as steps that pause every few thousand records
 * or tokens: the build runs it beside Chrome printing the report, whose requests (the fonts it
 * loads, the PDF it hands back) are answered between steps rather than after the whole check.
 */
export function* personalDataCheckSteps(
  outputs: readonly OutputText[],
  snapshots: readonly Snapshot[],
  config: { privacy: { allow: readonly string[] } },
  options: PersonalDataOptions,
): Steps<void> {
  const data: PersonalData[] = [];
  for (const snapshot of snapshots) data.push(yield* piiIndexSteps(snapshot, config.privacy.allow));
  yield* checkSteps(outputs, data, options);
}

interface Hit {
  value: PiiValue;
  output: string;
  line: number;
  /** The matched text, normalised; only ever shown masked. */
  phrase: string;
}

/** Throws a UserError, nothing written, when any output holds a pii value of the snapshots. */
export function assertNoPersonalData(outputs: readonly OutputText[], snapshots: readonly PersonalData[], options: PersonalDataOptions): void {
  runSteps(checkSteps(outputs, snapshots, options));
}

function* checkSteps(outputs: readonly OutputText[], snapshots: readonly PersonalData[], options: PersonalDataOptions): Steps<void> {
  if (snapshots.every((s) => s.empty)) return;
  const hits = new Map<string, Hit>();
  for (const output of outputs) {
    for (const haystack of haystacksOf(output)) {
      yield;
      yield* findIn(haystack, output.name, snapshots, hits);
    }
  }
  if (hits.size === 0) return;
  const byName = new Map(outputs.map((output) => [output.name, output]));
  const excerpt = (text: string) => maskedExcerpt(text, snapshots);
  const problems: Problem[] = [...hits.values()].slice(0, 20).map((hit) => {
    const origin = writtenIn(hit.phrase, options);
    const output = byName.get(hit.output);
    const placed = output?.placeOf?.(hit.line, excerpt);
    const place = placed ? placed.place : placeIn(hit.output, output?.text ?? '', hit.line, hit.phrase);
    const key = hit.value.keyIsPii ? maskPii(hit.value.key, hit.value.keyType, options.maskVisible) : hit.value.key;
    return {
      location: placed?.location ?? { file: hit.output, line: hit.line },
      message: `the ${hit.value.field} of record ${key} would be printed in full ("${maskForMessage(hit.phrase)}")${place ? ` ${place}` : ''}${origin ? `, written in ${origin}` : ''}; nothing was written`,
      hint: `${hit.value.field} is marked pii: show it only masked (pii fields reach templates masked), or remove it; a value that may be printed (a named party) goes in privacy.allow`,
    };
  });
  if (hits.size > 20) problems.push({ message: `… and ${hits.size - 20} more` });
  throw new UserError(problems);
}

/** An HTML document is checked as markup (fonts and images cut out) and as text (tags stripped, entities decoded). */
function haystacksOf(output: OutputText): string[] {
  if (!/\.x?html?$/i.test(output.name)) return [output.text];
  // Inlined fonts and images are most of the document and hold no data. Data URLs hold no line breaks: lines stay.
  const markup = withoutDataUrls(output.text);
  const text = decodeEntities(
    markup.replace(/<style[\s\S]*?<\/style>/g, (style) => style.replace(/[^\n]/g, '')).replace(/<[^>]*>/g, (tag) => tag.replace(/[^\n]/g, '')),
  );
  return [markup, text];
}

function* findIn(haystack: string, output: string, snapshots: readonly PersonalData[], hits: Map<string, Hit>): Steps<void> {
  // Folded and tokenised whole, once: folding keeps every line break, so a token's line is
  // counted in the folded text, and only for a token that is reported.
  const folded = fold(haystack);
  const tokens: string[] = [];
  const starts: number[] = [];
  forEachToken(folded, (token, start) => {
    tokens.push(token);
    starts.push(start);
  });
  const record = (value: PiiValue, at: number, phrase: string) => {
    // A value printed is reported once, from the first snapshot (and record) that has it.
    if (!hits.has(phrase)) hits.set(phrase, { value, output, line: lineAt(folded, starts[at]!), phrase });
  };
  yield;
  for (let at = 0; at < tokens.length; at++) {
    if ((at & (TOKENS_PER_STEP - 1)) === 0) yield;
    const token = tokens[at]!;
    for (const snapshot of snapshots) {
      const single = snapshot.token(token);
      if (single) record(single, at, token);
      for (const length of snapshot.phraseLengths(token) ?? []) {
        if (at + length > tokens.length) continue;
        const phrase = tokens.slice(at, at + length).join(' ');
        const found = snapshot.phrase(phrase);
        if (found) record(found, at, phrase);
      }
    }
  }
}

/** Tokens looked up between pauses of the check's steps. */
const TOKENS_PER_STEP = 1 << 13;

/** The line (1-based) of a position in a text. */
function lineAt(text: string, position: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < position; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The first source line (template or config) the phrase is written on, as file:line. */
function writtenIn(phrase: string, options: PersonalDataOptions): string | undefined {
  for (const file of options.sources ?? []) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (` ${normalisedTokens(lines[i]!).join(' ')} `.includes(` ${phrase} `)) return `${options.displayPath ? options.displayPath(file) : file}:${i + 1}`;
    }
  }
  return undefined;
}

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
    .replace(/&#x([0-9a-f]+);/gi, (entity, hex: string) => codePoint(parseInt(hex, 16), entity))
    .replace(/&#(\d+);/g, (entity, dec: string) => codePoint(Number(dec), entity))
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The character of a numeric entity; one past Unicode's last code point stays as written rather than throwing. */
function codePoint(value: number, entity: string): string {
  return value <= 0x10ffff ? String.fromCodePoint(value) : entity;
}
