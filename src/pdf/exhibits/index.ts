/** PDF exhibits: checked by validate, appended by the PDF's re-write (rewrite.ts). */
import type { PdfExhibitSource } from '../../config/types.js';
import { displayPath } from '../../display-path.js';

/** Loads each exhibit PDF as a build would and throws the first refusal; pdf-lib is loaded only when there are exhibits. */
export async function checkExhibits(exhibits: readonly PdfExhibitSource[], cwd: string): Promise<void> {
  if (exhibits.length === 0) return;
  const { loadExhibit } = await import('./inspect.js');
  for (const exhibit of exhibits) await loadExhibit(exhibit.pdf, displayPath(exhibit.pdf, cwd));
}
