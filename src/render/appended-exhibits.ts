/**
 * Exhibits that are existing PDFs (template.exhibits): lettered after the
 * exhibits the body writes, in the order the config lists them. A cover page
 * is printed with the report (the exhibit partial, with no content) so it has
 * the report's fonts, tags and bookmark; the PDF's own pages follow it.
 */
import type { PdfExhibitSource } from '../config/types.js';

export interface AppendedExhibit extends PdfExhibitSource {
  letter: string;
}

/** The letters of the PDF exhibits, after `written` exhibits of the body's own. */
export function letterAppended(written: number, sources: readonly PdfExhibitSource[]): AppendedExhibit[] {
  return sources.map((source, index) => ({ ...source, letter: exhibitLetter(written + index) }));
}

/** A, B, … Z; past Z there is no letter, which the engine reports. */
export function exhibitLetter(index: number): string {
  return index < 26 ? String.fromCharCode(65 + index) : '';
}
