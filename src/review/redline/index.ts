/** The redline of a report against the last filed one: its summary for review.json and its hunks for review.html. */
import { diffTokens, hunks, type Edit, type Hunk } from './diff.js';
import { reportText, tokenize } from './tokens.js';

export interface Redline {
  /** The filed report compared against, as a person would name it. */
  against: string;
  /** Tokens inserted and deleted. */
  insertions: number;
  deletions: number;
  hunks: Hunk[];
  /** Every edit, unchanged words included: the whole text, for redline.docx. */
  edits: Edit[];
}

export function redlineReports(filedHtml: string, currentHtml: string, against: string): Redline {
  const edits = diffTokens(tokenize(reportText(filedHtml)), tokenize(reportText(currentHtml)));
  const count = (kind: 'insert' | 'delete') => edits.filter((e) => e.kind === kind).reduce((sum, e) => sum + e.tokens.length, 0);
  return { against, insertions: count('insert'), deletions: count('delete'), hunks: hunks(edits), edits };
}

export type { Edit, Hunk };
