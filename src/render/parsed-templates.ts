/**
 * Templates' syntax trees kept by content. Handlebars' parser is slow cold:
 * the bundled template's 24 files (20 KB) took 55-70 ms to parse, a tenth of
 * a one-report build, on every build of an unchanged template. The trees are
 * plain data (JSON), stored under a digest of the code's version and every
 * file's text, so a hit is exactly what parsing again would give; a set with
 * a syntax error is never stored (its files are parsed, and the error named).
 */
import { createHash } from 'node:crypto';
import { cacheFolder, JsonCache } from '../cache.js';
import { CODE_VERSION } from '../version.js';

type Program = hbs.AST.Program;

export interface ParsedTemplates {
  /** Each text's tree, in order; undefined where none is stored (then parse it). */
  trees: readonly (Program | undefined)[];
  /** Stores trees parsed now, when every text has one. */
  keep(trees: readonly Program[]): void;
}

export function parsedTemplates(texts: readonly string[], parserVersion: string): ParsedTemplates {
  const hash = createHash('sha256').update(JSON.stringify([CODE_VERSION, parserVersion, texts.length]));
  for (const text of texts) hash.update(`${text.length}:`).update(text);
  const key = hash.digest('hex');
  const cache = new JsonCache(cacheFolder('templates'));
  const stored = cache.read(key);
  const trees = Array.isArray(stored) && stored.length === texts.length ? (stored as Program[]) : [];
  return {
    trees: texts.map((_, i) => trees[i]),
    keep: (parsed) => {
      if (trees.length === 0 && parsed.length === texts.length) cache.write(key, parsed);
    },
  };
}
