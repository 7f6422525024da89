/**
 * Loads a PDF exhibit and refuses what a court's CM/ECF intake refuses: an
 * encrypted or damaged file, JavaScript or other actions that run, attached
 * files, and embedded media. Each refusal names the file and what was found.
 */
import { open } from 'node:fs/promises';
import { EncryptedPDFError, PDFDict, PDFDocument, PDFName, PDFRawStream, ParseSpeeds } from 'pdf-lib';
import { UserError } from '../../errors.js';

/** Courts cap a filing's file at 35–50 MB; anything larger is refused before it is read. */
export const MAX_EXHIBIT_BYTES = 50 * 1024 * 1024;

/** Keys whose presence means the PDF can run something, and what to call it. */
const ACTIVE_KEYS: Record<string, string> = {
  JS: 'JavaScript',
  JavaScript: 'JavaScript',
  AA: 'actions that run when it is opened or read (/AA)',
  OpenAction: 'an action that runs when it is opened (/OpenAction)',
  EmbeddedFiles: 'attached files',
  EmbeddedFile: 'an attached file',
  RichMediaContent: 'embedded media',
  XFA: 'an XFA form',
};
/** Values of /S (action type) or /Subtype that are refused. */
const ACTIVE_TYPES: Record<string, string> = {
  JavaScript: 'JavaScript',
  Launch: 'an action that launches a program (/Launch)',
  ImportData: 'an action that imports data',
  SubmitForm: 'an action that submits a form',
  FileAttachment: 'an attached file',
  RichMedia: 'embedded media (/RichMedia)',
  Movie: 'a movie',
  Sound: 'a sound',
  Screen: 'embedded media (/Screen)',
  '3D': 'a 3D model',
};

/** The exhibit's document, ready to copy pages from; a UserError naming `shown` when it is refused. */
export async function loadExhibit(file: string, shown: string): Promise<PDFDocument> {
  const refuse = (message: string, hint?: string, cause?: unknown) =>
    new UserError(
      { location: { file: shown }, message: `exhibit PDF refused: ${message}`, hint: hint ?? 'CM/ECF rejects such files; export or print the document to a plain PDF and use that file' },
      cause === undefined ? undefined : { cause },
    );
  const bytes = await readBounded(file, shown);
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) throw refuse('it is not a PDF (no %PDF- header)', 'template.exhibits[].pdf must name a PDF file');
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 2048))).toString('latin1');
  if (!tail.includes('%%EOF')) throw refuse('it is damaged: it ends without %%EOF (cut short?)');
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest, throwOnInvalidObject: true });
  } catch (error) {
    // Matched by message too: the bundle may hold pdf-lib's error class twice.
    if (error instanceof EncryptedPDFError || /is encrypted/.test((error as Error).message)) throw refuse('it is encrypted (password-protected or restricted)', 'save a copy without a password or restrictions and use that file', error);
    throw refuse(`it is damaged: ${(error as Error).message.split('\n')[0]}`, undefined, error);
  }
  if (doc.context.trailerInfo.Encrypt) throw refuse('it is encrypted (password-protected or restricted)', 'save a copy without a password or restrictions and use that file');
  if (doc.getPageCount() === 0) throw refuse('it is damaged: it has no pages');
  const active = activeContent(doc);
  if (active) throw refuse(`it carries ${active}`);
  return doc;
}

/** What in the document could run or carry other files, or null; JavaScript is named before anything else. */
function activeContent(doc: PDFDocument): string | null {
  const dictionaries: PDFDict[] = [doc.catalog];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (object instanceof PDFDict) dictionaries.push(object);
    else if (object instanceof PDFRawStream) dictionaries.push(object.dict);
  }
  for (const onlyScripts of [true, false]) {
    for (const dict of dictionaries) {
      const found = activeIn(dict, 0, onlyScripts);
      if (found) return found;
    }
  }
  return null;
}

/** Looks through a dictionary and the dictionaries written inside it (not through references: each is checked on its own). */
function activeIn(dict: PDFDict, depth: number, onlyScripts: boolean): string | null {
  for (const [key, value] of dict.entries()) {
    const name = key.decodeText();
    const type = (name === 'S' || name === 'Subtype') && value instanceof PDFName ? ACTIVE_TYPES[value.decodeText()] : undefined;
    const found = ACTIVE_KEYS[name] ?? type;
    if (found && (!onlyScripts || found === 'JavaScript')) return found;
    if (value instanceof PDFDict && depth < 32) {
      const inner = activeIn(value, depth + 1, onlyScripts);
      if (inner) return inner;
    }
  }
  return null;
}

async function readBounded(file: string, shown: string): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new UserError({ location: { file: shown }, message: 'cannot read the exhibit PDF', hint: (error as Error).message }, { cause: error });
  }
  try {
    const { size } = await handle.stat();
    if (size > MAX_EXHIBIT_BYTES) {
      throw new UserError({
        location: { file: shown },
        message: `exhibit PDF refused: it is ${(size / 1024 / 1024).toFixed(1)} MB`,
        expected: `at most ${MAX_EXHIBIT_BYTES / 1024 / 1024} MB, what courts accept per file`,
        hint: 'reduce it (fewer pages, lower image resolution) or file it separately',
      });
    }
    const bytes = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const { bytesRead } = await handle.read(bytes, read, size - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return bytes.subarray(0, read);
  } finally {
    await handle.close();
  }
}
