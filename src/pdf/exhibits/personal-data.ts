/**
 * PDF exhibits through the personal-data check: each page's words (text.ts)
 * are checked as every output is, before anything is written; pages whose
 * words cannot be read (a scan, a font with no map to Unicode) are named in
 * a warning, since nothing on them was checked.
 */
import { stat } from 'node:fs/promises';
import { UserError, type Problem } from '../../errors.js';
import { assertNoPersonalData, type OutputText, type PersonalData } from '../../privacy/scan.js';
import type { ExhibitToAppend } from './append.js';
import type { ExhibitText } from './text.js';

/** Each file's text, read once while it is unchanged (a batch appends the same exhibits to every period). */
const read = new Map<string, Promise<ExhibitText>>();

async function textOf(exhibit: ExhibitToAppend): Promise<{ text: ExhibitText; first: boolean }> {
  const { size, mtimeMs } = await stat(exhibit.pdf).catch(() => ({ size: -1, mtimeMs: -1 }));
  const key = `${exhibit.pdf}\u0000${size}\u0000${mtimeMs}`;
  const known = read.get(key);
  if (known) return { text: await known, first: false };
  const reading = (async () => {
    const [{ loadExhibit }, { exhibitText }] = await Promise.all([import('./inspect.js'), import('./text.js')]);
    return exhibitText(await loadExhibit(exhibit.pdf, exhibit.shown));
  })();
  read.set(key, reading);
  reading.catch(() => read.delete(key));
  return { text: await reading, first: true };
}

/**
 * Throws the personal-data UserError when an exhibit's text holds a pii value of the snapshots; returns
 * the warnings for pages not checked (once per file and process, so a batch says it once).
 */
export async function checkExhibitsForPersonalData(exhibits: readonly ExhibitToAppend[], pii: readonly PersonalData[], maskVisible: number): Promise<Problem[]> {
  const warnings: Problem[] = [];
  const outputs: OutputText[] = [];
  for (const exhibit of exhibits) {
    const { text, first } = await textOf(exhibit);
    text.pages.forEach((page, i) => outputs.push({ name: `${exhibit.shown} (Exhibit ${exhibit.letter}) page ${i + 1}`, text: page }));
    if (first && text.unread.length > 0) {
      warnings.push({
        location: { file: exhibit.shown },
        message: `Exhibit ${exhibit.letter}: ${pagesPhrase(text.unread, text.pages.length)} no text that can be read (a scanned image, or a font with no map to Unicode), so not checked for personal data`,
        hint: 'check those pages yourself for what Fed. R. Civ. P. 5.2(a) requires redacted, or use a PDF with a text layer',
      });
    }
  }
  try {
    assertNoPersonalData(outputs, pii, { maskVisible });
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    throw new UserError(
      error.problems.map((problem) => ({
        ...problem,
        hint: 'the exhibit PDF prints it: redact it there (Fed. R. Civ. P. 5.2(a)) or leave the exhibit out; a value that may be printed (a named party) goes in privacy.allow',
      })),
      { cause: error },
    );
  }
  return warnings;
}

function pagesPhrase(pages: number[], total: number): string {
  if (pages.length === total) return total === 1 ? 'its page has' : `all ${total} pages have`;
  return `${pages.length === 1 ? 'page' : 'pages'} ${pages.join(', ')} ${pages.length === 1 ? 'has' : 'have'}`;
}
