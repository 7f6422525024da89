/**
 * The `[bracketed]` placeholders `court-report init` writes into the caption,
 * the signature block and the title ("/s/ [Signing attorney]"). A draft may
 * carry them; a final report must not be filed with them.
 */
import type { Problem } from '../errors.js';
import type { YamlPath, YamlSource } from './yaml-source.js';

/** A bracketed phrase with a letter in it: "[Signing attorney]", "[FILING PARTY'S] STATUS REPORT". */
const PLACEHOLDER = /\[[^\]\n]*\p{L}[^\]\n]*\]/u;

/** The parts of a definition that are printed as written: the caption, signers and the document's words. */
const PRINTED = ['case', 'filer', 'declarant', 'template'] as const;

/** Every placeholder still in the printed parts, at its line and column. */
export function placeholderProblems(input: unknown, source: YamlSource): Problem[] {
  const problems: Problem[] = [];
  const visit = (value: unknown, path: YamlPath): void => {
    if (typeof value === 'string') {
      const found = PLACEHOLDER.exec(value);
      if (found) {
        problems.push({
          location: source.locate(path),
          message: `${path.join('.')} is still a placeholder: ${found[0]}`,
          hint: 'fill it in before filing; a draft builds with it',
        });
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, [...path, index]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
    }
  };
  if (input !== null && typeof input === 'object') {
    for (const part of PRINTED) visit((input as Record<string, unknown>)[part], [part]);
  }
  return problems;
}
